// Indexes for the exploration queries: kinds to filter on, runs to find their paths and events by.
// Applied by `contagion db init` (and before every `db load`); IF NOT EXISTS makes them idempotent.
CREATE INDEX contagion_protocol_kind IF NOT EXISTS FOR (n:Protocol) ON (n.kind);
CREATE INDEX contagion_asset_kind IF NOT EXISTS FOR (n:Asset) ON (n.kind);
CREATE INDEX contagion_market_protocol IF NOT EXISTS FOR (n:Market) ON (n.protocol);
CREATE INDEX contagion_oracle_source IF NOT EXISTS FOR (n:Oracle) ON (n.source);
CREATE INDEX contagion_protocol_chain IF NOT EXISTS FOR (n:Protocol) ON (n.chain);
CREATE INDEX contagion_bridge_copy IF NOT EXISTS FOR (n:Bridge) ON (n.copy);
CREATE INDEX contagion_event_run IF NOT EXISTS FOR (n:Event) ON (n.run);
CREATE INDEX contagion_run_scenario IF NOT EXISTS FOR (n:Run) ON (n.scenario);
CREATE INDEX contagion_contagion_run IF NOT EXISTS FOR ()-[r:CONTAGION]-() ON (r.run);
CREATE INDEX contagion_impacted_run IF NOT EXISTS FOR ()-[r:IMPACTED]-() ON (r.run);
CREATE INDEX contagion_staging_key IF NOT EXISTS FOR (n:Staging) ON (n.stagingLoad, n.stagingLabel, n.id);
