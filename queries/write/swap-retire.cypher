// Swap: retires the stored network: its nodes lose their labels and become (:Retired {retiredBy: $load}),
// invisible to every query that names a label of the network; they are deleted after the swap commits.
MATCH (n)
WHERE n:Network OR n:Asset OR n:Protocol OR n:Market OR n:Oracle OR n:Venue OR n:Chain OR n:Bridge
REMOVE n:Network:Asset:Protocol:Market:Oracle:Venue:Chain:Bridge
SET n:Retired, n.retiredBy = $load
RETURN count(n) AS retired
