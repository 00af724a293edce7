// Writes DEBT relationships, (:Market)-[:DEBT]->(:Asset): a market's debt asset (total amount).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Market {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:DEBT]->(b)
SET r = row.props
RETURN count(r) AS written
