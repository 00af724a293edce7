// A network file's JSON value to a validated Network: shape first, then references and ranges. Cohorts and
// claims, a network's largest tables, are checked row by row without zod and kept as written
// (model/cohort-rows.ts, model/claim-rows.ts); a file whose rows or structure are not plainly valid goes
// whole through the schema, so every message is the schema's.
import { attachClaimRows, claimTableOf, type ClaimTable, protocolIdsOf } from './claim-rows';
import { attachCohortRows, cohortTableOf, type CohortTable, SharedColumns } from './cohort-rows';
import { InputError } from './errors';
import type { Network } from './network';
import { checkMagnitudes } from './check-magnitudes';
import { checkNetwork } from './check-network';
import { schemaIssues } from './schema-issues';
import { NetworkFile } from './schema/network';

/**
 * Validates `value` as contagion/network@1 and returns the typed network.
 * Throws InputError with every problem found: all shape problems, or (if the shape is right)
 * all reference and range problems, or (if those are right) balance sheets too large for the ledger.
 */
export function parseNetwork(value: unknown, file: string): Network {
  const split = splitRows(value);
  const parsed = NetworkFile.safeParse(split ? split.rest : value);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  if (split) {
    // Protocols and markets given their rows are copies of the schema's objects (lazy-field.ts).
    const protocols = parsed.data.protocols;
    protocols.forEach((p, i) => {
      const claims = split.claims[i];
      const withRows = claims ? attachClaimRows(p, claims) : p;
      withRows.markets = p.markets.map((m, j) => {
        const rows = split.cohorts[i]![j];
        return rows ? attachCohortRows(m, rows) : m;
      });
      protocols[i] = withRows;
    });
  }
  const issues = checkNetwork(parsed.data, file);
  if (issues.length > 0) throw new InputError(issues);
  const tooLarge = checkMagnitudes(parsed.data, file);
  if (tooLarge.length > 0) throw new InputError(tooLarge);
  return parsed.data;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

interface SplitRows {
  /** The file with every protocol's `claims` and every market's `cohorts` emptied (the rest shared). */
  rest: Record<string, unknown>;
  /** Checked claims of each protocol, and cohorts of each of its markets (undefined: none written). */
  claims: (ClaimTable | undefined)[];
  cohorts: (CohortTable | undefined)[][];
}

/** The file split into its rows and the rest; undefined when something is not plainly valid. */
function splitRows(value: unknown): SplitRows | undefined {
  if (!isRecord(value) || !Array.isArray(value.protocols)) return undefined;
  const rows: (CohortTable | undefined)[][] = [];
  const claims: (ClaimTable | undefined)[] = [];
  const protocols: unknown[] = [];
  // Claim debtors are resolved to the file's protocols once, here.
  const ids = protocolIdsOf(value.protocols);
  const cohortColumns = new SharedColumns(cohortsWritten(value.protocols));
  for (const p of value.protocols) {
    if (!isRecord(p)) return undefined;
    let copy = p;
    if (p.claims === undefined) claims.push(undefined);
    else {
      if (!Array.isArray(p.claims)) return undefined;
      const table = claimTableOf(p.claims, ids);
      if (!table) return undefined;
      claims.push(table);
      copy = { ...p, claims: [] };
    }
    if (p.markets === undefined) {
      rows.push([]);
      protocols.push(copy);
      continue;
    }
    if (!Array.isArray(p.markets)) return undefined;
    const own: (CohortTable | undefined)[] = [];
    const markets: unknown[] = [];
    for (const m of p.markets) {
      if (!isRecord(m)) return undefined;
      const cohorts = m.cohorts;
      if (cohorts === undefined) {
        own.push(undefined);
        markets.push(m);
        continue;
      }
      if (!Array.isArray(cohorts)) return undefined;
      const table = cohortTableOf(cohorts, cohortColumns);
      if (!table) return undefined;
      own.push(table);
      markets.push({ ...m, cohorts: [] });
    }
    rows.push(own);
    protocols.push({ ...copy, markets });
  }
  return { rest: { ...value, protocols }, claims, cohorts: rows };
}

/** The number of cohorts the file's markets list (what their shared columns make room for). */
function cohortsWritten(protocols: readonly unknown[]): number {
  let n = 0;
  for (const p of protocols) {
    const markets = isRecord(p) ? p.markets : undefined;
    if (!Array.isArray(markets)) continue;
    for (const m of markets) if (isRecord(m) && Array.isArray(m.cohorts)) n += m.cohorts.length;
  }
  return n;
}
