// What did a run do to each protocol? Status, first stressed and insolvent steps, loss (and its largest
// channels), bad debt and liquidations, largest loss first. `latest` is the run written last.
// :param run => 'latest'
MATCH (r:Run)
WITH r ORDER BY r.writtenAt DESC
WITH collect(r) AS recent
WITH CASE $run WHEN 'latest' THEN recent[0] ELSE head([x IN recent WHERE x.id = $run]) END AS r
MATCH (r)-[i:IMPACTED]->(p:Protocol)
RETURN r.id AS run, p.id AS protocol, i.status AS status, i.firstStressedStep AS stressedAt,
       i.firstInsolventStep AS insolventAt, i.lossUsd AS lossUsd, i.badDebtUsd AS badDebtUsd,
       i.liquidatedUsd AS liquidatedUsd, i.lossPriceUsd AS priceLossUsd, i.lossCounterpartyUsd AS counterpartyLossUsd,
       i.lossPegUsd AS pegLossUsd, i.lossExogenousUsd AS exogenousLossUsd, round(i.recovery, 4) AS recovery
ORDER BY i.lossUsdF DESC, protocol
