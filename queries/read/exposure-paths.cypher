// Exposure paths: which protocols can a fall of this asset reach, and by which shortest path? The same
// question as `contagion paths --from asset:X`, over the same links: a protocol is exposed by holding the
// asset, by lending against it as collateral or lending it, through assets pegged to it, through tokens
// issued by an exposed protocol (a vault's shares, a market's receipts), and through claims on exposed
// protocols, up to 6 such hops (a market between a protocol and its collateral is not a hop of its own).
// Each protocol is listed once, with the path of fewest hops; `contagion paths` ranks paths by the share
// they transmit instead, so its best path may be longer. exposureUsd is the protocol's own last step: the
// holding, the loans of its market, or its claim.
// It follows every link; `contagion paths` leaves out a protocol whose own tokens pegged to the asset offset
// what it holds and lends (a relationship marked `nettedOut`: Hyperliquid's USDC against the USDC-HL it owes),
// so a protocol reached here only through such a link is not in its list; `via` and `nettedOut` say why.
// :param asset => 'ETH'
MATCH (a:Asset {id: $asset})
CALL apoc.path.expandConfig(a, {
  relationshipFilter: '<HOLDS|<COLLATERAL|<DEBT|<PEGGED_TO|<CLAIM_ON|<RUNS|ISSUES>',
  labelFilter: '>Protocol', uniqueness: 'NODE_GLOBAL', bfs: true, minLevel: 1, maxLevel: 12
}) YIELD path
WITH last(nodes(path)) AS p, path, last(relationships(path)) AS own, nodes(path)[-2] AS next,
     [r IN relationships(path) WHERE type(r) <> 'RUNS'] AS hops
WHERE size(hops) <= 6
RETURN p.id AS protocol, size(hops) AS hops, type(own) AS via,
       any(r IN relationships(path) WHERE coalesce(r.nettedOut, false)) AS nettedOut,
       round(CASE type(own) WHEN 'RUNS' THEN next.debtUsdF ELSE own.exposureUsdF END, 2) AS exposureUsd, path
ORDER BY hops, exposureUsd DESC, protocol
