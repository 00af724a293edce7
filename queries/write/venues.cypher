// Writes the Venue nodes of a network (where assets trade): one row per node, {id, props}; a node that
// exists already keeps its run results and has its properties replaced as a whole.
UNWIND $rows AS row
MERGE (n:Venue {id: row.id})
SET n = row.props
RETURN count(n) AS written
