// The first step of a swap: how many nodes and relationships load $load has staged (relationships counted
// from the staged nodes' degrees, so the check stays fast on large networks).
MATCH (n:Staging {stagingLoad: $load})
RETURN count(n) AS nodes, sum(COUNT { (n)-->() }) AS relationships
