// Stage 2: price impact decays back towards the fundamental with each asset's resilience half-life. A gap that
// this step's events just opened starts decaying next step. An asset priced per venue decays book by book,
// each with its venue's half-life (docs/model.md §22).
import { mapFloat64 } from '../typed-columns';
import { IMPACT_NOISE } from '../constants';
import { type RunContext, setPrice } from '../context';
import { hasBooks, joinBooks, syncBooks } from '../venue-books';
import type { Stage } from './stage';

/** The decay stage of a run. */
export function createImpactDecayStage(ctx: RunContext): Stage {
  // The share of a gap left after one step, per asset and per venue book: the same every step of a run.
  const kept = mapFloat64(ctx.s.assets.halfLifeSec, (h) => Math.pow(2, -ctx.s.stepSeconds / h));
  const keptBook = mapFloat64(ctx.s.venues.halfLifeSec, (h) => Math.pow(2, -ctx.s.stepSeconds / h));
  return (ctx) => decayImpact(ctx, kept, keptBook);
}

/** m <- (1 + (m / fresh - 1) · kept) · fresh, snapped to fresh once within float noise. */
function decayed(m: number, fresh: number, kept: number): number {
  const old = m / fresh;
  if (old === 1) return m;
  let next = 1 + (old - 1) * kept;
  // Snap to 1 once the remaining gap is below float noise, so quiet runs can stop.
  if (Math.abs(next - 1) < IMPACT_NOISE) next = 1;
  return next * fresh;
}

function decayImpact(ctx: RunContext, kept: Float64Array, keptBook: Float64Array): void {
  const { s, ledger } = ctx;
  const A = s.assets;
  const B = s.venues;
  for (let a = 0; a < A.n; a++) {
    const fresh = A.freshImpact[a]!;
    A.freshImpact[a] = 1;
    let next: number;
    if (hasBooks(B, a)) {
      syncBooks(B, a, A.impact[a]!);
      for (let k = B.start[a]!; k < B.end[a]!; k++) B.impact[k] = decayed(B.impact[k]!, fresh, keptBook[k]!);
      next = joinBooks(B, a);
    } else next = decayed(A.impact[a]!, fresh, kept[a]!);
    if (next === A.impact[a]) continue;
    A.impact[a] = next;
    setPrice(ctx, a);
    ledger.revalueAsset(a, 'price', ledger.asset(a));
  }
}
