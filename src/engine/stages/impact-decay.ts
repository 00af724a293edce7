// Stage 2: price impact decays back towards the fundamental with each asset's resilience half-life. A gap that
// this step's events just opened starts decaying next step.
import { IMPACT_NOISE } from '../constants';
import { type RunContext, setPrice } from '../context';
import type { Stage } from './stage';

/** The decay stage of a run. */
export function createImpactDecayStage(ctx: RunContext): Stage {
  // The share of a gap left after one step, per asset: the same every step of a run.
  const kept = Float64Array.from(ctx.s.assets.halfLifeSec, (h) => Math.pow(2, -ctx.s.stepSeconds / h));
  return (ctx) => decayImpact(ctx, kept);
}

function decayImpact(ctx: RunContext, kept: Float64Array): void {
  const { s, ledger } = ctx;
  const A = s.assets;
  for (let a = 0; a < A.n; a++) {
    const fresh = A.freshImpact[a]!;
    A.freshImpact[a] = 1;
    const old = A.impact[a]! / fresh;
    if (old === 1) continue;
    let next = 1 + (old - 1) * kept[a]!;
    // Snap to 1 once the remaining gap is below float noise, so quiet runs can stop.
    if (Math.abs(next - 1) < IMPACT_NOISE) next = 1;
    A.impact[a] = next * fresh;
    setPrice(ctx, a);
    ledger.revalueAsset(a, 'price', ledger.asset(a));
  }
}
