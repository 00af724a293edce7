// Through which paths did a run's failures spread? One row per hop of each failed protocol's realised path,
// from the failure (hop 0 ends at the failed protocol) back to the scenario event. `latest` is the run written last.
// :param run => 'latest'
MATCH (r:Run)
WITH r ORDER BY r.writtenAt DESC
WITH collect(r) AS recent
WITH CASE $run WHEN 'latest' THEN recent[0] ELSE head([x IN recent WHERE x.id = $run]) END AS r
MATCH (a)-[c:CONTAGION {run: r.id}]->(b)
WITH r, c,
     CASE WHEN a:Event THEN 'event:' + toString(a.index) ELSE toLower(labels(a)[0]) + ':' + a.id END AS from,
     CASE WHEN b:Event THEN 'event:' + toString(b.index) ELSE toLower(labels(b)[0]) + ':' + b.id END AS to
RETURN r.id AS run, c.failure AS failure, c.failureStatus AS status, c.failureStep AS failedAt, c.hop AS hop,
       from, c.channel AS channel, to, c.step AS step, c.amountUsd AS amountUsd, round(c.priceChange, 4) AS priceChange
ORDER BY failedAt, failure, hop
