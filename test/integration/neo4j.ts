// Helpers of the integration tests: whether Neo4j is there, a store on it, and the state of the database.
import neo4j from 'neo4j-driver';
import { storeConfigFromEnv, type StoreConfig } from '../../src/store/config';
import { openStore, type Store } from '../../src/store/connection';
import { MODE_VAR, type Neo4jMode } from './neo4j-server';

export const mode = (process.env[MODE_VAR] ?? (process.env.NEO4J_URI ? 'external' : 'skip')) as Neo4jMode;

/** `describe` when a Neo4j is there, `describe.skip` when the global setup skipped the suite. */
export const describeNeo4j = mode === 'skip' ? describe.skip : describe;

export const config = (): StoreConfig => storeConfigFromEnv();

/** A store on the test database, closed after the test file. */
export function useStore(): () => Store {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await openStore(config());
  });
  afterAll(async () => {
    await store?.close();
  });
  return () => {
    if (!store) throw new Error('store not open');
    return store;
  };
}

/** Runs a read-write statement (test set-up and checks only). */
export async function cypher(store: Store, text: string, params: Record<string, unknown> = {}) {
  const { records } = await store.driver.executeQuery(text, params, {
    database: store.config.database,
    routing: neo4j.routing.WRITE,
  });
  return records.map((r) => r.toObject());
}

/** Nodes by label and relationships by type, counted directly (labels and types with none left out). */
export async function counts(
  store: Store,
): Promise<{ nodes: Record<string, number>; rels: Record<string, number> }> {
  const nodes = await cypher(store, 'MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS c ORDER BY l');
  const rels = await cypher(store, 'MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS c ORDER BY t');
  return {
    nodes: Object.fromEntries(nodes.map((r) => [r.l, r.c])),
    rels: Object.fromEntries(rels.map((r) => [r.t, r.c])),
  };
}

/** Removes every node the project writes (as `db clear`, but keeping the schema); other data is left alone. */
export async function emptyProjectData(store: Store): Promise<void> {
  const session = store.session('WRITE');
  try {
    await session.run(
      'MATCH (n) WHERE n:Network OR n:Asset OR n:Protocol OR n:Market OR n:Oracle OR n:Venue OR n:Chain OR n:Bridge ' +
        'OR n:Run OR n:Event ' +
        'CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS',
    );
  } finally {
    await session.close();
  }
}
