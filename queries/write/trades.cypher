// Writes TRADES relationships, (:Venue)-[:TRADES]->(:Asset): depth of an asset on a venue.
// One row per relationship, {from: id, to: id, props}.
UNWIND $rows AS row
MATCH (a:Venue {id: row.from})
MATCH (b:Asset {id: row.to})
CREATE (a)-[r:TRADES]->(b)
SET r = row.props
RETURN count(r) AS written
