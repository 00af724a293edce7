// Exposure paths: which protocols can a fall of this asset reach, and by which shortest path? A protocol is
// exposed by holding the asset, by lending against it as collateral, through assets pegged to it, and through
// claims on protocols that are exposed (up to 6 hops). exposureUsd is the protocol's own first step: the
// holding, the loans of its market, or its claim.
// :param asset => 'ETH'
MATCH (a:Asset {id: $asset})
MATCH (p:Protocol)
MATCH path = shortestPath((p)-[:HOLDS|RUNS|COLLATERAL|PEGGED_TO|CLAIM_ON*1..6]->(a))
WITH p, path, relationships(path)[0] AS first, nodes(path)[1] AS next
RETURN p.id AS protocol, length(path) AS hops, type(first) AS via,
       round(CASE type(first) WHEN 'RUNS' THEN next.debtUsdF ELSE first.exposureUsdF END, 2) AS exposureUsd, path
ORDER BY hops, exposureUsd DESC, protocol
