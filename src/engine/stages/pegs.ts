// Stage 8: pegs (docs/model.md §3.8). A pegged asset's fundamental is par(target) x its issuer's recovery, then
// bounded by its mint and redeem links while their capacity and the converter's inventory last. The move of
// the fundamental is split (in log space) into the target's move, the recovery's move and the change of the
// bound, each booked to its own cause, so a bound that holds step after step books nothing.
import { type RunContext, setPrice } from '../context';
import type { Channel } from '../ledger';
import { bookConversion, inventoryCap, bandOfLink } from '../link-flows';
import { linkConverts, PEG_USD } from '../state';
import { booksDepth, booksPrice } from '../venue-books';
import type { Stage } from './stage';

// An asset whose inputs are what they were when it was last set (its target's price at par, its issuer's
// recovery, the sources of its links, and links that changed nothing) is skipped: setting it again would change
// nothing and book nothing.
export function createPegStage(): Stage {
  // Made on first use: it starts from the fundamentals as the first pass finds them.
  let memo: PegMemo | undefined;
  return (ctx) => {
    const { s, ledger } = ctx;
    const A = s.assets;
    const L = s.links;
    const m = (memo ??= pegMemo(ctx));
    const { recUsed, discUsed, freeBefore, parUsed, boundedUsed, linkStart, linkList, fromUsed, settled } = m;
    const order = s.pegOrder;
    const recovery = s.protocols.recovery;
    for (let i = 0; i < order.length; i++) {
      const a = order[i]!;
      const t = A.pegTarget[a]!;
      const issuer = A.pegIssuer[a]!;
      // A target priced per venue whose links to `a` name venues is read there (docs/model.md §22).
      const tBooks = s.venues.pegTargetBooks[a];
      const target =
        t === PEG_USD
          ? 1
          : tBooks
            ? booksPrice(s.venues, tBooks, A.fundamental[t]!, A.impact[t]!)
            : A.price[t]!;
      const par = A.pegRate[a]! * target;
      const l0 = linkStart[a]!;
      const l1 = linkStart[a + 1]!;
      // A closed link into `a` with a stated discount (§16): holders price the issuer's reserve cover, less
      // the discount; the largest such discount counts.
      let disc = 0;
      let discCause = -1;
      for (let j = l0; j < l1; j++) {
        const k = linkList[j]!;
        if (!L.open[k] && L.closedDiscount[k]! > disc)
          [disc, discCause] = [L.closedDiscount[k]!, L.closedBy[k]!];
      }
      // While its withdrawals are stuck, the issuer's recovery is paid only after a delay (docs/model.md §19).
      const rec =
        (disc > 0 ? s.protocols.reserveCover[issuer]! : recovery[issuer]!) * ctx.redemptionFactor[issuer]!;
      if (
        par === parUsed[a] &&
        rec === recUsed[a] &&
        disc === discUsed[a] &&
        A.fundamental[a] === boundedUsed[a]
      ) {
        let quiet = true;
        for (let j = l0; j < l1 && quiet; j++) {
          const k = linkList[j]!;
          // A scenario event may have closed, reopened or re-timed the link since: its band is not the one seen.
          quiet =
            settled[k] === 1 &&
            L.haltedByBreaker[k] === 0 &&
            A.fundamental[L.from[k]!] === fromUsed[k] &&
            L.open[k] === m.openUsed[k] &&
            L.delaySec[k] === m.delayUsed[k];
        }
        if (quiet) continue;
      }
      const free1 = A.pegBasis[a]! * par * recUsed[a]! * (1 - discUsed[a]!);
      const free2 = A.pegBasis[a]! * par * rec * (1 - discUsed[a]!);
      const free3 = A.pegBasis[a]! * par * rec * (1 - disc);
      let bounded = free3;
      let boundSource = -1;
      for (let j = l0; j < l1; j++) {
        const k = linkList[j]!;
        const next = boundBy(ctx, k, bounded, m);
        if (next !== bounded) boundSource = L.from[k]!;
        bounded = next;
      }
      const f0 = A.fundamental[a]!;
      const prevFree = freeBefore[a]!;
      // ln(bounded / f0) = ln(free1 / prevFree) + ln(free2 / free1) + ln(free3 / free2)
      //                   + [ln(bounded / free3) - ln(f0 / prevFree)]
      const byTarget = free1 / prevFree;
      if (t !== PEG_USD && byTarget !== 1) move(ctx, a, byTarget, 'price', ledger.asset(t));
      const byRecovery = free2 / free1;
      if (byRecovery !== 1) move(ctx, a, byRecovery, 'peg', ledger.protocol(issuer));
      // The closed-redemption discount is booked to the event that closed the link (its end, to the issuer).
      const byDiscount = free3 / free2;
      const discFrom =
        discCause >= 0 ? discCause : m.discCause[a]! >= 0 ? m.discCause[a]! : ledger.protocol(issuer);
      if (byDiscount !== 1) move(ctx, a, byDiscount, 'peg', discFrom);
      const boundNow = bounded / free3;
      const boundBefore = f0 / prevFree;
      const byBound = boundNow / boundBefore;
      if (byBound !== 1) move(ctx, a, byBound, 'peg', ledger.asset(boundSource >= 0 ? boundSource : a));
      // Land exactly on the bounded value (the factors multiply to it up to rounding).
      if (A.fundamental[a] !== bounded) {
        A.fundamental[a] = bounded;
        setPrice(ctx, a);
        ledger.revalueAsset(a, 'peg', ledger.asset(boundSource >= 0 ? boundSource : a));
      }
      recUsed[a] = rec;
      discUsed[a] = disc;
      m.discCause[a] = discCause;
      freeBefore[a] = free3;
      parUsed[a] = par;
      boundedUsed[a] = bounded;
    }
  };
}

