// Interest-rate curves of lending pools (docs/model.md §18): the borrow rate as a function of utilization
// (Aave v3's kinked curve) or of utilization and time (Fraxlend's time-weighted variable rate), the supply
// rate, and the growth of a debt over a step at a per-second rate. Pure functions of numbers.

/** Seconds in a year: rates are yearly, compounded per second over YEAR_SEC seconds a year. */
export const YEAR_SEC = 365 * 24 * 3600;

/** Aave v3 kinked curve: the borrow rate is base + slope1·U/Uopt up to the kink, then rises by slope2. */
export interface KinkedCurve {
  baseRate: number;
  slope1: number;
  slope2: number;
  optimalUtilization: number;
}

/**
 * Borrow rate a year at utilization u: base + slope1·u/Uopt for u ≤ Uopt, base + slope1 + slope2·(u − Uopt)/(1 − Uopt)
 * above (Aave v3 DefaultReserveInterestRateStrategy). u is clamped to [0, 1].
 */
export function kinkedBorrowRate(c: KinkedCurve, u: number): number {
  const x = Math.min(1, Math.max(0, u));
  const k = c.optimalUtilization;
  if (x <= k) return c.baseRate + (c.slope1 * x) / k;
  return c.baseRate + c.slope1 + (c.slope2 * (x - k)) / (1 - k);
}

/** Fraxlend's time-weighted variable rate: a target band of utilization, bounds and a half-life. */
export interface TimeWeightedCurve {
  minRate: number;
  maxRate: number;
  minTargetUtilization: number;
  maxTargetUtilization: number;
  halfLifeSec: number;
}

/**
 * The rate after an update dt seconds after the last, at utilization u (Fraxlend VariableInterestRate.getNewRate):
 * above the band, with d = (u − max)/(1 − max), r ← r·(1 + d²·dt/H); below it, with d = (min − u)/min,
 * r ← r/(1 + d²·dt/H); inside it r stays. Bounded by [minRate, maxRate]. At u = 1 an update a half-life
 * after the last doubles the rate.
 */
export function timeWeightedRate(c: TimeWeightedCurve, rate: number, u: number, dtSec: number): number {
  const x = Math.min(1, Math.max(0, u));
  if (x > c.maxTargetUtilization) {
    const d = (x - c.maxTargetUtilization) / (1 - c.maxTargetUtilization);
    return Math.min(c.maxRate, rate * (1 + (d * d * dtSec) / c.halfLifeSec));
  }
  if (x < c.minTargetUtilization) {
    const d = (c.minTargetUtilization - x) / c.minTargetUtilization;
    return Math.max(c.minRate, rate / (1 + (d * d * dtSec) / c.halfLifeSec));
  }
  return rate;
}

/** Supply rate a year: what borrowers pay, spread over all that is supplied, less the reserve's share. */
export function supplyRate(borrowRate: number, u: number, reserveFactor: number): number {
  return borrowRate * u * (1 - reserveFactor);
}

/** Growth of a debt over dt seconds at a yearly rate compounded per second: (1 + r/YEAR_SEC)^dt. */
export function accrualFactor(yearlyRate: number, dtSec: number): number {
  return Math.pow(1 + yearlyRate / YEAR_SEC, dtSec);
}

/** Utilization of a pool: borrowed over supplied (borrowed + idle); 0 for an empty pool. */
export function utilization(borrowed: number, idle: number): number {
  const supplied = borrowed + Math.max(0, idle);
  return supplied > 0 ? Math.max(0, borrowed) / supplied : 0;
}
