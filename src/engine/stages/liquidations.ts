// Stage 5: liquidations (docs/model.md §3.5). Protocols see health on oracle prices; liquidators act at market
// prices, only when it pays, within keeper capacity and any breaker cap. Debt left without collateral is bad debt.
import { startAuction } from '../auction-start';
import { blockLands } from '../chain-state';
import { DUST, TIE_IS_DEFAULT } from '../constants';
import type { RunContext } from '../context';
import { bookConversion, cheapestMint } from '../link-flows';
import { operatedBook } from '../venue-books';
import type { Stage } from './stage';

/** A liquidatable cohort found this step. */
interface Candidate {
  cohort: number;
  market: number;
  hf: number;
  protocol: number;
}

/** Health factor of a cohort on oracle readings; Infinity without debt. */
export function healthFactor(ctx: RunContext, c: number): number {
  const { markets: M, cohorts: C, oracles: O } = ctx.s;
  const m = C.market[c]!;
  const y = C.debt[c]!;
  if (y <= 0) return Infinity;
  const rc = O.reading[M.collateralOracle[m]!]!;
  const rd = O.reading[M.debtOracle[m]!]!;
  return (C.collateral[c]! * rc * M.liquidationThreshold[m]!) / (y * rd);
}

const liquidatable = (hf: number) => (TIE_IS_DEFAULT ? hf <= 1 : hf < 1);

/** The liquidation stage of a run; its work lists are its own, reused every step. */
export function createLiquidationStage(): Stage {
  const scratch = { found: [] as number[], candidates: [] as Candidate[], touched: [] as number[] };
  return (ctx) => {
    const { stats } = ctx;
    stats.unprofitableStepUsd = 0;
    stats.throttledStepUsd = 0;
    liquidate(ctx, scratch);
    if (stats.unprofitableStepUsd > stats.unprofitablePeakUsd)
      stats.unprofitablePeakUsd = stats.unprofitableStepUsd;
    if (stats.throttledStepUsd > stats.throttledPeakUsd) stats.throttledPeakUsd = stats.throttledStepUsd;
  };
}

