// A network file's JSON value to a validated Network: shape first, then references and ranges. Cohorts and
// claims, a network's largest tables, are checked row by row without zod and kept as written
// (model/cohort-rows.ts, model/claim-rows.ts); a file whose rows or structure are not plainly valid goes
// whole through the schema, so every message is the schema's.
import { attachClaimRows, claimTableOf, type ClaimTable, protocolIdsOf } from './claim-rows';
import { attachCohortRows, cohortTableOf, type CohortTable, SharedColumns } from './cohort-rows';
import { InputError } from './errors';
import type { Market, Network, Protocol } from './network';
import { plainMarketOf } from './market-rows';
import { isRecord } from './plain-values';
import { plainProtocolOf } from './protocol-rows';
import { checkMagnitudes } from './check-magnitudes';
import { checkNetwork } from './check-network';
import { parseJsonText } from './parse-json';
import { scanRowTables, type ScannedRows, type Windows } from './row-text';
import { schemaIssues } from './schema-issues';
import { ID_PATTERN } from './schema/common';
import { NetworkFile } from './schema/network';

/**
 * Validates `value` as contagion/network@1 and returns the typed network.
 * Throws InputError with every problem found: all shape problems, or (if the shape is right)
 * all reference and range problems, or (if those are right) balance sheets too large for the ledger.
 */
export function parseNetwork(value: unknown, file: string): Network {
  return parseSplit(value, splitRows(value), file);
}

/**
 * As `parseNetwork`, from a network file's bytes (UTF-8 JSON): its cohorts and claims are read from the bytes
 * into columns (model/row-text.ts) without an object per row, when they are plain; otherwise the text is
 * parsed whole. Either way the same network, or the same messages. It takes the bytes: once their tables are
 * read, a large buffer is released (left empty) before the rest is parsed.
 */
export function parseNetworkBytes(bytes: Buffer, file: string): Network {
  const split = splitScanned(bytes);
  if (split) {
    // The bytes are not read again: they are let go before the schema parses the rest.
    release(bytes);
    return parseSplit(undefined, split, file);
  }
  return parseNetwork(parseJsonText(bytes.toString('utf8'), file), file);
}

/**
 * As `parseNetworkBytes`, from a file read in windows (model/row-text.ts): the file is never held whole, only
 * its window, the columns of its rows and the rest's text. When its rows are not plain, `readWhole` gives its
 * bytes for the whole parse.
 */
export function parseNetworkWindows(windows: Windows, readWhole: () => Buffer, file: string): Network {
  const split = splitScanned(windows);
  if (split) return parseSplit(undefined, split, file);
  return parseNetwork(parseJsonText(readWhole().toString('utf8'), file), file);
}

/**
 * The file split into its rows (read from the bytes) and the rest (parsed), when the scan reads its rows and
 * they fit the rest; undefined otherwise. Only the split is kept: the scan's lists and the parsed value, whose
 * objects the split copied, are let go when this returns.
 */
function splitScanned(source: Buffer | Windows): SplitRows | undefined {
  const scanned = scanRowTables(source);
  if (!scanned) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(scanned.rest);
  } catch {
    return undefined; // the whole text then gives its located message
  }
  scanned.rest = '';
  const split = splitRows(value);
  return split && attachScanned(split, scanned, value as Record<string, unknown>) ? split : undefined;
}

/**
 * Frees the memory of `bytes` now rather than when the parse returns (the caller's argument keeps the buffer
 * alive until then, through the schema's parse of the rest): its ArrayBuffer is handed to a clone that nothing
 * keeps, and the memory goes with the clone. Only a buffer that owns its whole ArrayBuffer (not a slice of
 * Node's shared pool) is handed over; `bytes` is empty afterwards.
 */
function release(bytes: Buffer): void {
  const whole = bytes.buffer;
  if (bytes.byteOffset !== 0 || bytes.byteLength !== whole.byteLength || whole.byteLength < 1 << 20) return;
  structuredClone(whole, { transfer: [whole as ArrayBuffer] });
}

/** As `parseNetworkBytes`, from the file's text. */
export function parseNetworkText(text: string, file: string): Network {
  return parseNetworkBytes(Buffer.from(text, 'utf8'), file);
}

