// Largest exposures: which holdings, claims on other protocols and loans (by their collateral asset) are the
// largest, in USD at initial prices, and what share of the holder's assets each is? (as `contagion inspect`)
// :param limit => 15
CALL {
  MATCH (p:Protocol)-[h:HOLDS]->(a:Asset)
  RETURN p, 'holding' AS channel, 'asset:' + a.id AS exposedTo, sum(h.exposureUsdF) AS usd
  UNION ALL
  MATCH (p:Protocol)-[c:CLAIM_ON]->(q:Protocol)
  RETURN p, 'claim' AS channel, 'protocol:' + q.id AS exposedTo, sum(c.exposureUsdF) AS usd
  UNION ALL
  MATCH (p:Protocol)-[:RUNS]->(m:Market)-[:COLLATERAL]->(a:Asset)
  RETURN p, 'collateral' AS channel, 'asset:' + a.id AS exposedTo, sum(m.debtUsdF) AS usd
}
RETURN p.id AS holder, channel, exposedTo, round(usd, 2) AS exposureUsd,
       CASE WHEN p.assetsUsdF > 0 THEN round(usd / p.assetsUsdF, 4) ELSE 0.0 END AS shareOfAssets
ORDER BY usd DESC, holder, channel, exposedTo
LIMIT $limit
