// Writes PRICED_BY relationships, (:Market)-[:PRICED_BY]->(:Oracle): oracles a market reads (role: collateral or debt).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Market {id: row.from})
MATCH (b:Oracle {id: row.to})
CREATE (a)-[r:PRICED_BY]->(b)
SET r = row.props
RETURN count(r) AS written
