// Stages nodes of a load: each becomes a (:Staging) node carrying its real label in stagingLabel and the load id
// in stagingLoad, invisible to every query that names a label of the network, until the swap promotes it.
// Returns each node's element id, by which the relationships between staged nodes are written.
// $load: the load id; $label: Asset, Protocol, Market, Oracle, Venue, Chain or Bridge; $rows: {id, props}
UNWIND $rows AS row
CREATE (n:Staging)
SET n = row.props, n.stagingLoad = $load, n.stagingLabel = $label
RETURN row.id AS id, elementId(n) AS node
