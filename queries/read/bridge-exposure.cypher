// What is exposed to this bridge? The protocols holding its copy and those lending against it (markets taking
// the copy as collateral), by USD at the network's prices, with the path from the bridge; an empty bridge
// id means every bridge.
// :param bridge => ''
MATCH (b:Bridge)-[:COPY]->(copy:Asset)
WHERE $bridge = '' OR b.id = $bridge
CALL {
  WITH b, copy
  MATCH (p:Protocol)-[h:HOLDS]->(copy)
  RETURN p.id AS protocol, 'holds' AS channel, null AS market, h.exposureUsdF AS usd,
         ['bridge:' + b.id, 'asset:' + copy.id, 'protocol:' + p.id] AS path
  UNION ALL
  WITH b, copy
  MATCH (p:Protocol)-[:RUNS]->(m:Market)-[c:COLLATERAL]->(copy)
  RETURN p.id AS protocol, 'lends against' AS channel, m.id AS market, c.exposureUsdF AS usd,
         ['bridge:' + b.id, 'asset:' + copy.id, 'market:' + m.id, 'protocol:' + p.id] AS path
}
RETURN b.id AS bridge, copy.id AS copy, protocol, channel, market, round(usd, 2) AS exposureUsd, path
ORDER BY exposureUsd DESC, bridge, protocol, channel, market
