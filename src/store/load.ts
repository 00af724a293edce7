// Loading a validated network into Neo4j: replaces the stored network in ONE transaction (all or nothing).
import { NODE_LABELS } from '../model/graph';
import type { Network } from '../model/network';
import { type Store, storeWork } from './connection';
import { expectWritten, writeRows } from './batches';
import { cypher, NODE_WRITES, REL_GROUPS, relGroupKey } from './cypher-files';
import { networkRows, rowCounts } from './network-rows';
import { applySchema } from './schema';

export interface LoadSummary {
  network: string;
  nodes: number;
  relationships: number;
  seconds: number;
}

/** Transaction metadata of a load, visible in SHOW TRANSACTIONS. */
export const LOAD_METADATA = { app: 'contagion', op: 'load-network' } as const;

/**
 * Replaces the network stored in Neo4j with `net` (already validated). Constraints and indexes are applied
 * first; then one write transaction removes the old network's relationships and the nodes the new network
 * lacks, and writes every node and relationship in UNWIND batches. Nodes kept by id keep their run results.
 * If anything fails, the server included, the transaction is rolled back and the old network stays as it was.
 */
export async function loadNetwork(store: Store, net: Network): Promise<LoadSummary> {
  const started = Date.now();
  const rows = networkRows(net);
  const ids = Object.fromEntries(NODE_LABELS.map((l) => [l, rows.nodes[l].map((r) => r.id)]));
  const during = `loading network "${net.name}" (nothing of it was written: a load is one transaction)`;
  await storeWork(store, during, () => applySchema(store));
  const session = store.session('WRITE');
  try {
    await storeWork(store, during, () =>
      session.executeWrite(
        async (tx) => {
          await tx.run(cypher('deleteNetworkRelationships'));
          await tx.run(cypher('deleteStaleNodes'), { ids });
          await expectWritten(tx, 'writeNetworkNode', { props: rows.network }, 1);
          for (const label of NODE_LABELS) await writeRows(tx, NODE_WRITES[label], rows.nodes[label]);
          for (const g of REL_GROUPS)
            await writeRows(tx, g.query, rows.rels.get(relGroupKey(g.type, g.from, g.to)) ?? []);
        },
        { metadata: { ...LOAD_METADATA, network: net.name } },
      ),
    );
  } finally {
    await session.close();
  }
  return { network: net.name, ...rowCounts(rows), seconds: (Date.now() - started) / 1000 };
}
