// Writes the Asset nodes of a network (tokens with their initial prices and pegs): one row per node, {id, props}; a node that
// exists already keeps its run results and has its properties replaced as a whole.
UNWIND $rows AS row
MERGE (n:Asset {id: row.id})
SET n = row.props
RETURN count(n) AS written
