// Which protocols on this chain depend on an oracle posting on another chain? Each market of a protocol on
// the chain that reads such an oracle (for its collateral or its debt), the oracle's chain and the USD it
// prices; an empty chain id means every chain.
// :param chain => ''
MATCH (p:Protocol)-[:ON_CHAIN]->(c:Chain)
WHERE $chain = '' OR c.id = $chain
MATCH (p)-[:RUNS]->(m:Market)-[pb:PRICED_BY]->(o:Oracle)-[:ON_CHAIN]->(oc:Chain)
WHERE oc.id <> c.id
RETURN c.id AS chain, p.id AS protocol, m.id AS market, o.id AS oracle, oc.id AS oracleChain, pb.role AS role,
       round(pb.exposureUsdF, 2) AS pricedUsd
ORDER BY pricedUsd DESC, chain, protocol, market, oracle
