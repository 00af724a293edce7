// Who depends on this oracle? The markets that read it (for their collateral or their debt), the protocols
// running them, the USD each market prices with it, and the protocols holding claims on those protocols.
// :param oracle => 'chainlink-eth-usd'
MATCH (o:Oracle {id: $oracle})<-[pb:PRICED_BY]-(m:Market)<-[:RUNS]-(p:Protocol)
OPTIONAL MATCH (creditor:Protocol)-[:CLAIM_ON]->(p)
WITH p, m, pb, collect(DISTINCT creditor.id) AS creditors
RETURN p.id AS protocol, m.id AS market, pb.role AS role, round(pb.exposureUsdF, 2) AS pricedUsd, creditors
ORDER BY pricedUsd DESC, protocol, market
