// Removes a stored run: its CONTAGION relationships, its (:Run) node with its IMPACTED relationships, and its
// (:Event) nodes. $run: the run id
OPTIONAL MATCH ()-[c:CONTAGION {run: $run}]->()
DELETE c
WITH count(*) AS removed
OPTIONAL MATCH (r:Run {id: $run})
OPTIONAL MATCH (e:Event {run: $run})
DETACH DELETE r, e
