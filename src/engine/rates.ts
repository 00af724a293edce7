// Interest-rate curves of lending pools (docs/model.md §18): the borrow rate as a function of utilization
// (Aave v3's kinked curve) or of utilization and time (Fraxlend's time-weighted variable rate, Morpho's
// adaptive curve), the supply
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

/** Morpho Blue's AdaptiveCurveIrm: a curve around a rate at target that moves with the utilization error. */
export interface AdaptiveCurve {
  targetUtilization: number;
  curveSteepness: number;
  /** Per year. */
  adjustmentSpeed: number;
  minRateAtTarget: number;
  maxRateAtTarget: number;
}

/** The normalized distance of u from the target: (u − T)/(1 − T) above it, (u − T)/T below, in [−1, 1]. */
export function adaptiveError(c: AdaptiveCurve, u: number): number {
  const x = Math.min(1, Math.max(0, u));
  const t = c.targetUtilization;
  return (x - t) / (x > t ? 1 - t : t);
}

/** The curve at a rate at target: ((C − 1)·err + 1)·rate above the target, ((1 − 1/C)·err + 1)·rate below. */
export function adaptiveCurveRate(c: AdaptiveCurve, rateAtTarget: number, err: number): number {
  const coeff = err < 0 ? 1 - 1 / c.curveSteepness : c.curveSteepness - 1;
  return (coeff * err + 1) * rateAtTarget;
}

/**
 * One update of the adaptive curve dt seconds after the last, at utilization u (AdaptiveCurveIrm._borrowRate):
 * the rate at target moves to start·exp(speed·err·dt), bounded; the step's borrow rate is the curve at the
 * trapezoidal average (start + end + 2·mid)/4 of the rate at target over the step, mid taken at dt/2.
 */
export function adaptiveStep(
  c: AdaptiveCurve,
  rateAtTarget: number,
  u: number,
  dtSec: number,
): { borrowRate: number; rateAtTarget: number } {
  const err = adaptiveError(c, u);
  const linear = ((c.adjustmentSpeed * err) / YEAR_SEC) * dtSec;
  if (linear === 0) return { borrowRate: adaptiveCurveRate(c, rateAtTarget, err), rateAtTarget };
  const bound = (r: number) => Math.min(c.maxRateAtTarget, Math.max(c.minRateAtTarget, r));
  const end = bound(rateAtTarget * Math.exp(linear));
  const mid = bound(rateAtTarget * Math.exp(linear / 2));
  const average = (rateAtTarget + end + 2 * mid) / 4;
  return { borrowRate: adaptiveCurveRate(c, average, err), rateAtTarget: end };
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
