// Removes every relationship of the stored network (not those of the runs): the first step of a load,
// which then writes the new network's relationships. Runs inside the load's single transaction.
MATCH ()-[r:HOLDS|CLAIM_ON|ISSUES|RUNS|COLLATERAL|DEBT|PRICED_BY|TRACKS|PEGGED_TO|CONVERTIBLE_TO|TRADES|LEVERAGE_LOOP]->()
DELETE r
