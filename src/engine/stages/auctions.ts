// Stage 5b: liquidation auctions in progress (docs/model.md §17). Dutch auctions (clip) fall in price until a
// keeper takes the collateral at a profit; English auctions (flip) take bids until one has stood for the bid
// duration. Proceeds repay the lender, what they do not cover is bad debt, and each outcome is counted.
import {
  AUCTION_DUTCH,
  AUCTION_ENGLISH,
  type AuctionRule,
  dutchPrice,
  type OpenAuction,
} from '../auction-book';
import { payKeeperReward } from '../auction-start';
import { blockLands } from '../chain-state';
import { unhandled } from '../compile-scenario';
import { DUST } from '../constants';
import type { RunContext } from '../context';
import { addFlow, sell } from './liquidations';
import type { Stage } from './stage';

/**
 * Scratch of one step: keeper capacity left per protocol (USD), the markets whose auctions moved, and per
 * chain whether a block lands in the step.
 */
interface Scratch {
  capacity: Float64Array;
  touched: number[];
  blockNow: Uint8Array;
}

/** The auction stage of a run; it does nothing while no auction is open. */
export function createAuctionStage(ctx: RunContext): Stage {
  const scratch: Scratch = {
    capacity: new Float64Array(ctx.s.protocols.n),
    touched: [],
    blockNow: new Uint8Array(ctx.s.chains.n),
  };
  return (ctx) => {
    if (ctx.s.auctions.size === 0) return;
    runAuctions(ctx, scratch);
  };
}

function runAuctions(ctx: RunContext, scratch: Scratch): void {
  const { s, stats, ledger } = ctx;
  const P = s.protocols;
  // Keepers' throughput this step: capacity over the congestion level, less what atomic liquidations used.
  const window = stats.liquidatedWindow;
  const used = window[window.length - 1]!;
  for (let p = 0; p < P.n; p++)
    scratch.capacity[p] = P.keeperCapacity[p]! / ctx.chains[s.chains.protocolChain[p]!]!.level - used[p]!;
  const touched = scratch.touched;
  touched.length = 0;
  // Takes, bids, settlements and restarts are transactions: they land only in a step where a block of the
  // auction's protocol's chain lands (docs/model.md §23.1), as liquidations do.
  const K = s.chains;
  const blockNow = scratch.blockNow;
  for (let c = 0; c < K.n; c++) blockNow[c] = blockLands(ctx.t, s.stepSeconds, K.blockTimeSec[c]!) ? 1 : 0;
  for (const a of s.auctions.open) {
    if (ctx.controls.pauseLiquidations[a.protocol]) continue;
    if (!blockNow[K.protocolChain[a.protocol]!]) continue;
    const rule = s.markets.auction[a.market]!;
    let moved: boolean;
    switch (rule.kind) {
      case AUCTION_DUTCH:
        moved = dutchStep(ctx, a, rule, scratch);
        break;
      case AUCTION_ENGLISH:
        moved = englishStep(ctx, a, rule, scratch);
        break;
      default:
        moved = unhandled(rule);
    }
    if (moved && !touched.includes(a.market)) touched.push(a.market);
  }
  // What this stage found unprofitable or throttled counts in the step's peaks, as the liquidation stage's does.
  if (stats.unprofitableStepUsd > stats.unprofitablePeakUsd)
    stats.unprofitablePeakUsd = stats.unprofitableStepUsd;
  if (stats.throttledStepUsd > stats.throttledPeakUsd) stats.throttledPeakUsd = stats.throttledStepUsd;
  s.auctions.sweep();
  if (touched.length > 1) touched.sort((x, y) => x - y);
  const M = s.markets;
  for (const m of touched) {
    const from = ledger.market(m);
    ledger.revalueMarket(m, 'liquidation', from);
    if (M.ownDebt[m]) ledger.revalueIssue(M.debtIssue[m]!, 'liquidation', from);
    else ledger.revalueHolding(M.debtHolding[m]!, 'liquidation', from);
  }
}

type Dutch = Extract<AuctionRule, { kind: typeof AUCTION_DUTCH }>;
type English = Extract<AuctionRule, { kind: typeof AUCTION_ENGLISH }>;

/**
 * One step of a Dutch auction: restarted from the oracle price once too old or too cheap; otherwise a keeper
 * takes what its capacity allows when the price at which its transaction lands is below the collateral's
 * market value net of its costs. Returns whether the auction changed.
 */
