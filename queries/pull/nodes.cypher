// Reads every node of the network with its properties, in file order (nodes a run write-back created for
// ids the network lacks have no `ord` and are left out).
MATCH (n)
WHERE (n:Asset OR n:Protocol OR n:Market OR n:Oracle OR n:Venue OR n:Chain OR n:Bridge) AND n.ord IS NOT NULL
RETURN labels(n) AS labels, properties(n) AS props
ORDER BY n.ord
