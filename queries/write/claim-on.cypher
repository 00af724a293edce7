// Writes CLAIM_ON relationships, (:Protocol)-[:CLAIM_ON]->(:Protocol): claims of a protocol on another (deposits, vault shares, loans).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Protocol {id: row.from})
MATCH (b:Protocol {id: row.to})
CREATE (a)-[r:CLAIM_ON]->(b)
SET r = row.props
RETURN count(r) AS written
