// Swap: promotes the staged nodes of load $load to the network: each takes its real label and drops the
// staging properties. The last step of the swap transaction.
MATCH (n:Staging {stagingLoad: $load})
SET n:$(n.stagingLabel)
REMOVE n:Staging, n.stagingLoad, n.stagingLabel
RETURN count(n) AS written
