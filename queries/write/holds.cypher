// Writes HOLDS relationships, (:Protocol)-[:HOLDS]->(:Asset): tokens a protocol holds (amount, exposure, share of its assets).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Protocol {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:HOLDS]->(b)
SET r = row.props
RETURN count(r) AS written
