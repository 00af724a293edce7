// How do two runs differ, protocol by protocol (e.g. without and with breakers)? Status, loss and bad debt in
// each and the change from a to b, largest change first. `latest` is the run written last, `previous` the one before.
// :param a => 'previous'
// :param b => 'latest'
MATCH (r:Run)
WITH r ORDER BY r.writtenAt DESC
WITH collect(r) AS recent
WITH [x IN [$a, $b] |
       CASE x WHEN 'latest' THEN recent[0] WHEN 'previous' THEN recent[1]
       ELSE head([y IN recent WHERE y.id = x]) END] AS pair
WITH pair[0] AS ra, pair[1] AS rb
WHERE ra IS NOT NULL AND rb IS NOT NULL
MATCH (p:Protocol)
OPTIONAL MATCH (ra)-[ia:IMPACTED]->(p)
OPTIONAL MATCH (rb)-[ib:IMPACTED]->(p)
WITH ra, rb, p, ia, ib
WHERE ia IS NOT NULL OR ib IS NOT NULL
WITH ra, rb, p, coalesce(ia.status, 'healthy') AS statusA, coalesce(ib.status, 'healthy') AS statusB,
     coalesce(ia.lossUsdF, 0.0) AS lossA, coalesce(ib.lossUsdF, 0.0) AS lossB,
     coalesce(ia.badDebtUsdF, 0.0) AS badDebtA, coalesce(ib.badDebtUsdF, 0.0) AS badDebtB
RETURN ra.id AS runA, rb.id AS runB, p.id AS protocol, statusA, statusB,
       round(lossA, 2) AS lossUsdA, round(lossB, 2) AS lossUsdB, round(lossB - lossA, 2) AS lossChangeUsd,
       round(badDebtA, 2) AS badDebtUsdA, round(badDebtB, 2) AS badDebtUsdB, round(badDebtB - badDebtA, 2) AS badDebtChangeUsd
ORDER BY abs(lossB - lossA) DESC, protocol
