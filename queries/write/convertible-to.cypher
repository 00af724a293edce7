// Writes CONVERTIBLE_TO relationships, (:Asset)-[:CONVERTIBLE_TO]->(:Asset): mint and redeem links (rate, fee, direction, capacity).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Asset {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:CONVERTIBLE_TO]->(b)
SET r = row.props
RETURN count(r) AS written
