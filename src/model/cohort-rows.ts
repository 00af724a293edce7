// Cohorts kept as the file wrote them: a network's largest table (a million rows and more) is checked row by
// row here instead of by zod, and its amounts stay exact decimal strings (or JSON numbers). A market's
// `cohorts` become decimal.js values only when something reads them; the engine reads the amounts as doubles
// from two columns filled while the rows are checked (each amount's text is read once). When every amount is
// given back exactly by its double and no row has a label, only the columns are kept (not the rows).
import { toDec } from './decimal';
import { amountIsZero, exactAsDouble, nonNegAmountToNumber, type RawAmount } from './raw-amount';
import type { Cohort, Market } from './network';
import { lazyField } from './lazy-field';
import { hasOnly, isRecord } from './plain-values';

/** A cohort as written in a file, already checked (`cohortTableOf`). */
export interface CohortRow {
  label?: string;
  collateralAmount: RawAmount;
  debtAmount: RawAmount;
}

const COHORT_KEYS = new Set(['label', 'collateralAmount', 'debtAmount']);

/**
 * A market's checked cohorts: their amounts as doubles (the double decimal.js gives), in file order, and the
 * rows themselves unless the doubles say everything they do (no label, every amount `exactAsDouble`).
 */
export interface CohortTable extends CohortAmounts {
  rows: readonly CohortRow[] | undefined;
}

/**
 * Cohort amounts as doubles: cohort i of a market is row `start + i` of the columns, which many markets share
 * (a range each, not a typed-array view each: fifty thousand markets would make a hundred thousand views).
 */
export interface CohortAmounts {
  collateral: Float64Array;
  debt: Float64Array;
  start: number;
  count: number;
}

/**
 * The table of `rows` when every row is a cohort the schema accepts as it is (nothing to default or
 * transform but the amounts), its amounts read as they are checked. Anything else, even a row the schema
 * would accept otherwise, gives undefined, and the caller lets the schema parse the whole file (so the
 * messages are the schema's).
 */
export function cohortTableOf(rows: readonly unknown[], shared?: SharedColumns): CohortTable | undefined {
  const at = shared ? shared.take(rows.length) : -1;
  const start = at < 0 ? 0 : at;
  const collateral = at < 0 ? new Float64Array(rows.length) : shared!.collateral;
  const debt = at < 0 ? new Float64Array(rows.length) : shared!.debt;
  let keepRows = false;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    if (!isRecord(v) || !hasOnly(v, COHORT_KEYS)) return undefined;
    const row = v;
    if (row.label !== undefined && typeof row.label !== 'string') return undefined;
    const c = nonNegAmountToNumber(row.collateralAmount);
    const d = nonNegAmountToNumber(row.debtAmount);
    if (Number.isNaN(c) || Number.isNaN(d)) return undefined;
    if (
      !keepRows &&
      (row.label !== undefined ||
        !exactAsDouble(row.collateralAmount as RawAmount) ||
        !exactAsDouble(row.debtAmount as RawAmount))
    )
      keepRows = true;
    collateral[start + i] = c;
    debt[start + i] = d;
  }
  return {
    rows: keepRows ? (rows as readonly CohortRow[]) : undefined,
    collateral,
    debt,
    start,
    count: rows.length,
  };
}

/**
 * Two columns of doubles for all the tables of one file: each table's rows are a range of them, so a million
 * rows in fifty thousand markets make two buffers, not a hundred thousand. A table beyond the room counted in
 * advance gets buffers of its own.
 */
export class SharedColumns {
  readonly collateral: Float64Array;
  readonly debt: Float64Array;
  private used = 0;
  constructor(rows: number) {
    this.collateral = new Float64Array(rows);
    this.debt = new Float64Array(rows);
  }
  /** Where the next `n` rows start in the columns, or -1 when they have no room left. */
  take(n: number): number {
    const at = this.used;
    if (at + n > this.debt.length) return -1;
    this.used = at + n;
    return at;
  }
}

/** The cohort a row stands for, in decimal.js. */
function cohortOf(r: CohortRow): Cohort {
  const c: Cohort = { collateralAmount: toDec(r.collateralAmount), debtAmount: toDec(r.debtAmount) };
  return r.label === undefined ? c : { label: r.label, ...c };
}

/**
 * `market` (a copy of it) with the cohorts of `table` (checked rows): its `cohorts` field is built in
 * decimal.js on first read; until then the functions below read the table.
 */
export function attachCohortRows(market: Market, table: CohortTable): Market {
  return lazyCohorts.copy(market, table);
}

/** As `attachCohortRows`, on a market being built: its next field is `cohorts`, from `table`. */
export function defineCohortRows(market: Market, table: CohortTable): void {
  lazyCohorts.define(market, table);
}

/** A market's `cohorts` in decimal.js, from the table it was given, built on first read. */
const lazyCohorts = lazyField<Market, 'cohorts', CohortTable>(
  'cohorts',
  ({ rows, collateral, debt, start, count }) => {
    return rows
      ? rows.map(cohortOf)
      : Array.from({ length: count }, (_, i) => ({
          collateralAmount: toDec(collateral[start + i]!),
          debtAmount: toDec(debt[start + i]!),
        }));
  },
);

/** The table behind a market parsed from rows, until its `cohorts` are read or set. */
const tableOf = (market: Market): CohortTable | undefined => lazyCohorts.rowsOf(market);

/**
 * A market's cohort amounts as doubles in file order: the columns its checked rows were read into, or, once
 * its `cohorts` were read or set, columns made from them.
 */
export function cohortAmounts(market: Market): CohortAmounts {
  const table = tableOf(market);
  if (table) return table;
  const cohorts = market.cohorts;
  const collateral = new Float64Array(cohorts.length);
  const debt = new Float64Array(cohorts.length);
  cohorts.forEach((c, i) => {
    collateral[i] = c.collateralAmount.toNumber();
    debt[i] = c.debtAmount.toNumber();
  });
  return { collateral, debt, start: 0, count: cohorts.length };
}

/** Indices of the cohorts that owe debt against no collateral (the network check reports them). */
export function cohortsWithDebtWithoutCollateral(market: Market): number[] {
  const table = tableOf(market);
  const out: number[] = [];
  const rows = table?.rows;
  if (rows) {
    rows.forEach((r, i) => {
      if (!amountIsZero(r.debtAmount) && amountIsZero(r.collateralAmount)) out.push(i);
    });
  } else if (table) {
    // Amounts exact as doubles: zero exactly when their double is.
    const { collateral, debt, start, count } = table;
    for (let i = 0; i < count; i++) if (debt[start + i] !== 0 && collateral[start + i] === 0) out.push(i);
  } else {
    market.cohorts.forEach((c, i) => {
      if (c.debtAmount.gt(0) && c.collateralAmount.isZero()) out.push(i);
    });
  }
  return out;
}
