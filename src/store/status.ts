// What the store holds: server and APOC versions, the loaded network, runs, counts by label and type.
import neo4j from 'neo4j-driver';
import { type Store, storeWork } from './connection';
import { cypher } from './cypher-files';

export interface StoreStatus {
  uri: string;
  database: string;
  server: { version: string; edition: string };
  apocVersion: string;
  network: { name: string; asOf: string; loadedAt: string } | null;
  runs: number;
  nodesByLabel: Record<string, number>;
  relationshipsByType: Record<string, number>;
}

const nonZeroSorted = (counts: Record<string, unknown>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(counts)
      .map(([k, v]) => [k, Number(v)] as const)
      .filter(([, v]) => v > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );

export async function storeStatus(store: Store): Promise<StoreStatus> {
  return storeWork(store, 'reading the status', async () => {
    const read = (q: Parameters<typeof cypher>[0]) =>
      store.driver.executeQuery(
        cypher(q),
        {},
        { database: store.config.database, routing: neo4j.routing.READ },
      );
    const kernel = (await read('serverComponents')).records.find((r) => r.get('name') === 'Neo4j Kernel');
    const stats = (await read('countsByLabelAndType')).records[0];
    const stored = (await read('storedNetwork')).records[0];
    const name = stored?.get('name') as string | null;
    return {
      uri: store.config.uri,
      database: store.config.database,
      server: {
        version: String(kernel?.get('version') ?? '?'),
        edition: String(kernel?.get('edition') ?? '?'),
      },
      apocVersion: store.apocVersion,
      network: name
        ? { name, asOf: String(stored?.get('asOf')), loadedAt: String(stored?.get('loadedAt')) }
        : null,
      runs: Number(stored?.get('runs') ?? 0),
      nodesByLabel: nonZeroSorted((stats?.get('labels') as Record<string, unknown>) ?? {}),
      relationshipsByType: nonZeroSorted((stats?.get('relTypesCount') as Record<string, unknown>) ?? {}),
    };
  });
}
