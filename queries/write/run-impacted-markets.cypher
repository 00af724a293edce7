// Writes (:Run)-[:IMPACTED]->(:Market): debt liquidated and bad debt in the market.
// $run: the run id; $rows: {id, props}; the Market is MERGEd on its id.
MATCH (r:Run {id: $run})
UNWIND $rows AS row
MERGE (n:Market {id: row.id})
CREATE (r)-[i:IMPACTED]->(n)
SET i = row.props
RETURN count(i) AS written