function liquidate(
  ctx: RunContext,
  scratch: { found: number[]; candidates: Candidate[]; touched: number[] },
): void {
  const { s, ledger, controls, stats } = ctx;
  const { markets: M, cohorts: C, assets: A, protocols: P } = s;
  ctx.heldBackUsd.fill(0);
  const window = stats.liquidatedWindow;
  window.push(window.shift()!.fill(0));
  const thisStep = window[window.length - 1]!;

  // Liquidatable cohorts of every market. HF < 1 exactly when debt/collateral > rc x LT / rd: the sorted
  // book gives those cohorts directly (a hair below the threshold, then each is confirmed on its health
  // factor), and a market whose worst ratio is below the threshold is skipped at once. Candidates go to
  // reused lists, in the order found.
  const found = scratch.found;
  const cand = scratch.candidates;
  let n = 0;
  const O = s.oracles;
  // A protocol liquidates only in a step where a block of its chain lands (docs/model.md §23.1).
  const K = s.chains;
  const blockNow = ctx.blockNow;
  for (let c = 0; c < K.n; c++) blockNow[c] = blockLands(ctx.t, s.stepSeconds, K.blockTimeSec[c]!) ? 1 : 0;
  for (let m = 0; m < M.n; m++) {
    if (!blockNow[K.protocolChain[M.protocol[m]!]!]) continue;
    const rd = O.reading[M.debtOracle[m]!]!;
    const threshold =
      rd > 0
        ? ((O.reading[M.collateralOracle[m]!]! * M.liquidationThreshold[m]!) / rd) * (1 - 1e-12)
        : Infinity;
    if (ledger.loans.maxRatio(m) <= threshold) continue;
    found.length = 0;
    ledger.loans.above(m, threshold, true, found);
    for (let i = 0; i < found.length; i++) {
      const c = found[i]!;
      if (C.debt[c]! <= 0) continue;
      if (C.collateral[c]! <= 0) {
        writeOff(ctx, c, m);
        continue;
      }
      const hf = healthFactor(ctx, c);
      if (!liquidatable(hf)) continue;
      // A market a controller's action pauses (docs/model.md §20.6) liquidates nothing until the pause lifts.
      if (ctx.defences.pausedBy[m]! >= 0) continue;
      // Candidate records are reused from step to step.
      const x = cand[n] ?? (cand[n] = { cohort: 0, market: 0, hf: 0, protocol: 0 });
      x.cohort = c;
      x.market = m;
      x.hf = hf;
      x.protocol = M.protocol[m]!;
      n++;
    }
  }
  if (n === 0) return;

  // By protocol in index order; within one, in the order found (a stable sort).
  sortCandidates(cand, 0, n, byProtocol);
  const touched = scratch.touched;
  for (let first = 0; first < n;) {
    const p = cand[first]!.protocol;
    let end = first + 1;
    while (end < n && cand[end]!.protocol === p) end++;
    const from = first;
    first = end;
    if (controls.pauseLiquidations[p]) {
      for (let i = from; i < end; i++) {
        const x = cand[i]!;
        ctx.heldBackUsd[p]! += C.debt[x.cohort]! * A.price[M.debt[x.market]!]!;
      }
      continue;
    }
    // Worst health first; ties by cohort index so runs are reproducible.
    sortCandidates(cand, from, end, byHealth);
    // Congestion divides what keepers get through per step (docs/model.md §17.1); the level is 1 normally.
    let capacity = P.keeperCapacity[p]! / ctx.chains[s.chains.protocolChain[p]!]!.level;
    const cap = controls.capIndex[p]!;
    touched.length = 0;
    for (let i = from; i < end; i++) {
      const x = cand[i]!;
      const { cohort: c, market: m } = x;
      // A market with an auction rule sends the position to auction instead (docs/model.md §17).
      if (M.auction[m]) {
        if (startAuction(ctx, c, m) && !touched.includes(m)) touched.push(m);
        continue;
      }
      const coll = M.collateral[m]!;
      const debt = M.debt[m]!;
      const rc = s.oracles.reading[M.collateralOracle[m]!]!;
      const rd = s.oracles.reading[M.debtOracle[m]!]!;
      const pc = A.price[coll]!;
      const pd = A.price[debt]!;
      const bonus = M.bonus[m]!;
      const x0 = C.collateral[c]!;
      const y0 = C.debt[c]!;
      const maxRepay = (x.hf >= M.fullLiquidationHf[m]! ? M.closeFactor[m]! : 1) * y0;
      let repay = Math.min(maxRepay, (x0 * rc) / ((1 + bonus) * rd));
      // Keeper capacity and breaker caps bound the debt repaid per step (in USD at market prices).
      const budget = Math.min(capacity, cap >= 0 ? controls.capBudgets[cap]! : Infinity);
      if (repay * pd > budget) {
        const held = repay * pd - budget;
        stats.throttledStepUsd += held;
        if (cap >= 0 && controls.capBudgets[cap]! < capacity) ctx.heldBackUsd[p]! += held;
        repay = budget / pd;
      }
      if (repay <= 0) continue;
      // The debt is acquired by the cheapest route: the market, or minting it where that costs less.
      let route = cheapestMint(ctx, debt, repay);
      if (P.countImpact[p]) {
        // Liquidators who count the price impact of their sale repay only what still pays (docs/model.md §3.5).
        const cost = route.costUsd < pd ? route.costUsd : pd;
        const most = paysUpTo(ctx, coll, (rd * (1 + bonus) * pc) / rc, cost, P.mevLoss[p]!);
        if (repay > most) {
          stats.unprofitableStepUsd += (repay - most) * pd;
          repay = most;
          if (repay <= 0) continue;
          route = cheapestMint(ctx, debt, repay);
        }
      }
      // A liquidation only a defence's tightening made possible is booked from that defence (§20).
      const forcedBy = forcingDefence(ctx, m, x.hf);
      const seized = Math.min(x0, (repay * rd * (1 + bonus)) / rc);
      const minted = route.costUsd < pd;
      // Liquidators act only when the collateral, sold at market after MEV losses, is worth more than the repayment.
      if (seized * pc * (1 - P.mevLoss[p]!) <= repay * (minted ? route.costUsd : pd)) {
        stats.unprofitableStepUsd += repay * pd;
        continue;
      }
      capacity -= repay * pd;
      if (cap >= 0) controls.capBudgets[cap]! -= repay * pd;
      // What earlier liquidations of this market changed is booked from the market before a forced one.
      if (forcedBy >= 0 && touched.includes(m)) {
        bookLiquidated(ctx, m, ledger.market(m));
        for (let k = 0; k < touched.length; k++) if (touched[k] === m) touched.splice(k--, 1);
      }
      const cause = forcedBy >= 0 ? ctx.defences.cause[forcedBy]! : ledger.protocol(p);
      C.collateral[c] = x0 - seized <= x0 * DUST ? 0 : x0 - seized;
      C.debt[c] = y0 - repay;
      // The lender gets the repaid debt tokens back, or burns them when it issued them.
      if (M.ownDebt[m]) P.issueSupply[M.debtIssue[m]!]! -= repay;
      else P.holdAmount[M.debtHolding[m]!]! += repay;
      sell(ctx, p, cause, coll, seized);
      if (minted) mintDebt(ctx, route.link, repay);
      else addFlow(ctx, cause, debt, -repay * pd);
      if (forcedBy >= 0) ctx.defences.forcedLiquidatedUsd[forcedBy]! += repay * pd;
      stats.liquidatedUsd[p]! += repay * pd;
      stats.liquidatedUsdByMarket[m]! += repay * pd;
      stats.seizedUsdByAsset[coll]! += seized * pc;
      thisStep[p]! += repay * pd;
      ledger.loans.touch(m);
      if (forcedBy >= 0) {
        if (C.collateral[c]! <= 0 && C.debt[c]! > 0) writeOff(ctx, c, m, cause);
        bookLiquidated(ctx, m, cause);
        continue;
      }
      if (C.collateral[c]! <= 0 && C.debt[c]! > 0) writeOff(ctx, c, m);
      if (!touched.includes(m)) touched.push(m);
    }
    if (touched.length > 1) touched.sort((a, b) => a - b);
    for (const m of touched) bookLiquidated(ctx, m, ledger.market(m));
  }
}

