// Stages FROM_CHAIN relationships, (:Bridge)-[:FROM_CHAIN]->(:Chain): the chain of the canonical token and the escrow.
// One row per relationship, {from, to: element ids of staged nodes of load $load, props}; `written` counts only
// those between nodes of this load (the caller rolls the batch back when it falls short).
UNWIND $rows AS row
MATCH (a:Staging) WHERE elementId(a) = row.from
MATCH (b:Staging) WHERE elementId(b) = row.to
CREATE (a)-[r:FROM_CHAIN]->(b)
SET r = row.props
RETURN count(CASE WHEN a.stagingLoad = $load AND b.stagingLoad = $load THEN r END) AS written
