// Stages CLAIM_ON relationships, (:Protocol)-[:CLAIM_ON]->(:Protocol): claims of a protocol on another (deposits, vault shares, loans).
// One row per relationship, {from, to: element ids of staged nodes of load $load, props}; `written` counts only
// those between nodes of this load (the caller rolls the batch back when it falls short).
UNWIND $rows AS row
MATCH (a:Staging) WHERE elementId(a) = row.from
MATCH (b:Staging) WHERE elementId(b) = row.to
CREATE (a)-[r:CLAIM_ON]->(b)
SET r = row.props
RETURN count(CASE WHEN a.stagingLoad = $load AND b.stagingLoad = $load THEN r END) AS written