function dutchStep(ctx: RunContext, a: OpenAuction, rule: Dutch, scratch: Scratch): boolean {
  const { s } = ctx;
  const M = s.markets;
  const m = a.market;
  const now = ctx.timeSec;
  let elapsed = now - a.startSec;
  let reset = false;
  if (elapsed > rule.resetAfterSec || dutchPrice(a.top, rule.decay, elapsed) < rule.resetBelow * a.top) {
    const O = s.oracles;
    a.top = (rule.startMultiplier * O.reading[M.collateralOracle[m]!]!) / O.reading[M.debtOracle[m]!]!;
    a.startSec = now;
    elapsed = 0;
    reset = true;
    payKeeperReward(ctx, a, rule.keeperRewardFlat, rule.keeperRewardShare);
  }
  const pc = s.assets.price[M.collateral[m]!]!;
  const pd = s.assets.price[M.debt[m]!]!;
  // The take is priced in the block that includes it, on the chain of the auction's protocol (§23.2).
  const chain = ctx.chains[s.chains.protocolChain[a.protocol]!]!;
  const price = dutchPrice(a.top, rule.decay, elapsed + chain.inclusionDelaySec);
  const owedLeft = a.tab - a.raised;
  const netValue = pc * (1 - s.protocols.mevLoss[a.protocol]!);
  // One take per auction the record stands for.
  const cost = rule.keeperCostUsd * chain.level * a.lots;
  const capacity = scratch.capacity[a.protocol]!;
  if (capacity <= 0) {
    ctx.stats.throttledStepUsd += owedLeft * pd;
    return reset;
  }
  const owe = Math.min(owedLeft, a.lot * price, capacity / pd);
  const amount = price > 0 ? Math.min(a.lot, owe / price) : a.lot;
  const profit = amount * netValue - owe * pd - cost;
  if (amount <= 0 || profit <= 0) {
    ctx.stats.unprofitableStepUsd += owedLeft * pd;
    return reset;
  }
  scratch.capacity[a.protocol]! -= owe * pd;
  pay(ctx, a, owe, amount, pc, pd);
  a.costUsd += cost;
  a.keeperProfitUsd += profit;
  if (a.raised >= a.tab * (1 - DUST) || a.lot <= 0) close(ctx, a);
  return true;
}

/**
 * One step of an English auction. It closes to the high bid once that bid has stood for the bid duration
 * (or at the auction's end); one that ends without a bid is restarted. Otherwise keepers bid: the first bid
 * is the lowest the auction accepts (nothing), and rivals, when at least two keepers take part, bid the lot up
 * to its market value net of costs, less one increment, as long as their bid lands before the high bid
 * expires. Returns whether the auction changed.
 */
function englishStep(ctx: RunContext, a: OpenAuction, rule: English, scratch: Scratch): boolean {
  const { s } = ctx;
  const M = s.markets;
  const m = a.market;
  const now = ctx.timeSec;
  const closesAt = a.hasBid ? Math.min(a.lastBidSec + rule.bidDurationSec, a.endSec) : a.endSec;
  if (now >= closesAt) {
    if (a.hasBid) {
      settleEnglish(ctx, a);
      return true;
    }
    a.endSec = now + rule.auctionLengthSec; // restarted (tick)
  }
  if (rule.keepers <= 0) return false;
  const chain = ctx.chains[ctx.s.chains.protocolChain[a.protocol]!]!;
  const d = chain.inclusionDelaySec;
  const cost = rule.keeperCostUsd * chain.level;
  // Congestion thins the keepers who bid; the one that found the auction always bids.
  const bidders = Math.max(1, rule.keepers / chain.level);
  let moved = false;
  if (!a.hasBid) {
    if (now + d >= a.endSec) return false;
    a.hasBid = true;
    a.bid = 0;
    a.bidLot = a.lot;
    a.lastBidSec = now + d;
    a.costUsd += cost * a.lots;
    moved = true;
  }
  // A rival sees the high bid once it has landed; its own bid must land before that bid expires.
  const rivalLands = Math.max(now, a.lastBidSec) + d;
  if (rivalLands >= Math.min(a.lastBidSec + rule.bidDurationSec, a.endSec)) return moved;
  // With b bidders between 1 and 2 on average, a share b - 1 of the auctions has a rival (whole auctions:
  // the rest is split off and waits for a later step). A part split off this step has no rival this step.
  if (a.checkedStep === ctx.t) return moved;
  a.checkedStep = ctx.t;
  // Auctions already contested keep their rivals.
  let rivals = bidders >= 2 || a.contested ? a.lots : Math.round(a.lots * (bidders - 1));
  const pc = s.assets.price[M.collateral[m]!]!;
  const pd = s.assets.price[M.debt[m]!]!;
  const value = Math.max(0, (a.lot * pc * (1 - s.protocols.mevLoss[a.protocol]!) - cost * a.lots) / pd);
  const competitive = value / (1 + rule.minIncrement);
  const bid = Math.min(competitive, a.tab);
  if (bid <= a.bid) return moved;
  // Keepers' DAI for bids is bounded by their capacity this step: they bid on as many auctions as it pays for.
  const raisePerLot = ((bid - a.bid) * pd) / a.lots;
  rivals = Math.min(rivals, Math.floor(Math.max(0, scratch.capacity[a.protocol]!) / raisePerLot + 1e-9));
  if (rivals <= 0) return moved;
  if (rivals < a.lots) {
    const f = (a.lots - rivals) / a.lots;
    splitOff(ctx, a, a.lots - rivals);
    return contest(a, bid * (1 - f), competitive * (1 - f), rivalLands, cost, scratch, pd);
  }
  return contest(a, bid, competitive, rivalLands, cost, scratch, pd);
}

