// Arbitrage between the venues of an asset priced per venue (docs/model.md §22): each pair of books is traded
// towards one price, within the pair's USD capacity per step; with a transfer delay, the sell on the dearer
// venue lands that many steps after the buy on the cheaper one.
import { IMPACT_NOISE } from '../constants';
import { type RunContext, setPrice } from '../context';
import { joinBooks, syncBooks } from '../venue-books';
import type { Stage } from './stage';

/** Below this many USD a pair is taken as joined (float noise, not a trade). */
const ARB_NOISE_USD = 1e-6;

/** The stage, or undefined when the network has no arbitrage between venues. */
export function createVenueArbitrageStage(ctx: RunContext): Stage | undefined {
  const B = ctx.s.venues;
  if (B.pairA.length === 0) return undefined;
  // Per asset, whether this step moved any of its books (scratch of this stage).
  const touched = new Uint8Array(ctx.s.assets.n);
  return (ctx) => arbitrageVenues(ctx, touched);
}

function arbitrageVenues(ctx: RunContext, touched: Uint8Array): void {
  const { s, ledger } = ctx;
  const A = s.assets;
  const B = s.venues;
  touched.fill(0);
  const depthOf = (k: number) => B.depth[k]! * A.depthMultiplier[B.asset[k]!]!;
  const move = (k: number, usd: number) => {
    const a = B.asset[k]!;
    if (!touched[a]) {
      syncBooks(B, a, A.impact[a]!);
      touched[a] = 1;
    }
    let m = B.impact[k]! * Math.exp(-usd / depthOf(k));
    if (Math.abs(m - 1) < IMPACT_NOISE) m = 1;
    B.impact[k] = m;
  };
  // Sells in transit that land now.
  if (B.transit.length > 0) {
    for (const [at, k, usd] of B.transit) {
      if (at > ctx.t) continue;
      B.inTransitUsd[k]! -= usd;
      move(k, usd);
    }
    B.transit = B.transit.filter(([at]) => at > ctx.t);
  }
  for (let j = 0; j < B.pairA.length; j++) {
    const x = B.pairA[j]!;
    const y = B.pairB[j]!;
    const a = B.asset[x]!;
    if (ctx.controls.pauseTrading[a] || depthOf(x) <= 0 || depthOf(y) <= 0) continue;
    // Log-prices once the sells in transit have landed: what an arbitrageur trades against.
    const lx = Math.log(B.impact[x]!) - B.inTransitUsd[x]! / depthOf(x);
    const ly = Math.log(B.impact[y]!) - B.inTransitUsd[y]! / depthOf(y);
    const [cheap, dear] = lx < ly ? [x, y] : [y, x];
    // Buying u on the cheap book and selling u on the dear one joins them at u = gap / (1/D_cheap + 1/D_dear).
    const joinAt = Math.abs(ly - lx) / (1 / depthOf(cheap) + 1 / depthOf(dear));
    const usd = Math.min(B.capacityUsd[j]!, joinAt);
    if (usd < ARB_NOISE_USD) continue;
    move(cheap, -usd);
    if (B.delaySteps[j] === 0) move(dear, usd);
    else {
      B.transit.push([ctx.t + B.delaySteps[j]!, dear, usd]);
      B.inTransitUsd[dear]! += usd;
    }
  }
  for (let a = 0; a < A.n; a++) {
    if (!touched[a]) continue;
    const next = joinBooks(B, a);
    if (next === A.impact[a]) continue;
    A.impact[a] = next;
    setPrice(ctx, a);
    ledger.revalueAsset(a, 'price', ledger.asset(a));
  }
}
