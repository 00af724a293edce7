// Loading a validated network into Neo4j: staged under a load id in many transactions, then swapped in by one
// short transaction, so the stored network is always either the previous one or the new one, complete.
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Network } from '../model/network';
import { type Store, storeWork } from './connection';
import { expectWritten, inWriteTransactions, type ShortWrite } from './batches';
import { cypher, type QueryName, REL_GROUPS, relGroupKey, STORE_LABELS } from './cypher-files';
import { StoreError } from './errors';
import { removeLeftovers } from './leftovers';
import { networkRows, type RelRow, rowCounts } from './network-rows';
import { applySchema } from './schema';

/**
 * The phases of a load, in order: removing leftovers of interrupted loads, staging nodes, staging
 * relationships, the swap, and removing the network the swap replaced.
 */
export const LOAD_PHASES = ['leftovers', 'nodes', 'relationships', 'swap', 'previous'] as const;
export type LoadPhase = (typeof LOAD_PHASES)[number];

/** Where a load is: `done` of `total` rows (nodes, relationships, or leftovers deleted) of its phase. */
export interface LoadProgress {
  phase: LoadPhase;
  done: number;
  total: number;
}

export interface LoadOptions {
  /** Called when a phase starts and after every batch. */
  onProgress?: (p: LoadProgress) => void;
  /** Rows staged per transaction. */
  batchRows?: number;
  /** Sessions staging at once. */
  workers?: number;
}

export interface LoadSummary {
  network: string;
  /** The id the load staged its nodes under. */
  load: string;
  nodes: number;
  relationships: number;
  seconds: number;
  /** Seconds spent in each phase. */
  phases: Record<LoadPhase, number>;
  /** Leftovers of interrupted loads, and of the previous network, deleted. */
  removed: { nodes: number; relationships: number };
}

/** Transaction metadata of a load, visible in SHOW TRANSACTIONS. */
export const LOAD_METADATA = { app: 'contagion', op: 'load-network' } as const;

/** Rows staged per transaction: large enough to amortise a commit, small enough for a 1 GB heap. */
export const STAGE_BATCH_ROWS = 10_000;

/** Sessions staging at once: one batch is encoded and sent while another is written. */
export const STAGE_WORKERS = 2;

/** What each phase means for the stored network if the connection is lost during it. */
const AFTER_LOSS: Record<LoadPhase, string> = {
  leftovers: 'the stored network is unchanged: the load stops before its swap',
  nodes:
    'the stored network is unchanged: the load stops before its swap; its partial staged copy, invisible to ' +
    'queries, is removed by the next `contagion db load` or `db clear`',
  relationships:
    'the stored network is unchanged: the load stops before its swap; its partial staged copy, invisible to ' +
    'queries, is removed by the next `contagion db load` or `db clear`',
  swap:
    'the swap is one transaction: the stored network is either the previous one or the new one, complete; ' +
    '`contagion db status` says which',
  previous:
    'the new network is in place; what is left of the previous one, invisible to queries, is removed by the ' +
    'next `contagion db load` or `db clear`',
};

/**
 * Replaces the network stored in Neo4j with `net` (already validated). Constraints and indexes are applied
 * first and leftovers of interrupted loads removed; then the nodes and relationships are written as a staged
 * copy (:Staging nodes under a load id, invisible to reads) in one transaction per batch; then one
 * transaction swaps it in: it moves the run results of nodes kept by id to their new nodes, retires the
 * previous network and promotes the staged nodes. Finally the retired network is deleted in batches.
 */
