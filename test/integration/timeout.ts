// The Neo4j suite waits on a real server (loads, restarts): three minutes per test.
jest.setTimeout(180_000);
