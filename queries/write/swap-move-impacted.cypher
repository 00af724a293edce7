// Swap: moves the IMPACTED results of stored runs from each node of the stored network to the staged node of
// load $load with the same label and id (a node kept by id keeps its run results).
MATCH (run:Run)-[i:IMPACTED]->(old)
WHERE old:Asset OR old:Protocol OR old:Market OR old:Oracle OR old:Venue
MATCH (new:Staging {stagingLoad: $load, stagingLabel: labels(old)[0], id: old.id})
CREATE (run)-[j:IMPACTED]->(new)
SET j = properties(i)
DELETE i
RETURN count(j) AS moved
