// Running a named query read-only (a READ session: the server refuses any write) and collecting its rows.
import { isMissingApoc, type Store } from './connection';
import { CLIENT_GRACE_SEC, withDeadline } from './deadline';
import { driverErrorOf, neo4jCode, StoreError, storeErrorOf } from './errors';
import type { NamedQuery } from './named-queries';

export interface QueryResult {
  query: string;
  params: Record<string, unknown>;
  columns: string[];
  /** Raw driver values, one array per row in column order (see values.ts to render them). */
  rows: unknown[][];
}

/** Seconds a named query may run before the server stops it. */
export const QUERY_TIMEOUT_SEC = 60;

export async function runNamedQuery(
  store: Store,
  q: NamedQuery,
  params: Record<string, unknown>,
  timeoutSec: number = QUERY_TIMEOUT_SEC,
): Promise<QueryResult> {
  const session = store.session('READ');
  try {
    const { keys, records } = await withDeadline(
      session.executeRead(
        async (tx) => {
          const result = tx.run(q.text, params);
          return { keys: await result.keys(), records: (await result).records };
        },
        { timeout: timeoutSec * 1000, metadata: { app: 'contagion', op: 'query', query: q.name } },
      ),
      timeoutSec + CLIENT_GRACE_SEC,
      `${q.file}: running query ${q.name}`,
    );
    const columns = keys.map(String);
    return { query: q.name, params, columns, rows: records.map((r) => columns.map((c) => r.get(c))) };
  } catch (e) {
    if (e instanceof StoreError) throw e;
    const code = neo4jCode(e) ?? '';
    if (isMissingApoc(e))
      // The store checked APOC when it opened: a procedure it lacks now is one the server does not load.
      throw new StoreError(
        store.apocVersion
          ? `${q.file}: calls a procedure or function the Neo4j at ${store.config.uri} does not offer to queries ` +
              `(only the APOC procedures that read graph data are loaded; file, URL and transaction procedures ` +
              `are not): ${firstLineOf(e)}`
          : `${q.file}: needs APOC, which the Neo4j at ${store.config.uri} does not have`,
      );
    if (code === 'Neo.ClientError.Statement.ExternalResourceFailed')
      throw new StoreError(
        `${q.file}: the server refused to read an external resource: LOAD CSV reads only files in the ` +
          `server's import folder and fetches no URL (${firstLineOf(e)})`,
      );
    if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut'))
      throw new StoreError(
        `${q.file}: the server stopped the query after ${timeoutSec} s (raise it with --timeout, or narrow the query)`,
      );
    if (code.startsWith('Neo.ClientError.Statement.'))
      throw new StoreError(
        `${q.file}: ${code.slice('Neo.ClientError.Statement.'.length)}: ${(e as Error).message}`,
      );
    const during = `running query ${q.name} (${q.file})`;
    throw storeErrorOf(e, store.config, during) ?? driverErrorOf(e, store.config, during) ?? e;
  } finally {
    // A silent server would keep the close waiting too: give it the grace period, no more.
    await withDeadline(session.close(), CLIENT_GRACE_SEC, 'closing the session').catch(() => undefined);
  }
}

function firstLineOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
}
