// Writes the scenario events a run's contagion paths start from: (:Run)-[:HAS_EVENT]->(:Event {id, run, index}).
// $run: the run id; $rows: the events' properties
MATCH (r:Run {id: $run})
UNWIND $rows AS row
CREATE (r)-[:HAS_EVENT]->(e:Event)
SET e = row
RETURN count(e) AS written
