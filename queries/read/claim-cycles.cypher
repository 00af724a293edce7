// Cycles of claims: which protocols hold claims on each other in a loop (vault in vault, issuer in issuer), up to
// 6 protocols long, and how much does a loss grow going around? loopShare is the product of the hops' shares of
// the holder's assets (parallel claims added); amplification = 1 / (1 - loopShare). The search grows fast with
// the number of claims: on networks with tens of thousands of them, expect it to need a long timeout.
// :param limit => 25
MATCH path = (p:Protocol)-[:CLAIM_ON*1..6]->(p)
WHERE all(n IN nodes(path) WHERE n.id >= p.id)
WITH path, nodes(path) AS ns
WHERE size(apoc.coll.toSet(ns)) = length(path)
WITH [n IN ns | n.id] AS protocols, path,
     reduce(x = 1.0, r IN relationships(path) | x * coalesce(r.shareF, 0.0)) AS share
WITH protocols, collect(path)[0] AS path, sum(share) AS loopShare
RETURN protocols, size(protocols) - 1 AS length, round(loopShare, 6) AS loopShare,
       CASE WHEN loopShare < 1 THEN round(1.0 / (1.0 - loopShare), 4) END AS amplification, path
ORDER BY loopShare DESC, protocols
LIMIT $limit
