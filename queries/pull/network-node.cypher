// Reads the (:Network) node: name, date, format, description and the sources map (JSON).
MATCH (n:Network)
RETURN properties(n) AS props
ORDER BY n.loadedAt DESC
