// Batched UNWIND writes, each checked to have written every row it was given: inside one transaction (a run
// write-back), or one transaction per batch with several sessions writing at once (the staging of a load).
import type { ManagedTransaction } from 'neo4j-driver';
import type { Store } from './connection';
import { InternalError } from '../model/errors';
import { cypher, type QueryName } from './cypher-files';

/** Rows per UNWIND statement. */
export const BATCH_ROWS = 5_000;

/** The error for a statement that wrote fewer rows than it was given. */
export type ShortWrite = (query: QueryName, written: number, expected: number) => Error;

const missingNode: ShortWrite = (query, written, expected) =>
  new InternalError(`${query}: wrote ${written} of ${expected} rows (a node it links to is missing)`);

/** Runs a `UNWIND $rows ... RETURN count(...) AS written` statement over rows in batches. */
export async function writeRows(
  tx: ManagedTransaction,
  query: QueryName,
  rows: readonly unknown[],
  extraParams: Record<string, unknown> = {},
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    const batch = rows.slice(i, i + BATCH_ROWS);
    await expectWritten(tx, query, { ...extraParams, rows: batch }, batch.length);
  }
}

/**
 * Runs `work` over rows in batches of `batchRows`, each batch in its own write transaction, with `workers`
 * sessions writing at once (while one batch is encoded or committed, the next is written); `onBatch` is
 * called after each committed batch with its size.
 */
export async function inWriteTransactions<R, T>(
  store: Store,
  rows: readonly R[],
  o: {
    batchRows: number;
    workers: number;
    /** Transaction metadata, visible in SHOW TRANSACTIONS. */
    metadata: Record<string, unknown>;
    onBatch?: (rows: number) => void;
  },
  work: (tx: ManagedTransaction, batch: readonly R[]) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    const session = store.session('WRITE');
    try {
      while (!failed && next < rows.length) {
        const at = next;
        next += o.batchRows;
        const batch = rows.slice(at, at + o.batchRows);
        results[at / o.batchRows] = await session.executeWrite((tx) => work(tx, batch), {
          metadata: o.metadata,
        });
        o.onBatch?.(batch.length);
      }
    } catch (e) {
      failed = true;
      throw e;
    } finally {
      await session.close();
    }
  };
  // Every worker stops before the first failure is passed on: nothing keeps writing after a load has failed.
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, o.workers) }, worker));
  const failure = settled.find((s) => s.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}

/** Runs a write statement that returns `written` and checks the count. */
export async function expectWritten(
  tx: ManagedTransaction,
  query: QueryName,
  params: Record<string, unknown>,
  expected: number,
  short: ShortWrite = missingNode,
): Promise<void> {
  const result = await tx.run(cypher(query), params);
  const written = Number(result.records[0]?.get('written') ?? 0);
  if (written !== expected) throw short(query, written, expected);
}
