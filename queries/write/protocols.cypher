// Writes the Protocol nodes of a network (balance sheets: amounts, default mode, default costs): one row per node, {id, props}; a node that
// exists already keeps its run results and has its properties replaced as a whole.
UNWIND $rows AS row
MERGE (n:Protocol {id: row.id})
SET n = row.props
RETURN count(n) AS written
