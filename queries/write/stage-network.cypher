// Stages the (:Network) node of a load: name, date, format, description, the sources map as JSON, and when
// the load began. $load: the load id; $props: the node's properties
CREATE (n:Staging)
SET n = $props, n.stagingLoad = $load, n.stagingLabel = 'Network', n.loadedAt = datetime()
RETURN count(n) AS written
