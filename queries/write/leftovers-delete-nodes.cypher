// Deletes up to $batch leftover nodes (retired, or staged by a load other than $load) with the relationships
// still attached to them (run results of nodes the new network lacks). One batch per transaction.
MATCH (n)
WHERE n:Retired OR (n:Staging AND n.stagingLoad <> $load)
WITH n LIMIT $batch
DETACH DELETE n
RETURN count(n) AS removed
