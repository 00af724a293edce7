// Which leftovers of interrupted loads are stored? Staged copies (by load id) of loads stopped before their
// swap, and the retired previous network of a load stopped after it; relationships counted from degrees.
MATCH (n)
WHERE n:Retired OR n:Staging
WITH CASE WHEN n:Retired THEN 'retired' ELSE 'staging' END AS kind,
     CASE WHEN n:Retired THEN n.retiredBy ELSE n.stagingLoad END AS load, n
RETURN kind, load, count(n) AS nodes, sum(COUNT { (n)-->() }) AS relationships
ORDER BY kind, load
