// Reads every relationship of the network with the labels and ids of its ends and its properties (the reader
// puts them in file order; relationships of leftover staged or retired nodes are left out).
MATCH (a)-[r:HOLDS|CLAIM_ON|ISSUES|RUNS|COLLATERAL|DEBT|PRICED_BY|TRACKS|PEGGED_TO|CONVERTIBLE_TO|TRADES|LEVERAGE_LOOP]->(b)
WHERE NOT a:Staging AND NOT a:Retired
RETURN type(r) AS type, labels(a) AS fromLabels, a.id AS from, labels(b) AS toLabels, b.id AS to,
       properties(r) AS props
