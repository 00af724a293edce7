// Reads every relationship of the network with the labels and ids of its ends and its properties.
MATCH (a)-[r:HOLDS|CLAIM_ON|ISSUES|RUNS|COLLATERAL|DEBT|PRICED_BY|TRACKS|PEGGED_TO|CONVERTIBLE_TO|TRADES|LEVERAGE_LOOP]->(b)
RETURN type(r) AS type, labels(a) AS fromLabels, a.id AS from, labels(b) AS toLabels, b.id AS to,
       properties(r) AS props
ORDER BY r.ord