/** What the peg stage remembers of each asset's and link's last setting. */
interface PegMemo {
  /** Per asset: the recovery, the unbounded and the bounded fundamental, and the par it was last set with. */
  recUsed: Float64Array;
  /** Per asset: the closed-redemption discount it was last set with, and the event that stated it (-1: none). */
  discUsed: Float64Array;
  discCause: Int32Array;
  freeBefore: Float64Array;
  parUsed: Float64Array;
  boundedUsed: Float64Array;
  /** The links into each asset, in link order: linkList[linkStart[a] .. linkStart[a+1]-1]. */
  linkStart: Int32Array;
  linkList: Int32Array;
  /** Per link: the source's fundamental it last read, and whether it was then inside its band, holding nothing. */
  fromUsed: Float64Array;
  settled: Uint8Array;
  /** Per link: its open state and redemption delay when it was last looked at. */
  openUsed: Uint8Array;
  delayUsed: Float64Array;
}

function pegMemo(ctx: RunContext): PegMemo {
  const A = ctx.s.assets;
  const L = ctx.s.links;
  const linkStart = new Int32Array(A.n + 1);
  for (let k = 0; k < L.n; k++) linkStart[L.to[k]! + 1]!++;
  for (let a = 0; a < A.n; a++) linkStart[a + 1]! += linkStart[a]!;
  const fill = linkStart.slice(0, A.n);
  const linkList = new Int32Array(L.n);
  for (let k = 0; k < L.n; k++) linkList[fill[L.to[k]!]!++] = k;
  return {
    recUsed: new Float64Array(A.n).fill(1),
    discUsed: new Float64Array(A.n),
    discCause: new Int32Array(A.n).fill(-1),
    freeBefore: Float64Array.from(A.fundamental),
    // NaN never equals anything: every asset is set on the first pass.
    parUsed: new Float64Array(A.n).fill(NaN),
    boundedUsed: new Float64Array(A.n).fill(NaN),
    linkStart,
    linkList,
    fromUsed: new Float64Array(L.n).fill(NaN),
    settled: new Uint8Array(L.n),
    openUsed: new Uint8Array(L.n),
    delayUsed: new Float64Array(L.n).fill(NaN),
  };
}

