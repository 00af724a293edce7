// Claims kept as the file wrote them, like cohorts (model/cohort-rows.ts): a large network's claims are
// checked row by row here instead of by zod, their amounts stay exact decimal strings, and a protocol's
// `claims` become decimal.js values only when something reads them; the engine and the network check read
// the rows themselves. When no row has more than a debtor and an amount, and every amount is given back exactly
// by its double, only the debtors and the doubles are kept (not the rows).
import { toDec } from './decimal';
import type { Claim, ClaimKind, Protocol } from './network';
import { exactAsDouble, nonNegAmountToNumber, type RawAmount } from './raw-amount';
import { ID_PATTERN } from './schema/common';
import { defineLazyField } from './lazy-field';

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
const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);

/** Whether `v` is a claim the schema accepts, but for its amount (which `claimTableOf` reads). */
function isClaimRowButAmount(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const key in v) if (!CLAIM_KEYS.has(key)) return false;
  const row = v as Record<string, unknown>;
  const ref = row.ref;
  return (
    isId(row.on) &&
    (row.kind === undefined || (typeof row.kind === 'string' && KINDS.has(row.kind))) &&
    (ref === undefined || isId(ref) || (Array.isArray(ref) && ref.length > 0 && ref.every(isId))) &&
    (row.note === undefined || (typeof row.note === 'string' && row.note.length <= 2000))
  );
}

/**
 * A protocol's checked claims: their debtors and amounts as doubles (the double decimal.js gives), in file
 * order, and the rows themselves unless those say everything they do (no kind, ref or note, every amount
 * `exactAsDouble`).
 */
export interface ClaimTable {
  rows: readonly ClaimRow[] | undefined;
  on: readonly string[];
  amountUsd: Float64Array;
}

/**
 * The table of `rows` when every row is a claim the schema accepts, its amounts read as they are checked.
 * Anything else gives undefined, and the caller lets the schema parse the whole file (so the messages are
 * the schema's).
 */
export function claimTableOf(rows: readonly unknown[]): ClaimTable | undefined {
  const amountUsd = new Float64Array(rows.length);
  const on: string[] = new Array<string>(rows.length);
  let keepRows = false;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    if (!isClaimRowButAmount(v)) return undefined;
    const row = v as ClaimRow;
    const amount = nonNegAmountToNumber(row.amountUsd);
    if (Number.isNaN(amount)) return undefined;
    if (
      !keepRows &&
      (row.kind !== undefined ||
        row.ref !== undefined ||
        row.note !== undefined ||
        !exactAsDouble(row.amountUsd))
    )
      keepRows = true;
    amountUsd[i] = amount;
    on[i] = row.on;
  }
  return { rows: keepRows ? (rows as readonly ClaimRow[]) : undefined, on, amountUsd };
}

/** The refs of a row as the schema gives them: always a list. */
const refsOf = (r: ClaimRow): string[] =>
  r.ref === undefined ? [] : typeof r.ref === 'string' ? [r.ref] : r.ref;
/** The refs of a row to read (one shared empty list for a row without refs). */
const NO_REFS: readonly string[] = Object.freeze([]);
const refsRead = (r: ClaimRow): readonly string[] => (r.ref === undefined ? NO_REFS : refsOf(r));

/** The claim a row stands for, as the schema parses it (kind defaulted, refs a list, amount in decimal.js). */
function claimOf(r: ClaimRow): Claim {
  const c: Claim = { on: r.on, amountUsd: toDec(r.amountUsd), kind: r.kind ?? 'deposit', ref: refsOf(r) };
  if (r.note !== undefined) c.note = r.note;
  return c;
}

/** The table behind each protocol parsed from rows. */
const tableOf = new WeakMap<Protocol, ClaimTable>();

/**
 * Gives `protocol` the claims of `table` (checked rows): its `claims` field is built in decimal.js on first
 * read; until then the functions below read the rows.
 */
export function attachClaimRows(protocol: Protocol, table: ClaimTable): void {
  const { rows, on, amountUsd } = table;
  tableOf.set(protocol, table);
  defineLazyField(
    protocol,
    'claims',
    () =>
      rows
        ? rows.map(claimOf)
        : on.map((debtor, i) => ({ on: debtor, amountUsd: toDec(amountUsd[i]!), kind: 'deposit', ref: [] })),
    () => tableOf.delete(protocol),
  );
}

/** Calls `each` with every claim's debtor, amount (as a double) and refs, in file order. */
export function forEachClaim(
  protocol: Protocol,
  each: (on: string, amountUsd: number, ref: readonly string[], index: number) => void,
): void {
  const table = tableOf.get(protocol);
  if (table) {
    const { rows, on, amountUsd } = table;
    for (let i = 0; i < on.length; i++) each(on[i]!, amountUsd[i]!, rows ? refsRead(rows[i]!) : NO_REFS, i);
  } else protocol.claims.forEach((c, i) => each(c.on, c.amountUsd.toNumber(), c.ref, i));
}