/**
 * The most debt (tokens) a liquidator repays at a profit when it counts price impact (docs/model.md §3.5):
 * repaying R seizes R * k USD of collateral at market (k = r_debt (1 + b) p_coll / r_coll), sold after the
 * step's earlier net sales q0 of it into depth D: its mean price is at least
 * p_coll exp(-q0 / D) (1 - R k / (2 D)) (log-linear impact, §3.6), so the sale pays while
 *     R k e0 (1 - R k / (2 D)) (1 - mev) > R c,   i.e.   R < (2 D / k) (1 - c / (k e0 (1 - mev))),
 * with c the USD cost of a debt token and e0 = exp(-max(0, q0) / D). An asset without depth does not move.
 */
function paysUpTo(ctx: RunContext, coll: number, k: number, c: number, mev: number): number {
  const A = ctx.s.assets;
  const depth = A.depth[coll]! * A.depthMultiplier[coll]!;
  if (!(depth > 0) || !(k > 0)) return Infinity;
  const e0 = Math.exp(-Math.max(0, A.flow[coll]!) / depth);
  return Math.max(0, ((2 * depth) / k) * (1 - c / (k * e0 * (1 - mev))));
}

/** Books a market's loans and its lender's holding (or issued supply) as liquidations left them, from `from`. */
function bookLiquidated(ctx: RunContext, m: number, from: number): void {
  const { ledger, s } = ctx;
  ledger.revalueMarket(m, 'liquidation', from);
  if (s.markets.ownDebt[m]) ledger.revalueIssue(s.markets.debtIssue[m]!, 'liquidation', from);
  else ledger.revalueHolding(s.markets.debtHolding[m]!, 'liquidation', from);
}

/**
 * The defence whose tightening alone makes a cohort of health `hf` liquidatable in market m: one has set the
 * threshold below the network's, and at the network's threshold the cohort would not be liquidatable; else -1.
 */
function forcingDefence(ctx: RunContext, m: number, hf: number): number {
  const d = ctx.defences.setter[m]!;
  if (d < 0) return -1;
  const live = ctx.s.markets.liquidationThreshold[m]!;
  const base = ctx.defences.baseThreshold[m]!;
  return live < base && !liquidatable((hf * base) / live) ? d : -1;
}

