// Swap: moves the CONTAGION hops of stored runs that leave a node of the stored network to the staged node of
// load $load with the same label and id.
MATCH (old)-[c:CONTAGION]->(x)
WHERE old:Asset OR old:Protocol OR old:Market OR old:Oracle OR old:Venue
MATCH (new:Staging {stagingLoad: $load, stagingLabel: labels(old)[0], id: old.id})
CREATE (new)-[d:CONTAGION]->(x)
SET d = properties(c)
DELETE c
RETURN count(d) AS moved
