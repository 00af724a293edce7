// Writes the (:Network) node: name, date, format, description and the sources map as JSON.
// $props: the node's properties
CREATE (n:Network)
SET n = $props, n.loadedAt = datetime()
RETURN count(n) AS written
