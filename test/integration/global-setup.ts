// Global setup of the Neo4j suite: use NEO4J_URI when set; otherwise start the local test Neo4j (Java 17 +
// Maven), waiting as long as scripts/neo4j.mjs allows (NEO4J_START_TIMEOUT, 300 s, 600 s under CI=true) with its
// progress lines on the terminal; without those, skip the suite with one line, except under CI=true, where a
// missing Neo4j fails.
import { MODE_VAR, missingTools, TEST_SERVER, testServer } from './neo4j-server';

export default async function globalSetup(): Promise<void> {
  if (process.env.NEO4J_URI) {
    process.env[MODE_VAR] = 'external';
    return;
  }
  const missing = missingTools();
  if (missing) {
    const why = `a local Neo4j cannot be started (${missing}) and NEO4J_URI is not set`;
    if (process.env.CI === 'true') throw new Error(`Neo4j integration tests cannot run in CI: ${why}`);
    process.env[MODE_VAR] = 'skip';
    process.stdout.write(
      `\nNeo4j integration tests SKIPPED: ${why}. Install Java 17 and Maven, or start Neo4j ` +
        '(`npm run neo4j:start` or `docker compose up -d`) and set NEO4J_URI=bolt://127.0.0.1:7687.\n',
    );
    return;
  }
  const started = Date.now();
  process.stdout.write('\nStarting the test Neo4j (home .neo4j-test); a slow machine may take minutes\n');
  testServer('start');
  process.env.NEO4J_URI = `bolt://127.0.0.1:${TEST_SERVER.boltPort}`;
  process.env.NEO4J_USER = 'neo4j';
  process.env.NEO4J_PASSWORD = TEST_SERVER.password;
  process.env.NEO4J_DATABASE = 'neo4j';
  process.env[MODE_VAR] = 'managed';
  process.stdout.write(
    `\nNeo4j for the integration tests started on bolt port ${TEST_SERVER.boltPort} ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s (home .neo4j-test)\n`,
  );
}
