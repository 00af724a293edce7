// Leftovers of interrupted loads: staged copies of loads stopped before their swap, and the retired previous
// network of a load stopped after it. Invisible to every query that names a network label; listed and removed here.
import neo4j, { int } from 'neo4j-driver';
import type { Store } from './connection';
import { cypher } from './cypher-files';

export interface Leftover {
  /** staging: a load stopped before its swap; retired: the network a swap replaced, not yet deleted. */
  kind: 'staging' | 'retired';
  /** The load that staged the nodes, or whose swap retired them. */
  load: string;
  nodes: number;
  relationships: number;
}

/** Relationships (or nodes) deleted per transaction. */
const DELETE_BATCH = 10_000;

/** The leftovers stored, by kind and load. */
export async function storedLeftovers(store: Store): Promise<Leftover[]> {
  const { records } = await store.driver.executeQuery(
    cypher('leftovers'),
    {},
    { database: store.config.database, routing: neo4j.routing.READ },
  );
  return records.map((r) => ({
    kind: r.get('kind') as Leftover['kind'],
    load: String(r.get('load')),
    nodes: Number(r.get('nodes')),
    relationships: Number(r.get('relationships')),
  }));
}

/**
 * Deletes every leftover except the staged copy of load `keep` (the load under way), in transactions of
 * DELETE_BATCH relationships or nodes; `onDeleted` gets the running count of deleted relationships and nodes
 * out of the total. Returns what was deleted.
 */
export async function removeLeftovers(
  store: Store,
  keep: string,
  metadata: Record<string, unknown>,
  onDeleted?: (done: number, total: number) => void,
): Promise<{ nodes: number; relationships: number }> {
  const doomed = (await storedLeftovers(store)).filter((l) => !(l.kind === 'staging' && l.load === keep));
  const removed = { nodes: 0, relationships: 0 };
  if (doomed.length === 0) return removed;
  const total = doomed.reduce((n, l) => n + l.nodes + l.relationships, 0);
  const session = store.session('WRITE');
  try {
    for (const [query, key] of [
      ['deleteLeftoverRelationships', 'relationships'],
      ['deleteLeftoverNodes', 'nodes'],
    ] as const) {
      for (;;) {
        const n = await session.executeWrite(
          async (tx) =>
            Number(
              (await tx.run(cypher(query), { load: keep, batch: int(DELETE_BATCH) })).records[0]?.get(
                'removed',
              ) ?? 0,
            ),
          { metadata },
        );
        removed[key] += n;
        onDeleted?.(Math.min(total, removed.nodes + removed.relationships), total);
        if (n === 0) break;
      }
    }
  } finally {
    await session.close();
  }
  return removed;
}
