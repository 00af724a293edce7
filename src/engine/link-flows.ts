// What a conversion through a link does to its converter's balance sheet: the inventory that bounds it and the
// booking of the units converted (docs/model.md §3.8). Shared by the peg bound and market arbitrage.
import type { RunContext } from './context';
import { type LinkArrays, linkConverts } from './state';

/** Seconds in a year, for yearly costs of capital. */
const YEAR_SEC = 365 * 24 * 3600;

/** The band a link enforces on the price of `to`, given the price of `from` (docs/model.md §3.11). */
export interface LinkBand {
  lo: number;
  hi: number;
}

/**
 * No-arbitrage band of a link: minting caps `to` at pFrom x rate x (1 + fee); redeeming floors it at
 * pFrom x rate x (1 - fee) x exp(-r x delay), the carry of capital locked over the delay. A direction the link
 * lacks bounds nothing on its side.
 */
export function linkBand(
  pFrom: number,
  rate: number,
  fee: number,
  mint: boolean,
  redeem: boolean,
  delaySec = 0,
  costOfCapital = 0,
): LinkBand {
  return {
    hi: mint ? pFrom * rate * (1 + fee) : Infinity,
    lo: redeem ? pFrom * rate * (1 - fee) * Math.exp((-costOfCapital * delaySec) / YEAR_SEC) : 0,
  };
}

/** The band of link `k` of the state, given the price of its source (fundamental or market, as the caller reads). */
export function bandOfLink(L: LinkArrays, k: number, pFrom: number): LinkBand {
  return linkBand(
    pFrom,
    L.rate[k]!,
    L.fee[k]!,
    L.mint[k] === 1,
    L.redeem[k] === 1,
    L.delaySec[k]!,
    L.costOfCapital[k]!,
  );
}

/**
 * Units of `to` a conversion can move at most, for the converter's inventory: a redemption pays out its
 * holding of `from` (unless it issues `from`); a mint from someone else's inventory pays out `to`.
 */
export function inventoryCap(ctx: RunContext, k: number, units: number, minting: boolean): number {
  const L = ctx.s.links;
  const P = ctx.s.protocols;
  if (L.converter[k]! < 0) return units;
  if (!minting) {
    if (L.converterFromIssue[k]! >= 0) return units;
    const h = L.converterFromHolding[k]!;
    const inventory = h >= 0 ? P.holdAmount[h]! : 0;
    return Math.min(units, inventory / (L.rate[k]! * (1 - L.fee[k]!)));
  }
  if (L.converterToIssue[k]! < 0) {
    const h = L.converterToHolding[k]!;
    return Math.min(units, h >= 0 ? P.holdAmount[h]! : 0);
  }
  return units;
}

/**
 * Books `units` of `to` converted through link k on its converter: minting takes `from` in (or burns it, if the
 * converter issues it) and issues or pays out `to`; redeeming the reverse. Each change is revalued in the ledger
 * as a peg move caused by `from`, so the ledger still reconciles.
 */
export function bookConversion(ctx: RunContext, k: number, units: number, minting: boolean): void {
  const { s, ledger } = ctx;
  const L = s.links;
  const P = s.protocols;
  if (L.converter[k]! < 0 || !(units > 0)) return;
  const fromUnits = units * L.rate[k]! * (minting ? 1 + L.fee[k]! : 1 - L.fee[k]!);
  const sign = minting ? 1 : -1;
  const via = ledger.asset(L.from[k]!);
  if (L.converterFromIssue[k]! >= 0) {
    P.issueSupply[L.converterFromIssue[k]!]! -= sign * fromUnits;
    ledger.revalueIssue(L.converterFromIssue[k]!, 'peg', via);
  } else if (L.converterFromHolding[k]! >= 0) {
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

/** The cheapest way to acquire a unit of an asset by minting it: the link and its cost at market prices. */
export interface MintRoute {
  /** Link index, or -1 when no open mint link leads to the asset. */
  link: number;
  /** USD per unit of the asset through that link (Infinity without one). */
  costUsd: number;
}

/**
 * The cheapest open mint link into `a`: cost p(from) x rate x (1 + fee) at the market price of `from`, with
 * `units` within its capacity and its converter's inventory (docs/model.md §3.11, debt repurchase).
 */
export function cheapestMint(ctx: RunContext, a: number, units: number): MintRoute {
  const L = ctx.s.links;
  const price = ctx.s.assets.price;
  let link = -1;
  let costUsd = Infinity;
  for (let k = 0; k < L.n; k++) {
    if (L.to[k] !== a || !L.mint[k] || !linkConverts(L, k)) continue;
    if (L.capacityLeft[k]! < units || inventoryCap(ctx, k, units, true) < units) continue;
    const cost = price[L.from[k]!]! * L.rate[k]! * (1 + L.fee[k]!);
    if (cost < costUsd) [link, costUsd] = [k, cost];
  }
  return { link, costUsd };
}
