// Writes LEVERAGE_LOOP relationships, (:Asset)-[:LEVERAGE_LOOP]->(:Asset): markets whose collateral is pegged to their debt, derived at load time (market, maxLeverage).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Asset {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:LEVERAGE_LOOP]->(b)
SET r = row.props
RETURN count(r) AS written
