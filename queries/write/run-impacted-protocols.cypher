// Writes (:Run)-[:IMPACTED]->(:Protocol): status, first stressed and insolvent steps, equity, loss (by channel), bad debt, liquidations, recovery.
// $run: the run id; $rows: {id, props}; the Protocol is MERGEd on its id.
MATCH (r:Run {id: $run})
UNWIND $rows AS row
MERGE (n:Protocol {id: row.id})
CREATE (r)-[i:IMPACTED]->(n)
SET i = row.props
RETURN count(i) AS written
