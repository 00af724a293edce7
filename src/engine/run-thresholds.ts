// Depositors' run thresholds (docs/model.md §19): the share of depositors whose threshold a stress signal has
// crossed, the CDF of the threshold distribution at the signal. Deterministic: no depositor is drawn.
import type { RunThresholds } from '../model/network';
import { unhandled } from './compile-scenario';

/** The standard normal CDF, from erf (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Share of depositors whose threshold is at most `signal`: F(signal), in [0, 1]. */
export function runShare(d: RunThresholds, signal: number): number {
  if (!(signal > 0)) return 0;
  switch (d.distribution) {
    case 'uniform':
      return Math.min(1, Math.max(0, (signal - d.low) / (d.high - d.low)));
    case 'lognormal':
      return signal === Infinity ? 1 : normalCdf(Math.log(signal / d.median) / d.sigma);
    default:
      return unhandled(d);
  }
}
