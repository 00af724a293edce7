// Stages ON_CHAIN relationships, (:Asset|Protocol|Oracle|Venue)-[:ON_CHAIN]->(:Chain): the chain a token, protocol, oracle or venue lives on (the first chain when the file names none).
// One row per relationship, {from, to: element ids of staged nodes of load $load, props}; `written` counts only
// those between nodes of this load (the caller rolls the batch back when it falls short).
UNWIND $rows AS row
MATCH (a:Staging) WHERE elementId(a) = row.from
MATCH (b:Staging) WHERE elementId(b) = row.to
CREATE (a)-[r:ON_CHAIN]->(b)
SET r = row.props
RETURN count(CASE WHEN a.stagingLoad = $load AND b.stagingLoad = $load THEN r END) AS written
