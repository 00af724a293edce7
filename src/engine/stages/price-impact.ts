// Stage 6: net flows move market prices, m <- m * exp(-q / D), bounded, or along a pool's curve (docs/model.md
// §3.6). Fire sales feed back here.
import { ammSell } from '../amm-curve';
import { IMPACT_NOISE } from '../constants';
import { type RunContext, setPrice } from '../context';
import { impactFactor } from '../impact-factor';
import { hasBooks, joinBooks, type VenueBooks, syncBooks } from '../venue-books';
import { addSale } from './liquidations';
import type { Stage } from './stage';

/** The price-impact stage of a run (it keeps nothing between steps). */
export function createPriceImpactStage(): Stage {
  return applyPriceImpact;
}

function applyPriceImpact(ctx: RunContext): void {
  const { s, ledger, controls } = ctx;
  const A = s.assets;
  const B = s.venues;
  // Collateral being sold over several steps by a twap breaker.
  for (const lot of ctx.twap) {
    addSale(ctx, lot.protocol, lot.cause, lot.asset, lot.amountPerStep * A.price[lot.asset]!);
    lot.stepsLeft--;
  }
  ctx.twap = ctx.twap.filter((lot) => lot.stepsLeft > 0);

  for (let a = 0; a < A.n; a++) {
    if (controls.pauseTrading[a]) {
      ctx.heldFlow[a]! += A.flow[a]!;
      A.flow[a] = 0;
      continue;
    }
    let q = A.flow[a]! + ctx.heldFlow[a]!;
    ctx.heldFlow[a] = 0;
    A.flow[a] = 0;
    const depth = A.depth[a]! * A.depthMultiplier[a]!;
    const before = A.price[a]!;
    if (hasBooks(B, a)) {
      // Priced per venue (docs/model.md §22): flows without a venue are routed pro rata by depth, so they move
      // every book alike; a sale named to a venue moves that book only.
      const [named, gross] = moveBooks(B, a, q, A.impact[a]!, A.depthMultiplier[a]!);
      if (q === 0 && gross === 0) continue;
      q += named;
      A.impact[a] = joinBooks(B, a);
    } else if (A.ammReserve[a]! > 0) {
      // A pool that drains (docs/model.md §3.6): the tokens sold move its balances along its curve.
      const reserve = A.ammReserve[a]! * A.depthMultiplier[a]!;
      if (q === 0 || before <= 0 || reserve <= 0) continue;
      A.impact[a] = ammSell(A.impact[a]!, q / before, A.ammAmplification[a]!, reserve);
      if (Math.abs(A.impact[a]! - 1) < IMPACT_NOISE) A.impact[a] = 1;
    } else {
      if (q === 0 || depth <= 0) continue;
      A.impact[a]! *= impactFactor(q, depth);
      if (Math.abs(A.impact[a]! - 1) < IMPACT_NOISE) A.impact[a] = 1;
    }
    setPrice(ctx, a);
    // A price already at its floor (0) stays there: its change is 0, not 0 / 0.
    const change = before > 0 ? A.price[a]! / before - 1 : 0;
    const sellers = ctx.keepTrace ? ctx.sellers.get(a) : undefined;
    const firstEvent = ledger.event(0);
    const endEvent = ledger.event(ctx.scenario.events.length);
    if (sellers) {
      for (const [cause, usd] of [...sellers].sort((x, y) => x[0] - y[0])) {
        if (usd === 0) continue;
        ctx.stats.causes.push({
          step: ctx.t,
          asset: a,
          from: cause,
          // A scenario's sale (docs/model.md §22) is exogenous; every other seller is liquidating.
          channel: cause >= firstEvent && cause < endEvent ? 'exogenous' : 'liquidation',
          change: q !== 0 ? (change * usd) / q : 0,
          usd,
        });
      }
    }
    const runSellers = ctx.keepTrace ? ctx.runSellers.get(a) : undefined;
    if (runSellers) {
      // Stuck depositors of the token's issuer selling it (docs/model.md §19).
      for (const [p, usd] of [...runSellers].sort((x, y) => x[0] - y[0])) {
        if (usd === 0) continue;
        ctx.stats.causes.push({
          step: ctx.t,
          asset: a,
          from: ledger.protocol(p),
          channel: 'run',
          change: (change * usd) / q,
          usd,
        });
      }
    }
    ledger.revalueAsset(a, 'price', ledger.asset(a));
  }
  ctx.runSellers.clear();
  // Cleared here, after they are read, so sellers of the step's events (sales) count with its liquidations.
  ctx.sellers.clear();
}

/**
 * Moves asset a's books by this step's flows: `pooled` USD spread pro rata by depth (every book by
 * exp(-pooled / (D_a · μ))), then each book by the USD sold on it, exp(-q_k / (D_k · μ)). Returns the net USD
 * sold on named venues and the sum of its absolute values (a buy on one venue and a sale on another can net to 0).
 */
function moveBooks(
  B: VenueBooks,
  a: number,
  pooled: number,
  assetImpact: number,
  mu: number,
): [number, number] {
  syncBooks(B, a, assetImpact);
  let total = 0;
  for (let k = B.start[a]!; k < B.end[a]!; k++) total += B.depth[k]!;
  const common = pooled !== 0 && total * mu > 0 ? impactFactor(pooled, total * mu) : 1;
  let named = 0;
  let gross = 0;
  for (let k = B.start[a]!; k < B.end[a]!; k++) {
    const qk = B.flow[k]!;
    B.flow[k] = 0;
    named += qk;
    gross += Math.abs(qk);
    const d = B.depth[k]! * mu;
    let m = B.impact[k]! * common * (qk !== 0 && d > 0 ? impactFactor(qk, d) : 1);
    if (Math.abs(m - 1) < IMPACT_NOISE) m = 1;
    B.impact[k] = m;
  }
  return [named, gross];
}
