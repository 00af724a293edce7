// Writes the Oracle nodes of a network (price feeds: source kind, heartbeat, deviation, latency): one row per node, {id, props}; a node that
// exists already keeps its run results and has its properties replaced as a whole.
UNWIND $rows AS row
MERGE (n:Oracle {id: row.id})
SET n = row.props
RETURN count(n) AS written