/**
 * Rivals bid auction a up to `bid` (the competitive price, at most the tab), paid out of the keepers' capacity;
 * past the tab they bid for less collateral (dent): the lot whose value, less one increment, is the tab.
 */
function contest(
  a: OpenAuction,
  bid: number,
  competitive: number,
  rivalLands: number,
  cost: number,
  scratch: Scratch,
  pd: number,
): boolean {
  scratch.capacity[a.protocol]! -= (bid - a.bid) * pd;
  a.bid = bid;
  a.bidLot = bid >= a.tab && competitive > a.tab ? (a.lot * a.tab) / competitive : a.lot;
  a.lastBidSec = rivalLands;
  a.contested = true;
  a.costUsd += cost * a.lots;
  return true;
}

/** Splits `lots` of auction a's auctions off into an auction of their own, every amount pro rata. */
function splitOff(ctx: RunContext, a: OpenAuction, lots: number): void {
  const f = lots / a.lots;
  const part = (x: number) => x * f;
  ctx.s.auctions.add({
    ...a,
    lots,
    lot: part(a.lot),
    debt: part(a.debt),
    tab: part(a.tab),
    raised: part(a.raised),
    bid: part(a.bid),
    bidLot: part(a.bidLot),
    costUsd: part(a.costUsd),
    keeperProfitUsd: part(a.keeperProfitUsd),
    proceedsUsd: part(a.proceedsUsd),
  });
  const keep = (x: number) => x * (1 - f);
  a.lots -= lots;
  a.lot = keep(a.lot);
  a.debt = keep(a.debt);
  a.tab = keep(a.tab);
  a.raised = keep(a.raised);
  a.bid = keep(a.bid);
  a.bidLot = keep(a.bidLot);
  a.costUsd = keep(a.costUsd);
  a.keeperProfitUsd = keep(a.keeperProfitUsd);
  a.proceedsUsd = keep(a.proceedsUsd);
}

/** The high bidder pays its bid and takes its lot; the rest of the collateral goes back to the owner. */
function settleEnglish(ctx: RunContext, a: OpenAuction): void {
  const { s } = ctx;
  const M = s.markets;
  const pc = s.assets.price[M.collateral[a.market]!]!;
  const pd = s.assets.price[M.debt[a.market]!]!;
  const lot = a.bidLot;
  const paid = a.bid;
  pay(ctx, a, paid, lot, pc, pd);
  a.keeperProfitUsd += lot * pc * (1 - s.protocols.mevLoss[a.protocol]!) - paid * pd - a.costUsd;
  close(ctx, a);
}

/**
 * A keeper pays `owe` debt tokens for `amount` collateral: the lender burns or keeps the tokens, the keeper
 * buys them in the market and sells the collateral.
 */
function pay(ctx: RunContext, a: OpenAuction, owe: number, amount: number, pc: number, pd: number): void {
  const { s, stats } = ctx;
  const M = s.markets;
  const P = s.protocols;
  const m = a.market;
  const p = a.protocol;
  // Flows are recorded by their cause (a ledger node), the lender, as the atomic liquidations of §3.5 do.
  const cause = ctx.ledger.protocol(p);
  a.lot = amount >= a.lot * (1 - DUST) ? 0 : a.lot - amount;
  a.raised += owe;
  a.proceedsUsd += owe * pd;
  if (owe > 0) {
    if (M.ownDebt[m]) P.issueSupply[M.debtIssue[m]!]! -= owe;
    else P.holdAmount[M.debtHolding[m]!]! += owe;
    addFlow(ctx, cause, M.debt[m]!, -owe * pd);
  }
  if (amount > 0) sell(ctx, p, cause, M.collateral[m]!, amount);
  stats.liquidatedUsd[p]! += owe * pd;
  stats.liquidatedUsdByMarket[m]! += owe * pd;
  stats.seizedUsdByAsset[M.collateral[m]!]! += amount * pc;
  stats.liquidatedWindow[stats.liquidatedWindow.length - 1]![p]! += owe * pd;
}

/**
 * Closes an auction: the collateral left goes back to the position's owner, and the debt its proceeds did not
 * cover is bad debt (at par for the protocol's own token, as a written-off loan is counted).
 */
function close(ctx: RunContext, a: OpenAuction): void {
  const { s, stats } = ctx;
  const M = s.markets;
  const m = a.market;
  const shortfall = Math.max(0, a.debt - a.raised);
  const debt = M.debt[m]!;
  const usd = shortfall * (M.ownDebt[m] ? ctx.ledger.par(debt) : s.assets.price[debt]!);
  if (shortfall > a.debt * DUST) {
    stats.badDebtUsd[a.protocol]! += usd;
    stats.badDebtUsdByMarket[m]! += usd;
    stats.auctions.shortfallUsd[m]! += usd;
  }
  a.lot = 0;
  a.closed = true;
  const A = stats.auctions;
  A.closed[m]! += a.lots;
  if (a.raised <= 0) A.zeroBid[m]! += a.lots;
  A.proceedsUsd[m]! += a.proceedsUsd;
  A.keeperProfitUsd[m]! += a.keeperProfitUsd;
}
