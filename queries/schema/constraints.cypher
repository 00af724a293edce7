// Uniqueness constraints: one node per id and label (each also backs the index MERGE and MATCH use).
// Applied by `contagion db init` (and before every `db load`); IF NOT EXISTS makes them idempotent.
CREATE CONSTRAINT contagion_asset_id IF NOT EXISTS FOR (n:Asset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_protocol_id IF NOT EXISTS FOR (n:Protocol) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_market_id IF NOT EXISTS FOR (n:Market) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_oracle_id IF NOT EXISTS FOR (n:Oracle) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_venue_id IF NOT EXISTS FOR (n:Venue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_chain_id IF NOT EXISTS FOR (n:Chain) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_bridge_id IF NOT EXISTS FOR (n:Bridge) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_run_id IF NOT EXISTS FOR (n:Run) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_network_id IF NOT EXISTS FOR (n:Network) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contagion_event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
