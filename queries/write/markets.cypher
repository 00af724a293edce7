// Writes the Market nodes of a network (loan terms, cohorts as JSON, collateral and debt totals): one row per node, {id, props}; a node that
// exists already keeps its run results and has its properties replaced as a whole.
UNWIND $rows AS row
MERGE (n:Market {id: row.id})
SET n = row.props
RETURN count(n) AS written
