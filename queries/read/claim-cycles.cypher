// Cycles of claims: which protocols hold claims on each other in a loop (vault in vault, issuer in issuer), up to
// 6 protocols long, and how much does a loss grow going around? loopShare is the product of the hops' shares of
// the holder's assets (parallel claims added); amplification = 1 / (1 - loopShare). For each claim, the shortest
// ways back from the debtor to the holder close its cycles (every cycle of a network whose cycles share no claims,
// the sample's among them; on a dense network, the shortest cycles through each claim): one bidirectional search
// per claim instead of every path, so it scales to networks with tens of thousands of claims.
// :param limit => 25
MATCH (a:Protocol)-[:CLAIM_ON]->(b:Protocol)
WHERE EXISTS { (b)-[:CLAIM_ON]->(:Protocol) } AND EXISTS { (:Protocol)-[:CLAIM_ON]->(a) }
WITH DISTINCT a, b
MATCH back = allShortestPaths((b)-[:CLAIM_ON*1..5]->(a))
WITH a, nodes(back) AS ring
WITH [a] + ring[0..-1] AS ring
WITH ring, reduce(m = 0, i IN range(1, size(ring) - 1) | CASE WHEN ring[i].id < ring[m].id THEN i ELSE m END) AS m
WITH ring[m..] + ring[..m] AS ring
WITH DISTINCT ring
WITH ring + ring[0] AS ns
UNWIND range(0, size(ns) - 2) AS i
WITH ns, i, ns[i] AS holder, ns[i + 1] AS debtor
MATCH (holder)-[c:CLAIM_ON]->(debtor)
WITH ns, i, sum(coalesce(c.shareF, 0.0)) AS share, collect(c)[0] AS claim
WITH ns, collect({i: i, share: share, claim: claim}) AS hops
WITH ns, [k IN range(0, size(ns) - 2) | head([h IN hops WHERE h.i = k])] AS hops
WITH [n IN ns | n.id] AS protocols, ns, hops, reduce(x = 1.0, h IN hops | x * h.share) AS loopShare
RETURN protocols, size(protocols) - 1 AS length, round(loopShare, 6) AS loopShare,
       CASE WHEN loopShare < 1 THEN round(1.0 / (1.0 - loopShare), 4) END AS amplification,
       apoc.path.create(ns[0], [h IN hops | h.claim]) AS path
ORDER BY loopShare DESC, protocols
LIMIT $limit
