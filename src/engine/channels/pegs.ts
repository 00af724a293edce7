// Stage 8: pegs (MODEL.md §3.8). A pegged asset's fundamental is par(target) x its issuer's recovery, then
// bounded by its mint and redeem links while their capacity and the converter's inventory last.
import { type RunContext, setPrice } from '../context';
import { PEG_USD } from '../state';
import type { Stage } from './stage';

export function createPegStage(): Stage {
  let recUsed: Float64Array | undefined;
  return (ctx) => {
    const { s } = ctx;
    const A = s.assets;
    recUsed ??= new Float64Array(A.n).fill(1);
    for (const a of s.pegOrder) {
      const t = A.pegTarget[a]!;
      const issuer = A.pegIssuer[a]!;
      const par = A.pegRate[a]! * (t === PEG_USD ? 1 : A.price[t]!);
      const rec = s.protocols.recovery[issuer]!;
      // The target's move (attributed to the target's price), then the issuer's recovery (attributed to the issuer).
      const beforeTarget = A.price[a]!;
      setFundamental(
        ctx,
        a,
        A.pegBasis[a]! * par * recUsed[a]!,
        'price',
        ctx.ledger.asset(t === PEG_USD ? a : t),
      );
      if (t !== PEG_USD && A.price[a] !== beforeTarget) {
        ctx.stats.causes.push({
          step: ctx.t,
          asset: a,
          from: ctx.ledger.asset(t),
          channel: 'price',
          change: A.price[a]! / beforeTarget - 1,
          usd: 0,
        });
      }
      const before = A.price[a]!;
      setFundamental(ctx, a, A.pegBasis[a]! * par * rec, 'peg', ctx.ledger.protocol(issuer));
      if (rec !== recUsed[a]) {
        ctx.stats.causes.push({
          step: ctx.t,
          asset: a,
          from: ctx.ledger.protocol(issuer),
          channel: 'peg',
          change: A.price[a]! / before - 1,
          usd: 0,
        });
      }
      recUsed[a] = rec;
      for (let k = 0; k < s.links.n; k++) if (s.links.to[k] === a) applyLink(ctx, k);
    }
  };
}

function setFundamental(ctx: RunContext, a: number, f: number, channel: 'price' | 'peg', from: number): void {
  const A = ctx.s.assets;
  if (f === A.fundamental[a]) return;
  A.fundamental[a] = f;
  setPrice(ctx, a);
  ctx.ledger.revalueAsset(a, channel, from);
}

/**
 * Arbitrage through a convertibility link: mint caps the fundamental of `to` at p(from) x rate x (1 + fee),
 * redeem floors it at p(from) x rate x (1 - fee). Moving the price takes a USD volume given by the depth of
 * `to`; capacity and the converter's inventory cap that volume, and the converter's balance sheet takes it.
 */
function applyLink(ctx: RunContext, k: number): void {
  const { s, ledger } = ctx;
  const A = s.assets;
  const L = s.links;
  const P = s.protocols;
  const from = L.from[k]!;
  const a = L.to[k]!;
  const f = A.fundamental[a]!;
  // Fundamentals bound fundamentals: a liquidity gap of `from` (its impact) is its own, not a change of backing.
  const pFrom = A.fundamental[from]!;
  const hi = pFrom * L.rate[k]! * (1 + L.fee[k]!);
  const lo = pFrom * L.rate[k]! * (1 - L.fee[k]!);
  let target: number;
  let minting: boolean;
  if (L.mint[k] && f > hi) [target, minting] = [hi, true];
  else if (L.redeem[k] && f < lo) [target, minting] = [lo, false];
  else {
    L.gapHeld[k] = 0;
    return;
  }

  const depth = A.depth[a]! * A.depthMultiplier[a]!;
  const price = A.price[a]!;
  // The log-distance to the bound, of which gapHeld is already held by earlier arbitrage; only the extra
  // distance costs new volume, in USD given by the depth (0 where the asset trades nowhere).
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
  if (held <= 0) return;
  const next = f * Math.exp(Math.sign(Math.log(target / f)) * held);
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
  const before = A.price[a]!;
  setFundamental(ctx, a, next, 'peg', ledger.asset(from));
  ctx.stats.causes.push({
    step: ctx.t,
    asset: a,
    from: ledger.asset(from),
    channel: 'peg',
    change: A.price[a]! / before - 1,
    usd: units * price,
  });
}
