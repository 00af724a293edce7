// Stages TO_CHAIN relationships, (:Bridge)-[:TO_CHAIN]->(:Chain): the chain the copy is issued on.
// One row per relationship, {from, to: element ids of staged nodes of load $load, props}; `written` counts only
// those between nodes of this load (the caller rolls the batch back when it falls short).
UNWIND $rows AS row
MATCH (a:Staging) WHERE elementId(a) = row.from
MATCH (b:Staging) WHERE elementId(b) = row.to
CREATE (a)-[r:TO_CHAIN]->(b)
SET r = row.props
RETURN count(CASE WHEN a.stagingLoad = $load AND b.stagingLoad = $load THEN r END) AS written
