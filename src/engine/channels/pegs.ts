// Stage 8: pegs (MODEL.md §3.8). A pegged asset's fundamental is par(target) x its issuer's recovery, then
// bounded by its mint and redeem links while their capacity and the converter's inventory last. The move of
// the fundamental is split (in log space) into the target's move, the recovery's move and the change of the
// bound, each booked to its own cause, so a bound that holds step after step books nothing.
import { type PriceCause, type RunContext, setPrice } from '../context';
import type { Channel } from '../ledger';
import { PEG_USD } from '../state';
import type { Stage } from './stage';

export function createPegStage(): Stage {
  let recUsed: Float64Array | undefined;
  let freeBefore: Float64Array | undefined;
  return (ctx) => {
    const { s, ledger } = ctx;
    const A = s.assets;
    recUsed ??= new Float64Array(A.n).fill(1);
    freeBefore ??= Float64Array.from(A.fundamental);
    for (const a of s.pegOrder) {
      const t = A.pegTarget[a]!;
      const issuer = A.pegIssuer[a]!;
      const par = A.pegRate[a]! * (t === PEG_USD ? 1 : A.price[t]!);
      const rec = s.protocols.recovery[issuer]!;
      const free1 = A.pegBasis[a]! * par * recUsed[a]!;
      const free2 = A.pegBasis[a]! * par * rec;
      let bounded = free2;
      let boundSource = -1;
      for (let k = 0; k < s.links.n; k++) {
        if (s.links.to[k] !== a) continue;
        const next = boundBy(ctx, k, bounded);
        if (next !== bounded) boundSource = s.links.from[k]!;
        bounded = next;
      }
      const f0 = A.fundamental[a]!;
      const prevFree = freeBefore[a]!;
      // ln(bounded / f0) = ln(free1 / prevFree) + ln(free2 / free1) + [ln(bounded / free2) - ln(f0 / prevFree)]
      let f = f0;
      const move = (factor: number, channel: Channel, from: number) => {
        if (!(factor > 0) || factor === 1) return;
        const before = A.price[a]!;
        f *= factor;
        A.fundamental[a] = f;
        setPrice(ctx, a);
        ledger.revalueAsset(a, channel, from);
        cause(ctx, {
          step: ctx.t,
          asset: a,
          from,
          channel: channel === 'price' ? 'price' : 'peg',
          change: A.price[a]! / before - 1,
          usd: 0,
        });
      };
      if (t !== PEG_USD) move(free1 / prevFree, 'price', ledger.asset(t));
      move(free2 / free1, 'peg', ledger.protocol(issuer));
      const boundNow = bounded / free2;
      const boundBefore = f0 / prevFree;
      move(boundNow / boundBefore, 'peg', ledger.asset(boundSource >= 0 ? boundSource : a));
      // Land exactly on the bounded value (the factors multiply to it up to rounding).
      if (A.fundamental[a] !== bounded) {
        A.fundamental[a] = bounded;
        setPrice(ctx, a);
        ledger.revalueAsset(a, 'peg', ledger.asset(boundSource >= 0 ? boundSource : a));
      }
      recUsed[a] = rec;
      freeBefore[a] = free2;
    }
  };
}

function cause(ctx: RunContext, c: PriceCause): void {
  if (c.change !== 0) ctx.stats.causes.push(c);
}

/**
 * Arbitrage through a convertibility link: mint caps the fundamental of `to` at p(from) x rate x (1 + fee),
 * redeem floors it at p(from) x rate x (1 - fee), p(from) being the source's fundamental (a liquidity gap of
 * `from` is its own). Moving the price takes a USD volume given by the depth of `to`, for the part of the
 * distance not already held by earlier arbitrage; capacity and the converter's inventory cap that volume, and
 * the converter's balance sheet takes it. Returns the bounded fundamental.
 */
function boundBy(ctx: RunContext, k: number, f: number): number {
  const { s, ledger } = ctx;
  const A = s.assets;
  const L = s.links;
  const P = s.protocols;
  const from = L.from[k]!;
  const a = L.to[k]!;
  const pFrom = A.fundamental[from]!;
  const hi = pFrom * L.rate[k]! * (1 + L.fee[k]!);
  const lo = pFrom * L.rate[k]! * (1 - L.fee[k]!);
  let target: number;
  let minting: boolean;
  if (L.mint[k] && f > hi) [target, minting] = [hi, true];
  else if (L.redeem[k] && f < lo) [target, minting] = [lo, false];
  else {
    L.gapHeld[k] = 0;
    return f;
  }
  const depth = A.depth[a]! * A.depthMultiplier[a]!;
  const price = A.price[a]!;
  const gap = Math.abs(Math.log(target / f));
  const extra = Math.max(0, gap - L.gapHeld[k]!);
  const needed = depth > 0 ? depth * extra : 0;
  let units = price > 0 ? needed / price : 0;
  units = Math.min(units, L.capacityLeft[k]!);
  const conv = L.converter[k]!;
  if (conv >= 0) {
    // Redeeming pays out the converter's inventory of `from`; minting from another's inventory pays out `to`.
    if (!minting) {
      const inventory = L.converterFromHolding[k]! >= 0 ? P.holdAmount[L.converterFromHolding[k]!]! : 0;
      units = Math.min(units, inventory / (L.rate[k]! * (1 - L.fee[k]!)));
    } else if (L.converterToIssue[k]! < 0) {
      const inventory = L.converterToHolding[k]! >= 0 ? P.holdAmount[L.converterToHolding[k]!]! : 0;
      units = Math.min(units, inventory);
    }
  }
  const share = needed > 0 ? Math.min(1, (units * price) / needed) : 1;
  const held = Math.min(gap, L.gapHeld[k]! + share * extra);
  L.gapHeld[k] = held;
  if (conv >= 0 && units > 0) {
    const fromUnits = units * L.rate[k]! * (minting ? 1 + L.fee[k]! : 1 - L.fee[k]!);
    const sign = minting ? 1 : -1;
    const via = ledger.asset(from);
    if (L.converterFromHolding[k]! >= 0) {
      P.holdAmount[L.converterFromHolding[k]!]! += sign * fromUnits;
      ledger.revalueHolding(L.converterFromHolding[k]!, 'peg', via);
    }
    if (L.converterToIssue[k]! >= 0) {
      P.issueSupply[L.converterToIssue[k]!]! += sign * units;
      ledger.revalueIssue(L.converterToIssue[k]!, 'peg', via);
    } else if (L.converterToHolding[k]! >= 0) {
      P.holdAmount[L.converterToHolding[k]!]! -= sign * units;
      ledger.revalueHolding(L.converterToHolding[k]!, 'peg', via);
    }
  }
  if (Number.isFinite(L.capacityLeft[k]!)) L.capacityLeft[k]! -= units;
  return held <= 0 ? f : f * Math.exp(Math.sign(Math.log(target / f)) * held);
}
