// Seeded jump-diffusion price paths (geometric Brownian motion plus Poisson jumps), with severity levels.
import prand, { type RandomGenerator } from 'pure-rand';

export type Severity = 'adverse' | 'severe' | 'very-severe';
export const SEVERITIES: readonly Severity[] = ['adverse', 'severe', 'very-severe'];

/** Parameters of the log-price: dX = -σ²/2 dt + σ dW + Σ jumps, jumps ~ Normal(jumpMean, jumpSd) at rate λ. */
export interface JumpDiffusion {
  /** σ, volatility per √hour of the diffusion part. */
  volPerSqrtHour: number;
  /** λ, expected jumps per hour. */
  jumpsPerHour: number;
  /** Mean of a jump in log-price (negative: a fall). */
  jumpMeanLog: number;
  /** Standard deviation of a jump in log-price. */
  jumpSdLog: number;
}

/**
 * Calibration (docs/model.md, "Sweeps and Monte Carlo"), on two historical ETH moves:
 * 10 Oct 2025, ETH fell about 20% in 30 minutes (Chaos Labs' report); 12 Mar 2020, ETH fell 43% in a day
 * (Black Thursday, its worst day; the runner-up was -27%).
 * - adverse: jumps of about -10% at 2 an hour; the expected move over 30 minutes is about -10%, half of Oct 2025.
 * - severe: the same jumps at 4 an hour; the expected move over 30 minutes is about -19%, Oct 2025.
 * - very-severe: jumps of about -15% at 4 an hour; the expected move over 52 minutes is about -43%, the day of
 *   Black Thursday compressed into under an hour.
 */
export const CALIBRATION: Record<Severity, JumpDiffusion> = {
  adverse: { volPerSqrtHour: 0.02, jumpsPerHour: 2, jumpMeanLog: Math.log(0.9), jumpSdLog: 0.04 },
  severe: { volPerSqrtHour: 0.03, jumpsPerHour: 4, jumpMeanLog: Math.log(0.9), jumpSdLog: 0.05 },
  'very-severe': { volPerSqrtHour: 0.05, jumpsPerHour: 4, jumpMeanLog: Math.log(0.85), jumpSdLog: 0.08 },
};

/** A uniform double in [0, 1) from 53 random bits. */
export function uniform(rng: RandomGenerator): number {
  const hi = rng.unsafeNext() >>> 5;
  const lo = rng.unsafeNext() >>> 6;
  return (hi * 67108864 + lo) / 9007199254740992;
}

/** A standard normal draw (Box-Muller). */
export function normal(rng: RandomGenerator): number {
  const u = 1 - uniform(rng);
  const v = uniform(rng);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A Poisson draw of mean `mean` (Knuth's product of uniforms; the means here are small). */
export function poisson(mean: number, rng: RandomGenerator): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = uniform(rng);
  while (p > limit) {
    k++;
    p *= uniform(rng);
  }
  return k;
}

export const generator = (seed: number): RandomGenerator => prand.xoroshiro128plus(seed);

/**
 * Cumulative changes from the start, one per point, `points` points `dtSeconds` apart: the shape of a
 * `series` price path. Changes are rounded to 1e-6 (the double nearest a whole number of millionths) and kept
 * above -100%.
 */
export function jumpDiffusionPath(
  model: JumpDiffusion,
  points: number,
  dtSeconds: number,
  rng: RandomGenerator,
): number[] {
  const dt = dtSeconds / 3600;
  const sd = model.volPerSqrtHour * Math.sqrt(dt);
  let x = 0;
  const out: number[] = [];
  for (let k = 0; k < points; k++) {
    x += -0.5 * sd * sd + sd * normal(rng);
    const jumps = poisson(model.jumpsPerHour * dt, rng);
    for (let j = 0; j < jumps; j++) x += model.jumpMeanLog + model.jumpSdLog * normal(rng);
    out.push(Math.max(-0.999999, Math.round((Math.exp(x) - 1) * 1e6) / 1e6));
  }
  return out;
}
