// Which network is loaded, when, and how many runs are stored?
OPTIONAL MATCH (n:Network)
WITH n ORDER BY n.loadedAt DESC LIMIT 1
CALL {
  MATCH (r:Run)
  RETURN count(r) AS runs
}
RETURN n.id AS name, n.asOf AS asOf, toString(n.loadedAt) AS loadedAt, runs
