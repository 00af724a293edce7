// Stage 2: price impact decays back towards the fundamental with each asset's resilience half-life. A gap that
// this step's events just opened starts decaying next step.
import { IMPACT_NOISE } from '../constants';
import { setPrice } from '../context';
import type { Stage } from './stage';

export const decayImpact: Stage = (ctx) => {
  const { s, ledger } = ctx;
  const A = s.assets;
  // The share of a gap left after one step, per asset: the same every step of a run.
  const kept = (ctx.impactKeptPerStep ??= Float64Array.from(A.halfLifeSec, (h) =>
    Math.pow(2, -s.stepSeconds / h),
  ));
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
};
