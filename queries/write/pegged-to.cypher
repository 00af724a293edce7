// Writes PEGGED_TO relationships, (:Asset)-[:PEGGED_TO]->(:Asset): pegs to another asset (rate, issuer).
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Asset {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:PEGGED_TO]->(b)
SET r = row.props
RETURN count(r) AS written
