// Writes RUNS relationships, (:Protocol)-[:RUNS]->(:Venue): venues a protocol operates.
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Protocol {id: row.from})
MATCH (b:Venue {id: row.to})
CREATE (a)-[r:RUNS]->(b)
SET r = row.props
RETURN count(r) AS written