export async function loadNetwork(store: Store, net: Network, o: LoadOptions = {}): Promise<LoadSummary> {
  const started = performance.now();
  const load = `load-${randomUUID()}`;
  const batchRows = o.batchRows ?? STAGE_BATCH_ROWS;
  const rows = networkRows(net);
  const counts = rowCounts(rows);
  const phases = Object.fromEntries(LOAD_PHASES.map((p) => [p, 0])) as Record<LoadPhase, number>;
  const metadata = (phase: LoadPhase) => ({ ...LOAD_METADATA, network: net.name, load, phase });
  const report = (phase: LoadPhase, done: number, total: number) => o.onProgress?.({ phase, done, total });
  const removed = { nodes: 0, relationships: 0 };
  const add = (r: { nodes: number; relationships: number }) => {
    removed.nodes += r.nodes;
    removed.relationships += r.relationships;
  };

  const phase = async (p: LoadPhase, work: () => Promise<void>) => {
    const t = performance.now();
    await storeWork(store, `loading network "${net.name}" (${AFTER_LOSS[p]})`, work);
    phases[p] = (performance.now() - t) / 1000;
  };
  /** A staged batch that wrote less than its rows: its staged nodes are gone. */
  const vanished: ShortWrite = (query, written, expected) =>
    new StoreError(
      `loading network "${net.name}": ${query} staged ${written} of ${expected} rows because the staged copy ` +
        `of this load was removed while it ran (by another \`contagion db load\` or \`db clear\`); the stored ` +
        'network is unchanged',
    );

  await phase('leftovers', async () => {
    await applySchema(store);
    report('leftovers', 0, 0);
    add(await removeLeftovers(store, load, metadata('leftovers'), (d, t) => report('leftovers', d, t)));
  });

  const staging = (p: LoadPhase, total: number) => {
    let done = 0;
    report(p, 0, total);
    return {
      batchRows,
      workers: o.workers ?? STAGE_WORKERS,
      metadata: metadata(p),
      onBatch: (n: number) => report(p, (done += n), total),
    };
  };
  /** Element ids of the staged nodes, by label and id: relationships are staged between them. */
  const staged = new Map<string, string>();
  const key = (label: string, id: string) => `${label}\u0000${id}`;

  await phase('nodes', async () => {
    const o = staging('nodes', counts.nodes);
    await inWriteTransactions(store, [rows.network], o, (tx, [props]) =>
      expectWritten(tx, 'stageNetworkNode', { load, props }, 1, vanished),
    );
    for (const label of STORE_LABELS) {
      const written = await inWriteTransactions(store, rows.nodes[label], o, async (tx, batch) => {
        const { records } = await tx.run(cypher('stageNodes'), { load, label, rows: batch });
        if (records.length !== batch.length) throw vanished('stageNodes', records.length, batch.length);
        return records.map((r) => [r.get('id') as string, r.get('node') as string] as const);
      });
      for (const list of written) for (const [id, node] of list) staged.set(key(label, id), node);
    }
  });

  await phase('relationships', async () => {
    const o = staging('relationships', counts.relationships);
    for (const g of REL_GROUPS) {
      const node = (label: string, id: string) => staged.get(key(label, id)) ?? '';
      const rels: RelRow[] = rows.rels.get(relGroupKey(g.type, g.from, g.to)) ?? [];
      await inWriteTransactions(store, rels, o, (tx, batch) =>
        expectWritten(
          tx,
          g.query,
          {
            load,
            rows: batch.map((r) => ({ from: node(g.from, r.from), to: node(g.to, r.to), props: r.props })),
          },
          batch.length,
          vanished,
        ),
      );
    }
  });

  await phase('swap', async () => {
    report('swap', 0, 1);
    const session = store.session('WRITE');
    try {
      await session.executeWrite((tx) => swap(tx, load, counts, vanished), { metadata: metadata('swap') });
    } finally {
      await session.close();
    }
    report('swap', 1, 1);
  });

  await phase('previous', async () => {
    report('previous', 0, 0);
    add(await removeLeftovers(store, load, metadata('previous'), (d, t) => report('previous', d, t)));
  });
  return {
    network: net.name,
    load,
    ...counts,
    seconds: (performance.now() - started) / 1000,
    phases,
    removed,
  };
}

/** The swap transaction: checks the staged copy is whole, moves run results, retires the old, promotes the new. */
async function swap(
  tx: ManagedTransaction,
  load: string,
  expected: { nodes: number; relationships: number },
  vanished: ShortWrite,
): Promise<void> {
  const check = (await tx.run(cypher('swapCheck'), { load })).records[0];
  const staged = {
    nodes: Number(check?.get('nodes') ?? 0),
    relationships: Number(check?.get('relationships') ?? 0),
  };
  if (staged.nodes !== expected.nodes) throw vanished('swapCheck', staged.nodes, expected.nodes);
  if (staged.relationships !== expected.relationships)
    throw vanished('swapCheck', staged.relationships, expected.relationships);
  const moves: QueryName[] = ['swapMoveImpacted', 'swapMoveContagionOut', 'swapMoveContagionIn'];
  for (const q of moves) await tx.run(cypher(q), { load });
  await tx.run(cypher('swapRetire'), { load });
  await expectWritten(tx, 'swapPromote', { load }, expected.nodes, vanished);
}
