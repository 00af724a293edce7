// Writes a run's realised contagion paths: one CONTAGION relationship per hop {run, failure, hop, step, channel,
// amountUsd, priceChange}, between the nodes the hop joins (MERGEd on their ids; labels come from a fixed list).
// $rows: {fromLabel, fromId, toLabel, toId, props}
UNWIND $rows AS row
CALL apoc.merge.node([row.fromLabel], {id: row.fromId}) YIELD node AS a
CALL apoc.merge.node([row.toLabel], {id: row.toId}) YIELD node AS b
CREATE (a)-[c:CONTAGION]->(b)
SET c = row.props
RETURN count(c) AS written
