// Cohorts kept as the file wrote them: a network's largest table (a million rows and more) is checked row by
// row here instead of by zod, and its amounts stay exact decimal strings (or JSON numbers). A market's
// `cohorts` become decimal.js values only when something reads them; the engine reads the amounts as doubles
// from two columns filled while the rows are checked (each amount's text is read once). When every amount is
// given back exactly by its double and no row has a label, only the columns are kept (not the rows).
import { toDec } from './decimal';
import { amountIsZero, exactAsDouble, nonNegAmountToNumber, type RawAmount } from './raw-amount';
import type { Cohort, Market } from './network';
import { lazyField } from './lazy-field';

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
export interface CohortTable {
  rows: readonly CohortRow[] | undefined;
  collateral: Float64Array;
  debt: Float64Array;
}

/**
 * The table of `rows` when every row is a cohort the schema accepts as it is (nothing to default or
 * transform but the amounts), its amounts read as they are checked. Anything else, even a row the schema
 * would accept otherwise, gives undefined, and the caller lets the schema parse the whole file (so the
 * messages are the schema's).
 */
export function cohortTableOf(rows: readonly unknown[], shared?: SharedColumns): CohortTable | undefined {
  const collateral = shared ? shared.take(rows.length, 0) : new Float64Array(rows.length);
  const debt = shared ? shared.take(rows.length, 1) : new Float64Array(rows.length);
  let keepRows = false;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    for (const key in v) if (!COHORT_KEYS.has(key)) return undefined;
    const row = v as Record<string, unknown>;
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
    collateral[i] = c;
    debt[i] = d;
  }
  return { rows: keepRows ? (rows as readonly CohortRow[]) : undefined, collateral, debt };
}

/**
 * Two columns of doubles for all the tables of one file: each table's columns are ranges of them (views, no
 * buffer of their own), so a million rows in fifty thousand markets make two buffers, not a hundred thousand.
 * A table beyond the room counted in advance gets buffers of its own.
 */
export class SharedColumns {
  private readonly columns: [Float64Array, Float64Array];
  private readonly used = [0, 0];
  constructor(rows: number) {
    this.columns = [new Float64Array(rows), new Float64Array(rows)];
  }
  /** The next `n` values of column `i` (0 or 1). */
  take(n: number, i: 0 | 1): Float64Array {
    const at = this.used[i]!;
    if (at + n > this.columns[i].length) return new Float64Array(n);
    this.used[i] = at + n;
    return this.columns[i].subarray(at, at + n);
  }
}

/** The table behind each market parsed from rows. */
const tableOf = new WeakMap<Market, CohortTable>();

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
  const out = lazyCohorts.copy(market);
  tableOf.set(out, table);
  return out;
}

/** As `attachCohortRows`, on a market being built: its next field is `cohorts`, from `table`. */
export function defineCohortRows(market: Market, table: CohortTable): void {
  lazyCohorts.define(market);
  tableOf.set(market, table);
}

/** A market's `cohorts` in decimal.js, from the table it was given, built on first read. */
const lazyCohorts = lazyField<Market, 'cohorts'>(
  'cohorts',
  (market) => {
    const { rows, collateral, debt } = tableOf.get(market)!;
    return rows
      ? rows.map(cohortOf)
      : Array.from(collateral, (c, i) => ({ collateralAmount: toDec(c), debtAmount: toDec(debt[i]!) }));
  },
  (market) => tableOf.delete(market),
);

/**
 * A market's cohort amounts as doubles in file order: the columns its checked rows were read into, or, once
 * its `cohorts` were read or set, columns made from them.
 */
export function cohortAmounts(market: Market): { collateral: Float64Array; debt: Float64Array } {
  const table = tableOf.get(market);
  if (table) return table;
  const cohorts = market.cohorts;
  const collateral = new Float64Array(cohorts.length);
  const debt = new Float64Array(cohorts.length);
  cohorts.forEach((c, i) => {
    collateral[i] = c.collateralAmount.toNumber();
    debt[i] = c.debtAmount.toNumber();
  });
  return { collateral, debt };
}

/** Indices of the cohorts that owe debt against no collateral (the network check reports them). */
export function cohortsWithDebtWithoutCollateral(market: Market): number[] {
  const table = tableOf.get(market);
  const out: number[] = [];
  const rows = table?.rows;
  if (rows) {
    rows.forEach((r, i) => {
      if (!amountIsZero(r.debtAmount) && amountIsZero(r.collateralAmount)) out.push(i);
    });
  } else if (table) {
    // Amounts exact as doubles: zero exactly when their double is.
    const { collateral, debt } = table;
    for (let i = 0; i < debt.length; i++) if (debt[i] !== 0 && collateral[i] === 0) out.push(i);
  } else {
    market.cohorts.forEach((c, i) => {
      if (c.debtAmount.gt(0) && c.collateralAmount.isZero()) out.push(i);
    });
  }
  return out;
}

/** The number of cohorts of a market (without building them). */
export function cohortCount(market: Market): number {
  return tableOf.get(market)?.debt.length ?? market.cohorts.length;
}
