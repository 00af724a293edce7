// Stage 2: price impact decays back towards the fundamental with each asset's resilience half-life.
import { setPrice } from '../context';
import type { Stage } from './stage';

export const decayImpact: Stage = (ctx) => {
  const { s, ledger } = ctx;
  const A = s.assets;
  for (let a = 0; a < A.n; a++) {
    const m = A.impact[a]!;
    if (m === 1) continue;
    const next = 1 + (m - 1) * Math.pow(2, -s.stepSeconds / A.halfLifeSec[a]!);
    // Snap to 1 once the remaining gap is below float noise, so quiet runs can stop.
    A.impact[a] = Math.abs(next - 1) < 1e-12 ? 1 : next;
    setPrice(ctx, a);
    ledger.revalueAsset(a, 'price', `asset:${s.names.assets[a]}`);
  }
};
