// Writes RUNS relationships, (:Protocol)-[:RUNS]->(:Market): markets a protocol runs (ord: position in its list).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Protocol {id: row.from})
MATCH (b:Market {id: row.to})
CREATE (a)-[r:RUNS]->(b)
SET r = row.props
RETURN count(r) AS written