/** Moves a pegged asset's fundamental by a factor, booked to `channel` from `from` (nothing for a factor of 1). */
function move(ctx: RunContext, a: number, factor: number, channel: Channel, from: number): void {
  // A fundamental at zero has no log-space move; the landing on the bounded value books it instead.
  if (!(factor > 0) || factor === 1 || !Number.isFinite(factor)) return;
  const A = ctx.s.assets;
  const before = A.price[a]!;
  A.fundamental[a] = A.fundamental[a]! * factor;
  setPrice(ctx, a);
  ctx.ledger.revalueAsset(a, channel, from);
  const change = A.price[a]! / before - 1;
  if (ctx.keepTrace && change !== 0) {
    ctx.stats.causes.push({
      step: ctx.t,
      asset: a,
      from,
      channel: channel === 'price' ? 'price' : 'peg',
      change,
      usd: 0,
    });
  }
}

/** The longest log distance arbitrage works across: a factor of e^34.5, about 1e15. */
const MAX_LOG_GAP = 34.5;

/**
 * Arbitrage through a convertibility link: mint caps the fundamental of `to` at p(from) x rate x (1 + fee),
 * redeem floors it at p(from) x rate x (1 - fee) x exp(-r x delay) (`linkBand`), p(from) being the source's fundamental (a liquidity gap of
 * `from` is its own). Moving the price takes a USD volume given by the depth of `to`, for the part of the
 * distance not already held by earlier arbitrage; capacity and the converter's inventory cap that volume, and
 * the converter's balance sheet takes it. Returns the bounded fundamental.
 */
function boundBy(ctx: RunContext, k: number, f: number, memo: PegMemo): number {
  const { s } = ctx;
  const A = s.assets;
  const L = s.links;
  const from = L.from[k]!;
  const a = L.to[k]!;
  const pFrom = A.fundamental[from]!;
  memo.fromUsed[k] = pFrom;
  memo.openUsed[k] = L.open[k]!;
  memo.delayUsed[k] = L.delaySec[k]!;
  // A suspended link bounds nothing; it is looked at again every step, so its reopening is seen.
  if (!linkConverts(L, k)) {
    memo.settled[k] = 0;
    L.gapHeld[k] = 0;
    return f;
  }
  const band = bandOfLink(L, k, pFrom);
  // A worthless token (its issuer recovers nothing) is an infinite log distance away: no arbitrage lifts it.
  if (!(f > 0)) {
    memo.settled[k] = 0;
    return f;
  }
  let target: number;
  let minting: boolean;
  if (f > band.hi) [target, minting] = [band.hi, true];
  else if (f < band.lo) [target, minting] = [band.lo, false];
  else {
    // Inside the band: nothing held. It changed nothing if nothing was held before, and would change nothing
    // again from the same price and source.
    memo.settled[k] = L.gapHeld[k] === 0 ? 1 : 0;
    L.gapHeld[k] = 0;
    return f;
  }
  memo.settled[k] = 0;
  // A link naming venues of an `a` priced per venue takes its volume from those books (docs/model.md §22).
  const books = s.venues.linkToBooks[k];
  const depth = (books ? booksDepth(s.venues, books) : A.depth[a]!) * A.depthMultiplier[a]!;
  const price = books ? booksPrice(s.venues, books, A.fundamental[a]!, A.impact[a]!) : A.price[a]!;
  // A target of zero is an infinite log distance: it counts as MAX_LOG_GAP, so volumes and the move stay finite.
  const gap = Math.min(MAX_LOG_GAP, Math.abs(Math.log(target / f)));
  const extra = Math.max(0, gap - L.gapHeld[k]!);
  const needed = depth > 0 ? depth * extra : 0;
  let units = price > 0 ? needed / price : 0;
  units = Math.min(units, L.capacityLeft[k]!);
  units = inventoryCap(ctx, k, units, minting);
  const share = needed > 0 ? Math.min(1, (units * price) / needed) : 1;
  const held = Math.min(gap, L.gapHeld[k]! + share * extra);
  L.gapHeld[k] = held;
  bookConversion(ctx, k, units, minting);
  if (Number.isFinite(L.capacityLeft[k]!)) L.capacityLeft[k]! -= units;
  return held <= 0 ? f : f * Math.exp(Math.sign(Math.log(target / f)) * held);
}
