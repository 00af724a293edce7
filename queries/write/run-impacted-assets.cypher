// Writes (:Run)-[:IMPACTED]->(:Asset): initial, final and lowest price, largest drawdown, collateral seized.
// $run: the run id; $rows: {id, props}; the Asset is MERGEd on its id.
MATCH (r:Run {id: $run})
UNWIND $rows AS row
MERGE (n:Asset {id: row.id})
CREATE (r)-[i:IMPACTED]->(n)
SET i = row.props
RETURN count(i) AS written
