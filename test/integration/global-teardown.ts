// Global teardown of the Neo4j suite: stops the local test Neo4j if the setup started it.
import { MODE_VAR, testServer } from './neo4j-server';

export default async function globalTeardown(): Promise<void> {
  if (process.env[MODE_VAR] === 'managed') testServer('stop');
}