function parseSplit(value: unknown, split: SplitRows | undefined, file: string): Network {
  // Plain markets and protocols are read here, given their rows, and left out of what the schema parses
  // (model/market-rows.ts, model/protocol-rows.ts).
  const plain = split && takePlain(split);
  const parsed = NetworkFile.safeParse(split ? split.rest : value);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  if (plain && 'protocols' in plain) parsed.data.protocols = plain.protocols;
  else if (split) {
    // Protocols and markets given their rows are copies of the schema's objects (lazy-field.ts).
    const protocols = parsed.data.protocols;
    protocols.forEach((p, i) => {
      const claims = split.claims[i];
      const withRows = claims ? attachClaimRows(p, claims) : p;
      withRows.markets = plain
        ? plain.markets[i]!
        : p.markets.map((m, j) => {
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

/**
 * What of the split file reads without the schema, given its rows: every protocol (`plainProtocolOf`, its
 * markets read by `plainMarketOf`), then left out of `rest` (a copy the split made); or, when some protocol is
 * not plain but every market is, the markets, then emptied in `rest`; or nothing, and `rest` untouched.
 */
function takePlain(split: SplitRows): { protocols: Protocol[] } | { markets: Market[][] } | undefined {
  const protocols = split.rest.protocols as Record<string, unknown>[];
  const markets: Market[][] = [];
  for (let i = 0; i < protocols.length; i++) {
    const written = protocols[i]!.markets;
    if (written === undefined) {
      markets.push([]);
      continue;
    }
    const read: Market[] = [];
    const rows = split.cohorts[i]!;
    for (let j = 0; j < (written as unknown[]).length; j++) {
      const market = plainMarketOf((written as unknown[])[j], rows[j]);
      if (!market) return undefined;
      read.push(market);
    }
    markets.push(read);
  }
  const read: Protocol[] = [];
  for (let i = 0; i < protocols.length; i++) {
    const protocol = plainProtocolOf(protocols[i], markets[i]!, split.claims[i]);
    if (!protocol) break;
    read.push(protocol);
  }
  if (read.length === protocols.length) {
    split.rest.protocols = [];
    return { protocols: read };
  }
  protocols.forEach((p) => {
    if (p.markets !== undefined) p.markets = [];
  });
  return { markets };
}

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
      // Already empty (a file read from its bytes): nothing to empty, no copy.
      if (p.claims.length > 0) copy = { ...p, claims: [] };
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
      markets.push(cohorts.length > 0 ? { ...m, cohorts: [] } : m);
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

/**
 * Puts the tables read from the text into `split` (split from the text's rest, where they are empty arrays):
 * false when they do not fit it (a debtor that is not one of the file's protocols, or a table given twice
 * whose earlier one has rows: JSON.parse keeps the last, and this one would find the earlier's rows in its
 * place), and the text is then parsed whole. A table given twice whose earlier one is empty is replaced by
 * the later, as JSON.parse does.
 */
function attachScanned(split: SplitRows, scanned: ScannedRows, value: Record<string, unknown>): boolean {
  const ids = protocolIdsOf(value.protocols as unknown[]);
  const toFile = new Int32Array(scanned.debtorIds.length);
  for (let k = 0; k < scanned.debtorIds.length; k++) {
    const id = scanned.debtorIds[k]!;
    const j = ids.index.get(id);
    if (j === undefined || !ID_PATTERN.test(id)) return false;
    toFile[k] = j;
  }
  // Debtors as indices into the file's protocols, in place: each table's are a view of the one column.
  const debtors = scanned.debtor;
  for (let k = 0; k < debtors.length; k++) debtors[k] = toFile[debtors[k]!]!;
  for (const t of scanned.claims) {
    const empty = split.claims[t.protocol];
    if (!empty || empty.count !== 0) return false;
    split.claims[t.protocol] = {
      rows: undefined,
      debtor: debtors,
      ids: ids.ids,
      amountUsd: scanned.amountUsd,
      start: t.start,
      count: t.count,
    };
  }
  for (const t of scanned.cohorts) {
    const empty = split.cohorts[t.protocol]?.[t.market];
    if (!empty || empty.count !== 0) return false;
    split.cohorts[t.protocol]![t.market] = {
      rows: undefined,
      collateral: scanned.collateral,
      debt: scanned.debt,
      start: t.start,
      count: t.count,
    };
  }
  return true;
}
