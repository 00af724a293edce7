// Starting a liquidation auction (docs/model.md §17.2–17.3): a liquidatable cohort's position, or the part of it
// the limits on what is in auction allow, leaves the cohort for the auction book.
import { AUCTION_DUTCH, type OpenAuction } from './auction-book';
import { DUST } from './constants';
import type { RunContext } from './context';

/**
 * Sends cohort c of market m (liquidatable) to auction. Returns whether anything was sent; what the limits
 * (hole per market, Hole per protocol) keep out waits and is counted as throttled.
 */
export function startAuction(ctx: RunContext, c: number, m: number): boolean {
  const { s, stats } = ctx;
  const { markets: M, cohorts: C, protocols: P } = s;
  const rule = M.auction[m]!;
  const p = M.protocol[m]!;
  const book = s.auctions;
  const y = C.debt[c]!;
  const x = C.collateral[c]!;
  const debtAsset = M.debt[m]!;
  // Debt tokens valued as the lender's books value them: at par when the protocol issues them.
  const pv = M.ownDebt[m] ? ctx.ledger.par(debtAsset) : s.assets.price[debtAsset]!;
  let room = rule.maxInAuctionUsd - book.owedIn(m) * pv;
  if (Number.isFinite(P.auctionLimitUsd[p]!)) {
    let inProtocol = 0;
    for (const k of ctx.ledger.marketsBy[p]!) {
      if (!M.auction[k]) continue;
      const kv = M.ownDebt[k] ? ctx.ledger.par(M.debt[k]!) : s.assets.price[M.debt[k]!]!;
      inProtocol += book.owedIn(k) * kv;
    }
    room = Math.min(room, P.auctionLimitUsd[p]! - inProtocol);
  }
  const whole = y * (1 + rule.penalty) * pv;
  let dy = y;
  if (whole > room) {
    dy = room > 0 ? room / ((1 + rule.penalty) * pv) : 0;
    stats.throttledStepUsd += (y - dy) * s.assets.price[debtAsset]!;
  }
  if (dy <= y * DUST) return false;
  const all = dy >= y;
  const dx = all ? x : (x * dy) / y;
  C.debt[c] = all ? 0 : y - dy;
  C.collateral[c] = all ? 0 : x - dx;
  ctx.ledger.loans.touch(m);
  const lots = rule.lotCollateral > 0 ? Math.max(1, Math.ceil(dx / rule.lotCollateral - 1e-9)) : 1;
  const O = s.oracles;
  const top =
    rule.kind === AUCTION_DUTCH
      ? (rule.startMultiplier * O.reading[M.collateralOracle[m]!]!) / O.reading[M.debtOracle[m]!]!
      : 0;
  const a = book.add({
    market: m,
    protocol: p,
    lots,
    startSec: ctx.timeSec,
    lot: dx,
    debt: dy,
    tab: dy * (1 + rule.penalty),
    raised: 0,
    top,
    bid: 0,
    bidLot: dx,
    hasBid: false,
    lastBidSec: -Infinity,
    endSec: rule.kind === AUCTION_DUTCH ? Infinity : ctx.timeSec + rule.auctionLengthSec,
    contested: false,
    checkedStep: -1,
    costUsd: 0,
    keeperProfitUsd: 0,
    proceedsUsd: 0,
    closed: false,
  });
  stats.auctions.started[m]! += lots;
  if (rule.kind === AUCTION_DUTCH) payKeeperReward(ctx, a, rule.keeperRewardFlat, rule.keeperRewardShare);
  return true;
}

/**
 * The protocol pays the keeper that starts or restarts a Dutch auction `flat + share x tab` debt tokens (Maker's
 * tip and chip): it mints them when it issues the debt token, else pays them from its holding of it (at most
 * what it holds). The caller revalues the market's issue or holding.
 */
export function payKeeperReward(ctx: RunContext, a: OpenAuction, flat: number, share: number): void {
  const reward = (flat + share * a.tab) * a.lots;
  if (!(reward > 0)) return;
  const { markets: M, protocols: P, assets } = ctx.s;
  const m = a.market;
  let paid = reward;
  if (M.ownDebt[m]) P.issueSupply[M.debtIssue[m]!]! += reward;
  else {
    const h = M.debtHolding[m]!;
    paid = Math.min(reward, P.holdAmount[h]!);
    P.holdAmount[h]! -= paid;
  }
  a.keeperProfitUsd += paid * assets.price[M.debt[m]!]!;
}
