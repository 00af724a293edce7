// Swap: moves the CONTAGION hops of stored runs that reach a node of the stored network to the staged node of
// load $load with the same label and id (after the outgoing ones, so hops between two such nodes move at both ends).
MATCH (x)-[c:CONTAGION]->(old)
WHERE old:Asset OR old:Protocol OR old:Market OR old:Oracle OR old:Venue
MATCH (new:Staging {stagingLoad: $load, stagingLabel: labels(old)[0], id: old.id})
CREATE (x)-[d:CONTAGION]->(new)
SET d = properties(c)
DELETE c
RETURN count(d) AS moved
