// Batched UNWIND writes inside a transaction, each checked to have written every row it was given.
import type { ManagedTransaction } from 'neo4j-driver';
import { InternalError } from '../model/errors';
import { cypher, type QueryName } from './cypher-files';

/** Rows per UNWIND statement. */
export const BATCH_ROWS = 5_000;

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

/** Runs a write statement that returns `written` and checks the count. */
export async function expectWritten(
  tx: ManagedTransaction,
  query: QueryName,
  params: Record<string, unknown>,
  expected: number,
): Promise<void> {
  const result = await tx.run(cypher(query), params);
  const written = Number(result.records[0]?.get('written') ?? 0);
  if (written !== expected)
    throw new InternalError(`${query}: wrote ${written} of ${expected} rows (a node it links to is missing)`);
}
