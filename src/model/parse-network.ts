// A network file's JSON value to a validated Network: shape first, then references and ranges. The cohorts,
// a network's largest table, are checked row by row without zod and kept as written (model/cohort-rows.ts);
// a file whose cohorts or structure are not plainly valid goes whole through the schema, so every message is
// the schema's.
import { attachCohortRows, isCohortRow, type CohortRow } from './cohort-rows';
import { InputError } from './errors';
import type { Network } from './network';
import { checkNetwork } from './check-network';
import { schemaIssues } from './schema-issues';
import { NetworkFile } from './schema/network';

/**
 * Validates `value` as contagion/network@1 and returns the typed network.
 * Throws InputError with every problem found: all shape problems, or (if the shape is right)
 * all reference and range problems.
 */
export function parseNetwork(value: unknown, file: string): Network {
  const split = splitCohortRows(value);
  const parsed = NetworkFile.safeParse(split ? split.rest : value);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  if (split) {
    parsed.data.protocols.forEach((p, i) =>
      p.markets.forEach((m, j) => {
        const rows = split.rows[i]![j];
        if (rows) attachCohortRows(m, rows);
      }),
    );
  }
  const issues = checkNetwork(parsed.data, file);
  if (issues.length > 0) throw new InputError(issues);
  return parsed.data;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The file without its cohorts (every market's `cohorts` emptied, the rest shared) and the checked rows of
 * each protocol's markets; undefined when something is not plainly valid (the schema then parses it all).
 */
function splitCohortRows(
  value: unknown,
): { rest: Record<string, unknown>; rows: (readonly CohortRow[] | undefined)[][] } | undefined {
  if (!isRecord(value) || !Array.isArray(value.protocols)) return undefined;
  const rows: (readonly CohortRow[] | undefined)[][] = [];
  const protocols: unknown[] = [];
  for (const p of value.protocols) {
    if (!isRecord(p)) return undefined;
    if (p.markets === undefined) {
      rows.push([]);
      protocols.push(p);
      continue;
    }
    if (!Array.isArray(p.markets)) return undefined;
    const own: (readonly CohortRow[] | undefined)[] = [];
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
      for (let i = 0; i < cohorts.length; i++) if (!isCohortRow(cohorts[i])) return undefined;
      own.push(cohorts as CohortRow[]);
      markets.push({ ...m, cohorts: [] });
    }
    rows.push(own);
    protocols.push({ ...p, markets });
  }
  return { rest: { ...value, protocols }, rows };
}
