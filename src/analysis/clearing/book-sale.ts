// The sale of defaulters' books into the venues' depth over a number of steps (docs/model.md §25.4): the
// price impact of §3.6, decaying between steps as in §3.2, with the seller paid along the impact curve.
import { IMPACT_NOISE } from '../../engine/constants';

/** One asset being sold: its depth, its impact half-life and its fundamental price at each step. */
export interface SaleMarket {
  asset: string;
  /** D of §1: USD sold (at the pre-sale price) that moves the price by a factor e^-1; 0 = no venue. */
  depthUsd: number;
  halfLifeSec: number;
  /** Fundamental price at step k (the network's price times the shock's level). */
  fundamental: (step: number) => number;
}

export interface SaleInput {
  markets: readonly SaleMarket[];
  /** units[s][a]: units of market a that seller s sells in all. */
  units: readonly (readonly number[])[];
  /** Steps the sale is spread over evenly (1 = everything in the default step). */
  steps: number;
  stepSeconds: number;
  /** start[s]: the first step seller s sells in, evenly over the steps left (absent: 0 for every seller). */
  start?: readonly number[];
}

export interface MarketSale {
  asset: string;
  /** Price at step 0 before any sale. */
  markUsd: number;
  /** Lowest market price at the end of a step of the sale. */
  worstPriceUsd: number;
  /** Units sold in all, and what they raised. */
  units: number;
  proceedsUsd: number;
  /** Market price at the end of each step. */
  prices: number[];
  /** USD sold at each step, at the step's price before the sale (the q of §3.6). */
  soldUsd: number[];
}

export interface SaleResult {
  markets: MarketSale[];
  /** proceeds[s][k]: USD seller s raised at step k, over all its assets. */
  proceeds: number[][];
}

/**
 * Sells `units / steps` of each asset a step (the last step sells what is left). At step k the impact
 * multiplier first decays, `m ← 1 + (m - 1) · 2^(-Δ/h)` (k ≥ 1), then a sale of q USD at the price
 * `p = f(k) · m` raises `D · (1 - e^(-q/D))` (q when D = 0) and leaves `m ← m · e^(-q/D)`. Sellers of one
 * asset in one step share the proceeds by units.
 */
export function sellBooks(input: SaleInput): SaleResult {
  const { markets, units, steps, stepSeconds } = input;
  const start = input.start ?? units.map(() => 0);
  const proceeds = units.map(() => new Array<number>(steps).fill(0));
  const out = markets.map((mk, a): MarketSale => {
    const total = units.reduce((s, u) => s + u[a]!, 0);
    // A seller that starts late sells `units / (steps - start)` a step from its start (§25.1: margin that
    // arrives through a bridge); with every seller from step 0, all sell `total / steps` together.
    const late = units.some((u, s) => start[s]! > 0 && u[a]! > 0);
    const soldBy = units.map(() => 0);
    const share = units.map(() => 0);
    const decay = Math.pow(2, -stepSeconds / mk.halfLifeSec);
    let m = 1;
    let sold = 0;
    let raised = 0;
    let worst = mk.fundamental(0);
    const prices: number[] = [];
    const soldUsd: number[] = [];
    for (let k = 0; k < steps; k++) {
      if (k > 0) {
        m = 1 + (m - 1) * decay;
        if (Math.abs(m - 1) < IMPACT_NOISE) m = 1;
      }
      const f = mk.fundamental(k);
      let u = k === steps - 1 ? total - sold : total / steps;
      if (late) {
        u = 0;
        units.forEach((us, s) => {
          const from = start[s]!;
          const x = k < from ? 0 : k === steps - 1 ? us[a]! - soldBy[s]! : us[a]! / (steps - from);
          share[s] = x;
          soldBy[s]! += x;
          u += x;
        });
      }
      const q = u * f * m;
      soldUsd.push(q);
      let got = q;
      if (mk.depthUsd > 0 && q > 0) {
        got = mk.depthUsd * -Math.expm1(-q / mk.depthUsd);
        m *= Math.exp(-q / mk.depthUsd);
      }
      sold += u;
      raised += got;
      if (late) {
        if (u > 0) units.forEach((_, s) => (proceeds[s]![k]! += (got * share[s]!) / u));
      } else if (total > 0) units.forEach((us, s) => (proceeds[s]![k]! += (got * us[a]!) / total));
      const price = f * m;
      prices.push(price);
      if (price < worst) worst = price;
    }
    return {
      asset: mk.asset,
      markUsd: mk.fundamental(0),
      worstPriceUsd: worst,
      units: total,
      proceedsUsd: raised,
      prices,
      soldUsd,
    };
  });
  return { markets: out, proceeds };
}
