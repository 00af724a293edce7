// Writes ISSUES relationships, (:Protocol)-[:ISSUES]->(:Asset): tokens a protocol issues and owes at par (supply).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Protocol {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:ISSUES]->(b)
SET r = row.props
RETURN count(r) AS written
