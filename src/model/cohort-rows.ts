// Cohorts kept as the file wrote them: a network's largest table (a million rows and more) is checked row by
// row here instead of by zod, and its amounts stay exact decimal strings (or JSON numbers). A market's
// `cohorts` become decimal.js values only when something reads them; the engine reads the rows themselves.
import { toDec } from './decimal';
import { amountIsZero, amountToNumber, isNonNegAmount, type RawAmount } from './raw-amount';
import type { Cohort, Market } from './network';

/** A cohort as written in a file, already checked (`isCohortRow`). */
export interface CohortRow {
  label?: string;
  collateralAmount: RawAmount;
  debtAmount: RawAmount;
}

const COHORT_KEYS = new Set(['label', 'collateralAmount', 'debtAmount']);

/**
 * Whether `v` is a cohort the schema accepts as it is (nothing to default or transform but the amounts).
 * Anything else, even a row the schema would accept otherwise, answers false, and the caller lets the
 * schema parse the whole file (so the messages are the schema's).
 */
export function isCohortRow(v: unknown): v is CohortRow {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const key in v) if (!COHORT_KEYS.has(key)) return false;
  const row = v as Record<string, unknown>;
  return (
    isNonNegAmount(row.collateralAmount) &&
    isNonNegAmount(row.debtAmount) &&
    (row.label === undefined || typeof row.label === 'string')
  );
}

/** The rows behind each market parsed from them. */
const rowsOf = new WeakMap<Market, readonly CohortRow[]>();

/** The cohort a row stands for, in decimal.js. */
function cohortOf(r: CohortRow): Cohort {
  const c: Cohort = { collateralAmount: toDec(r.collateralAmount), debtAmount: toDec(r.debtAmount) };
  return r.label === undefined ? c : { label: r.label, ...c };
}

/**
 * Gives `market` the cohorts of `rows` (checked rows): its `cohorts` field is built in decimal.js on first
 * read, and `cohortRows(market)` returns the rows.
 */
export function attachCohortRows(market: Market, rows: readonly CohortRow[]): void {
  rowsOf.set(market, rows);
  Object.defineProperty(market, 'cohorts', {
    enumerable: true,
    configurable: true,
    get(this: Market): Cohort[] {
      const cohorts = rows.map(cohortOf);
      Object.defineProperty(this, 'cohorts', { value: cohorts, enumerable: true, writable: true });
      rowsOf.delete(this);
      return cohorts;
    },
    set(this: Market, cohorts: Cohort[]) {
      Object.defineProperty(this, 'cohorts', { value: cohorts, enumerable: true, writable: true });
      rowsOf.delete(this);
    },
  });
}

/** Calls `each` with every cohort's amounts (as doubles, in file order), from the rows when it has them. */
export function forEachCohortAmount(
  market: Market,
  each: (collateral: number, debt: number, index: number) => void,
): void {
  const rows = rowsOf.get(market);
  if (rows) rows.forEach((r, i) => each(amountToNumber(r.collateralAmount), amountToNumber(r.debtAmount), i));
  else market.cohorts.forEach((c, i) => each(c.collateralAmount.toNumber(), c.debtAmount.toNumber(), i));
}

/** Indices of the cohorts that owe debt against no collateral (the network check reports them). */
export function cohortsWithDebtWithoutCollateral(market: Market): number[] {
  const rows = rowsOf.get(market);
  const out: number[] = [];
  if (rows) {
    rows.forEach((r, i) => {
      if (!amountIsZero(r.debtAmount) && amountIsZero(r.collateralAmount)) out.push(i);
    });
  } else {
    market.cohorts.forEach((c, i) => {
      if (c.debtAmount.gt(0) && c.collateralAmount.isZero()) out.push(i);
    });
  }
  return out;
}

/** The number of cohorts of a market (without building them). */
export function cohortCount(market: Market): number {
  return rowsOf.get(market)?.length ?? market.cohorts.length;
}
