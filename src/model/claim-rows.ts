// Claims kept as the file wrote them, like cohorts (model/cohort-rows.ts): a large network's claims are
// checked row by row here instead of by zod, their amounts stay exact decimal strings, and a protocol's
// `claims` become decimal.js values only when something reads them; the engine and the network check read
// the rows themselves. When no row has more than a debtor and an amount, and every amount is given back exactly
// by its double, only the debtors and the doubles are kept (not the rows). Debtors named by a protocol of the
// file are kept as indices into the file's protocol ids (resolved once, when the rows are split).
import { toDec } from './decimal';
import type { Claim, ClaimKind, Protocol } from './network';
import { exactAsDouble, nonNegAmountToNumber, type RawAmount } from './raw-amount';
import { hasOnly, isId, isNote, isRecord, isRef, NO_REFS } from './plain-values';
import { lazyField } from './lazy-field';

/** A claim as written in a file, already checked (`claimTableOf`). */
export interface ClaimRow {
  on: string;
  amountUsd: RawAmount;
  kind?: ClaimKind;
  ref?: string | string[];
  note?: string;
}

const CLAIM_KEYS = new Set(['on', 'amountUsd', 'kind', 'ref', 'note']);
const KINDS = new Set(['deposit', 'vault-share', 'loan', 'other']);

/** Whether `v` is a claim the schema accepts, but for its amount (which `claimTableOf` reads). */
function isClaimRowButAmount(v: unknown): boolean {
  if (!isRecord(v) || !hasOnly(v, CLAIM_KEYS)) return false;
  return (
    isId(v.on) &&
    (v.kind === undefined || (typeof v.kind === 'string' && KINDS.has(v.kind))) &&
    isRef(v.ref) &&
    isNote(v.note)
  );
}

/**
 * A protocol's checked claims: their debtors and amounts as doubles (the double decimal.js gives), in file
 * order, and the rows themselves unless those say everything they do (no kind, ref or note, every amount
 * `exactAsDouble`).
 */
export interface ClaimTable {
  rows: readonly ClaimRow[] | undefined;
  /**
   * Claim i is row `start + i` of the columns, which many protocols may share (a range each, not a
   * typed-array view each): its debtor, an index into `ids` (the file's protocol ids), and its amount.
   */
  debtor: Int32Array;
  ids: readonly string[];
  amountUsd: Float64Array;
  start: number;
  count: number;
}

/**
 * The file's protocol ids and the index of each one (its first protocol when an id is repeated; the network
 * check reports the repeat).
 */
export interface ProtocolIds {
  ids: readonly string[];
  index: ReadonlyMap<string, number>;
}

/** The ids of a file's protocols (`undefined` where one has no string id). */
export function protocolIdsOf(protocols: readonly unknown[]): ProtocolIds {
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const p of protocols) {
    const id = typeof p === 'object' && p !== null ? (p as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' || index.has(id)) continue;
    index.set(id, ids.length);
    ids.push(id);
  }
  return { ids, index };
}

/**
 * The table of `rows` when every row is a claim the schema accepts, its amounts read as they are checked.
 * Anything else gives undefined, and the caller lets the schema parse the whole file (so the messages are
 * the schema's).
 */
export function claimTableOf(rows: readonly unknown[], protocols: ProtocolIds): ClaimTable | undefined {
  const amountUsd = new Float64Array(rows.length);
  const debtor = new Int32Array(rows.length);
  let keepRows = false;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    if (!isClaimRowButAmount(v)) return undefined;
    const row = v as ClaimRow;
    const amount = nonNegAmountToNumber(row.amountUsd);
    if (Number.isNaN(amount)) return undefined;
    // A debtor the file does not name: the schema and the network check read the whole file instead.
    const j = protocols.index.get(row.on);
    if (j === undefined) return undefined;
    if (
      !keepRows &&
      (row.kind !== undefined ||
        row.ref !== undefined ||
        row.note !== undefined ||
        !exactAsDouble(row.amountUsd))
    )
      keepRows = true;
    amountUsd[i] = amount;
    debtor[i] = j;
  }
  return {
    rows: keepRows ? (rows as readonly ClaimRow[]) : undefined,
    debtor,
    ids: protocols.ids,
    amountUsd,
    start: 0,
    count: rows.length,
  };
}

/** The refs of a row as the schema gives them: always a list. */
const refsOf = (r: ClaimRow): string[] =>
  r.ref === undefined ? [] : typeof r.ref === 'string' ? [r.ref] : r.ref;
/** The refs of a row to read (the shared empty list for a row without refs). */
const refsRead = (r: ClaimRow): readonly string[] => (r.ref === undefined ? NO_REFS : refsOf(r));

/** The claim a row stands for, as the schema parses it (kind defaulted, refs a list, amount in decimal.js). */
function claimOf(r: ClaimRow): Claim {
  const c: Claim = { on: r.on, amountUsd: toDec(r.amountUsd), kind: r.kind ?? 'deposit', ref: refsOf(r) };
  if (r.note !== undefined) c.note = r.note;
  return c;
}

/**
 * `protocol` (a copy of it) with the claims of `table` (checked rows): its `claims` field is built in
 * decimal.js on first read; until then the functions below read the rows.
 */
export function attachClaimRows(protocol: Protocol, table: ClaimTable): Protocol {
  return lazyClaims.copy(protocol, table);
}

/** As `attachClaimRows`, on a protocol being built: its next field is `claims`, from `table`. */
export function defineClaimRows(protocol: Protocol, table: ClaimTable): void {
  lazyClaims.define(protocol, table);
}

/** A protocol's `claims` in decimal.js, from the table it was given, built on first read. */
const lazyClaims = lazyField<Protocol, 'claims', ClaimTable>(
  'claims',
  ({ rows, debtor, ids, amountUsd, start, count }) => {
    return rows
      ? rows.map(claimOf)
      : Array.from({ length: count }, (_, i) => ({
          on: ids[debtor[start + i]!]!,
          amountUsd: toDec(amountUsd[start + i]!),
          kind: 'deposit' as const,
          ref: [],
        }));
  },
);

/** The table behind a protocol parsed from rows, until its `claims` are read or set. */
const tableOf = (protocol: Protocol): ClaimTable | undefined => lazyClaims.rowsOf(protocol);

/** Calls `each` with every claim's debtor, amount (as a double) and refs, in file order. */
export function forEachClaim(
  protocol: Protocol,
  each: (on: string, amountUsd: number, ref: readonly string[], index: number) => void,
): void {
  const table = tableOf(protocol);
  if (table) {
    const { rows, debtor, ids, amountUsd, start, count } = table;
    for (let i = 0; i < count; i++)
      each(ids[debtor[start + i]!]!, amountUsd[start + i]!, rows ? refsRead(rows[i]!) : NO_REFS, i);
  } else protocol.claims.forEach((c, i) => each(c.on, c.amountUsd.toNumber(), c.ref, i));
}

/**
 * A protocol's claims as checked rows left them (debtors as indices into `ids`, amounts as doubles, the rows
 * when kept), or undefined once its `claims` were read or set (then `forEachClaim` reads them).
 */
export function claimColumns(protocol: Protocol): Readonly<ClaimTable> | undefined {
  return tableOf(protocol);
}
