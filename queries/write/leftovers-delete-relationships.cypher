// Deletes up to $batch relationships leaving leftover nodes: the previous network retired by a swap, and the
// staged copy of any load other than $load (one interrupted before its swap). One batch per transaction.
MATCH (n)-[r]->()
WHERE n:Retired OR (n:Staging AND n.stagingLoad <> $load)
WITH r LIMIT $batch
DELETE r
RETURN count(r) AS removed
