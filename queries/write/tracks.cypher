// Writes TRACKS relationships, (:Oracle)-[:TRACKS]->(:Asset): assets an oracle reports (role: reports or proxy).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Oracle {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:TRACKS]->(b)
SET r = row.props
RETURN count(r) AS written
