// Which runs are stored? Newest first, with their scenario, network, bad debt, loss and failures.
// :param limit => 20
MATCH (r:Run)
RETURN r.id AS run, r.scenario AS scenario, r.network AS network, r.seed AS seed, r.breakers AS breakers,
       r.badDebtUsd AS badDebtUsd, r.lossUsd AS lossUsd, r.insolventCount AS insolvent, r.stressedCount AS stressed,
       toString(r.writtenAt) AS writtenAt
ORDER BY r.writtenAt DESC, run
LIMIT $limit