/** Protocol order (a stable sort by it keeps each protocol's candidates in the order found). */
const byProtocol = {
  before: (a: Candidate, b: Candidate): boolean => a.protocol < b.protocol,
  compare: (a: Candidate, b: Candidate): number => a.protocol - b.protocol,
};
/** Worst health first, ties by cohort index: a total order, so the result does not depend on the input order. */
const byHealth = {
  before: (a: Candidate, b: Candidate): boolean => a.hf < b.hf || (a.hf === b.hf && a.cohort < b.cohort),
  compare: (a: Candidate, b: Candidate): number => a.hf - b.hf || a.cohort - b.cohort,
};

/**
 * A stable sort of list[from, to) in place: by insertion for the usual handful of candidates, the built-in
 * (stable) sort beyond.
 */
function sortCandidates(list: Candidate[], from: number, to: number, order: typeof byHealth): void {
  if (to - from > 32) {
    const part = list.slice(from, to).sort(order.compare);
    for (let i = 0; i < part.length; i++) list[from + i] = part[i]!;
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = list[i]!;
    let j = i - 1;
    while (j >= from && order.before(x, list[j]!)) {
      list[j + 1] = list[j]!;
      j--;
    }
    list[j + 1] = x;
  }
}

/**
 * Debt left with no collateral is bad debt: the loan is written off. It is counted as the loan was valued
 * (docs/model.md §1.6): at par when the debt is the protocol's own token, which stays owed at par.
 */
function writeOff(ctx: RunContext, c: number, m: number, from = ctx.ledger.market(m)): void {
  const { s, stats } = ctx;
  const debt = s.markets.debt[m]!;
  const usd = s.cohorts.debt[c]! * (s.markets.ownDebt[m] ? ctx.ledger.par(debt) : s.assets.price[debt]!);
  const p = s.markets.protocol[m]!;
  stats.badDebtUsd[p]! += usd;
  stats.badDebtUsdByMarket[m]! += usd;
  s.cohorts.debt[c] = 0;
  ctx.ledger.loans.touch(m);
  ctx.ledger.revalueMarket(m, 'liquidation', from);
}

/**
 * Seized collateral goes to market now, or over several steps when a twap breaker is on; its sales are
 * recorded from `cause` (the selling protocol, or the defence that forced the liquidation).
 */
export function sell(ctx: RunContext, p: number, cause: number, asset: number, amount: number): void {
  const steps = ctx.controls.twapSteps[p]!;
  if (steps > 1) {
    ctx.twap.push({ protocol: p, cause, asset, amountPerStep: amount / steps, stepsLeft: steps });
    return;
  }
  addSale(ctx, p, cause, asset, amount * ctx.s.assets.price[asset]!);
}

/**
 * Protocol p sells `usd` of an asset: on the venue it runs when the asset is priced per venue there (a
 * centralized exchange liquidating on its own book, docs/model.md §22), otherwise into the asset's pooled flow.
 */
export function addSale(ctx: RunContext, p: number, cause: number, asset: number, usd: number): void {
  const B = ctx.s.venues;
  const k = B.n > 0 ? operatedBook(B, p, asset) : -1;
  if (k < 0) return addFlow(ctx, cause, asset, usd);
  B.flow[k]! += usd;
  recordSeller(ctx, cause, asset, usd);
}

/** Adds USD of net selling (negative: buying) of an asset by liquidations, recorded from a ledger cause. */
export function addFlow(ctx: RunContext, cause: number, asset: number, usd: number): void {
  ctx.s.assets.flow[asset]! += usd;
  recordSeller(ctx, cause, asset, usd);
}

/** Books `usd` of this step's selling of `asset` to `cause`, to explain the price move it makes. */
export function recordSeller(ctx: RunContext, cause: number, asset: number, usd: number): void {
  // Sellers are only read to explain price moves (the realised paths of a full run).
  if (!ctx.keepTrace) return;
  let bySeller = ctx.sellers.get(asset);
  if (!bySeller) ctx.sellers.set(asset, (bySeller = new Map()));
  bySeller.set(cause, (bySeller.get(cause) ?? 0) + usd);
}

/** A liquidator mints the debt it repays through link k: booked on the converter, no market flow. */
function mintDebt(ctx: RunContext, k: number, units: number): void {
  const L = ctx.s.links;
  if (Number.isFinite(L.capacityLeft[k]!)) L.capacityLeft[k]! -= units;
  bookConversion(ctx, k, units, true);
}
