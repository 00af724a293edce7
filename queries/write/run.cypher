// Writes a (:Run) node: scenario, network, seed and the summary (USD as exact strings with ...F float shadows).
// $props: the node's properties
CREATE (r:Run)
SET r = $props, r.writtenAt = datetime()
RETURN count(r) AS written
