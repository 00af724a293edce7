// Writes COLLATERAL relationships, (:Market)-[:COLLATERAL]->(:Asset): a market's collateral asset (total amount, thresholds).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Market {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:COLLATERAL]->(b)
SET r = row.props
RETURN count(r) AS written
