// Market arbitrage across conversion links (docs/model.md §3.11): after price impact, arbitrageurs trade the
// market price of each link's `to` back into the link's no-arbitrage band, within its capacity per step and its
// converter's inventory. The trade is a flow: it moves both sides' market prices and the converter's reserves.
import { type RunContext, setPrice } from '../context';
import { bookConversion, inventoryCap, bandOfLink } from '../link-flows';
import { linkConverts } from '../state';
import { booksDepth, booksPrice, moveBooks } from '../venue-books';
import type { Stage } from './stage';

/**
 * USD an arbitrageur trades to close a gap between a price and its band edge when both sides move: selling x
 * USD of `to` moves it by exp(-x/Dto) and buying x USD of `from` moves the edge by exp(x/Dfrom), so
 * x = ln(price / edge) / (1/Dto + 1/Dfrom). A side without depth does not move. Returns 0 inside the band.
 */
export function arbitrageUsd(price: number, edge: number, depthTo: number, depthFrom: number): number {
  if (!(price > 0) || !(edge > 0) || !(depthTo > 0)) return 0;
  const gap = Math.abs(Math.log(price / edge));
  const inverse = 1 / depthTo + (depthFrom > 0 ? 1 / depthFrom : 0);
  return gap / inverse;
}

/**
 * Units of `to` a trade of `usd` moves along the impact curve p(x) = p0 exp(±x / D), priced at the trade's
 * average fill: buying, D / p0 (1 - exp(-usd / D)); selling, D / p0 (exp(usd / D) - 1). Both tend to usd / p0 as
 * the trade shrinks; a large buy gets fewer units than usd / p0, a large sale must sell more.
 */
export function unitsAtFill(usd: number, price: number, depth: number, buying: boolean): number {
  const u = usd / depth;
  return (depth / price) * (buying ? -Math.expm1(-u) : Math.expm1(u));
}

/** The inverse of `unitsAtFill`: the USD that `units` of `to` fill for (buying: fewer than D / p0 units). */
export function usdAtFill(units: number, price: number, depth: number, buying: boolean): number {
  const z = (units * price) / depth;
  return depth * (buying ? -Math.log1p(-z) : Math.log1p(z));
}

/** Passes over the links per step: a trade on one link moves its source, which later links read. */
const PASSES = 3;

/**
 * The arbitrage stage of a run: links taken sources first (the order of pegs), a few passes a step, each
 * link with a per-step capacity that every step starts afresh.
 */
export function createArbitrageStage(ctx: RunContext): Stage {
  const L = ctx.s.links;
  const rank = new Int32Array(ctx.s.assets.n);
  ctx.s.pegOrder.forEach((a, i) => (rank[a] = i + 1));
  const order = Array.from({ length: L.n }, (_, k) => k).sort(
    (x, y) => rank[L.to[x]!]! - rank[L.to[y]!]! || x - y,
  );
  const left = new Float64Array(L.n);
  const stepSeconds = ctx.s.stepSeconds;
  return (ctx) => {
    // Read every step: a scenario's link event can resize a queue's throughput (docs/model.md §18).
    for (let k = 0; k < L.n; k++) left[k] = (L.capacityPerDay[k]! * stepSeconds) / 86400;
    for (let pass = 0; pass < PASSES; pass++) {
      let traded = false;
      for (const k of order) if (linkConverts(L, k) && arbitrage(ctx, k, left)) traded = true;
      if (!traded) break;
    }
  };
}

/** Trades link k's `to` back into its band; returns whether it traded. */
function arbitrage(ctx: RunContext, k: number, left: Float64Array): boolean {
  const { s, ledger } = ctx;
  const A = s.assets;
  const L = s.links;
  const from = L.from[k]!;
  const to = L.to[k]!;
  if (ctx.controls.pauseTrading[to] || ctx.controls.pauseTrading[from]) return false;
  // A side priced per venue on a link that names venues trades there only (docs/model.md §22).
  const B = s.venues;
  const toBooks = B.linkToBooks[k];
  const fromBooks = B.linkFromBooks[k];
  const priceFrom = fromBooks
    ? booksPrice(B, fromBooks, A.fundamental[from]!, A.impact[from]!)
    : A.price[from]!;
  const band = bandOfLink(L, k, priceFrom);
  const price = toBooks ? booksPrice(B, toBooks, A.fundamental[to]!, A.impact[to]!) : A.price[to]!;
  const minting = price > band.hi;
  if (!minting && !(price < band.lo)) return false;
  const depthTo = (toBooks ? booksDepth(B, toBooks) : A.depth[to]!) * A.depthMultiplier[to]!;
  const depthFrom = (fromBooks ? booksDepth(B, fromBooks) : A.depth[from]!) * A.depthMultiplier[from]!;
  let usd = arbitrageUsd(price, minting ? band.hi : band.lo, depthTo, depthFrom);
  // Minting sells `to`, redeeming buys it: the units are the trade's at its average fill, not at the price before.
  const full = unitsAtFill(usd, price, depthTo, !minting);
  let units = Math.min(full, left[k]!, L.capacityLeft[k]!);
  units = inventoryCap(ctx, k, units, minting);
  // Gaps below a part in 1e12 are float noise: trading them would keep quiet runs moving.
  if (!(units > 0) || usd < price * 1e-12 * depthTo) return false;
  if (units < full) usd = usdAtFill(units, price, depthTo, !minting);
  left[k]! -= units;
  if (Number.isFinite(L.capacityLeft[k]!)) L.capacityLeft[k]! -= units;
  bookConversion(ctx, k, units, minting);
  // Minting sells `to` and buys `from`; redeeming buys `to` and sells `from`.
  const sign = minting ? -1 : 1;
  moveImpact(ctx, to, Math.exp((sign * usd) / depthTo), ledger.asset(from), toBooks);
  if (depthFrom > 0) moveImpact(ctx, from, Math.exp((-sign * usd) / depthFrom), ledger.asset(to), fromBooks);
  return true;
}

/** Moves asset a's price by `factor`: on the named books only, the asset's price following their mean. */
function moveImpact(ctx: RunContext, a: number, factor: number, cause: number, books?: Int32Array): void {
  const A = ctx.s.assets;
  const before = A.price[a]!;
  if (books) A.impact[a] = moveBooks(ctx.s.venues, a, books, factor, A.impact[a]!);
  else A.impact[a]! *= factor;
  setPrice(ctx, a);
  ctx.ledger.revalueAsset(a, 'price', cause);
  const change = A.price[a]! / before - 1;
  if (ctx.keepTrace && change !== 0) {
    ctx.stats.causes.push({ step: ctx.t, asset: a, from: cause, channel: 'peg', change, usd: 0 });
  }
}
