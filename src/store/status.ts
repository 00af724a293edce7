// What the store holds: server and APOC versions, the loaded network, runs, counts by label and type.
import neo4j from 'neo4j-driver';
import { type Store, storeWork } from './connection';
import { cypher } from './cypher-files';
import { type Leftover, storedLeftovers } from './leftovers';

export interface StoreStatus {
  uri: string;
  database: string;
  server: { version: string; edition: string };
  apocVersion: string;
  network: { name: string; asOf: string; loadedAt: string } | null;
  runs: number;
  nodesByLabel: Record<string, number>;
  /** Relationships by type, those of leftover staged or retired nodes left out. */
  relationshipsByType: Record<string, number>;
  /** Leftovers of interrupted loads (invisible to queries; the next load or clear removes them). */
  leftovers: Leftover[];
}

/** Labels of leftover nodes of interrupted loads. */
const LEFTOVER_LABELS = ['Staging', 'Retired'];

/** Relationship counts by type less those that start at a leftover node (apoc.meta.stats relTypes keys). */
export function visibleRelationships(
  byType: Record<string, unknown>,
  byStartLabel: Record<string, unknown>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [type, n] of Object.entries(byType)) {
    const hidden = LEFTOVER_LABELS.reduce(
      (s, l) => s + Number(byStartLabel[`(:${l})-[:${type}]->()`] ?? 0),
      0,
    );
    out[type] = Number(n) - hidden;
  }
  return out;
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
      nodesByLabel: nonZeroSorted(
        Object.fromEntries(
          Object.entries((stats?.get('labels') as Record<string, unknown>) ?? {}).filter(
            ([l]) => !LEFTOVER_LABELS.includes(l),
          ),
        ),
      ),
      relationshipsByType: nonZeroSorted(
        visibleRelationships(
          (stats?.get('relTypesCount') as Record<string, unknown>) ?? {},
          (stats?.get('relTypes') as Record<string, unknown>) ?? {},
        ),
      ),
      leftovers: await storedLeftovers(store),
    };
  });
}
