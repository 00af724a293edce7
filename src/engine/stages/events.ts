// Stage 1: the scenario's exogenous events at this step — price paths, depth, oracle faults, exploits, runs,
// sales and buys, borrowing against perp positions.
// Reads the compiled scenario: every target is an index already.
import type { ScenarioEventParsed } from '../../model/schema/scenario';
import { type CompiledChainEvent, setChainConditions } from '../chain';
import { type CompiledEvent, unhandled } from '../compile-scenario';
import { type RunContext, setPrice } from '../context';
import { borrowingPower, recordDraw } from '../perp-loans';
import { PEG_NONE } from '../state';
import { addFlow, recordSeller } from './liquidations';
import type { Stage } from './stage';

/** The events stage of a run. Price paths in progress are its own state: [eventIndex, nextPointIndex]. */
export function createEventStage(ctx: RunContext): Stage & { pathGoesOn(): boolean; moving(): boolean } {
  const { events, eventsAt, endsAt } = ctx.compiled;
  const pathsInProgress = new Map<number, number>();
  /** Chain events in force, by event index. */
  const chains = new Map<number, CompiledChainEvent>();
  // Per link event: the link's capacity per day and delay before it resized them, restored at its end.
  const linkSizes = new Map<number, LinkSize>();
  const stage = (ctx: RunContext): void => {
    const { s } = ctx;
    // Ends of timed events first, so an event starting on the step another ends sees a clean slate.
    const ends = endsAt.get(ctx.t);
    if (ends) for (const i of ends) endEvent(ctx, events[i]!, i, chains, linkSizes);
    const starts = eventsAt.get(ctx.t);
    if (starts) for (const i of starts) startEvent(ctx, events[i]!, i, pathsInProgress, chains, linkSizes);
    if (chains.size > 0 || ends || starts) setChainConditions(ctx.chains, chains.values(), ctx.t);
    // Linear and series paths move a bit every step (or every few steps). Entries are only updated or
    // removed while iterating, so the live map visits what a copy taken now would.
    for (const [i, k] of pathsInProgress) {
      const e = events[i]!;
      if (e.type !== 'price') continue;
      const factor = pathFactor(e.def, k, ctx.t);
      if (factor === undefined) continue;
      movePrice(ctx, e.asset, factor, ctx.ledger.event(i));
      if (isLastPoint(e.def, k)) pathsInProgress.delete(i);
      else pathsInProgress.set(i, k + 1);
    }
    // Withdrawals that waited for a pause to end.
    for (let p = 0; p < s.protocols.n; p++) {
      if (ctx.pendingRuns[p]! > 0 && !ctx.controls.pauseWithdrawals[p]) {
        const usd = ctx.pendingRuns[p]!;
        ctx.pendingRuns[p] = 0;
        withdraw(ctx, p, usd, 'exogenous', ctx.ledger.protocol(p));
      }
    }
  };
  return Object.assign(stage, {
    /**
     * Whether a price path will still be in progress after this step's events: one in progress now that is
     * not at its last point (a path leaves only after its last point).
     */
    pathGoesOn(): boolean {
      for (const [i, k] of pathsInProgress) {
        const e = events[i]!;
        if (e.type === 'price' && !isLastPoint(e.def, k)) return true;
      }
      return false;
    },
    /** Whether a price path is still in progress. */
    moving(): boolean {
      return pathsInProgress.size > 0;
    },
  });
}

type PriceEvent = Extract<ScenarioEventParsed, { type: 'price' }>;

/** A link's throughput and delay, as a link event found them. */
interface LinkSize {
  capacityPerDay: number;
  delaySec: number;
}

/** Factor of the k-th point of a linear or series path, if it falls on step t. */
function pathFactor(e: PriceEvent, k: number, t: number): number | undefined {
  const path = e.path;
  if (path.shape === 'linear') {
    if (t !== e.atStep + k - 1) return undefined;
    return (1 + (path.change * k) / path.overSteps) / (1 + (path.change * (k - 1)) / path.overSteps);
  }
  if (path.shape === 'series') {
    if (t !== e.atStep + k * path.everySteps) return undefined;
    return (1 + path.changes[k]!) / (k - 1 < 0 ? 1 : 1 + path.changes[k - 1]!);
  }
  return undefined;
}

/** Whether the k-th point is a linear or series path's last. */
function isLastPoint(e: PriceEvent, k: number): boolean {
  const path = e.path;
  if (path.shape === 'linear') return k >= path.overSteps;
  return path.shape === 'series' && k >= path.changes.length - 1;
}

function startEvent(
  ctx: RunContext,
  e: CompiledEvent,
  i: number,
  pathsInProgress: Map<number, number>,
  chains: Map<number, CompiledChainEvent>,
  linkSizes: Map<number, LinkSize>,
): void {
  const { s } = ctx;
  const from = ctx.ledger.event(i);
  switch (e.type) {
    case 'price': {
      const path = e.def.path;
      if (path.shape === 'gap') movePrice(ctx, e.asset, 1 + path.change, from);
      else {
        // The first point of a linear path lands on atStep; a series starts at its first point too.
        const first = path.shape === 'linear' ? 1 : 0;
        pathsInProgress.set(i, first);
        const factor = pathFactor(e.def, first, ctx.t);
        if (factor !== undefined) {
          movePrice(ctx, e.asset, factor, from);
          if (isLastPoint(e.def, first)) pathsInProgress.delete(i);
          else pathsInProgress.set(i, first + 1);
        }
      }
      break;
    }
    case 'depth':
      s.assets.depthMultiplier[e.asset]! *= e.multiplier;
      break;
    case 'oracle-freeze':
      s.oracles.frozenByEvent[e.oracle] = 1;
      break;
    case 'oracle-stale':
      s.oracles.extraLatencySec[e.oracle]! += e.extraLatencySec;
      break;
    case 'oracle-manipulate':
      s.oracles.manipulated[e.oracle] = e.priceUsd;
      break;
    case 'exploit':
      exploit(ctx, e, from);
      break;
    case 'bridge-exploit':
      bridgeExploit(ctx, e, from);
      break;
    case 'link': {
      const L = s.links;
      if (e.open !== undefined) {
        L.open[e.link] = e.open ? 1 : 0;
        // A closed redemption with a stated discount: holders sell below the issuer's reserve cover (§16).
        L.closedDiscount[e.link] = e.open ? 0 : e.discount;
        L.closedBy[e.link] = !e.open && e.discount > 0 ? from : -1;
      }
      linkSizes.set(i, { capacityPerDay: L.capacityPerDay[e.link]!, delaySec: L.delaySec[e.link]! });
      if (e.capacityPerDay !== undefined) L.capacityPerDay[e.link] = e.capacityPerDay;
      if (e.delaySec !== undefined) L.delaySec[e.link] = e.delaySec;
      break;
    }
    case 'chain':
      chains.set(i, e);
      break;
    case 'borrow':
      break; // drawn every step of its window by the borrowing stage
    case 'sale':
      // Sellers outside the network: a flow only, priced by stage 6 (docs/model.md §22).
      if (e.book < 0) addFlow(ctx, from, e.asset, e.usd);
      else {
        s.venues.flow[e.book]! += e.usd;
        recordSeller(ctx, from, e.asset, e.usd);
      }
      break;
    case 'buy':
      // Buyers outside the network: a negative flow, priced by stage 6 like a sale (docs/model.md §22).
      if (e.book < 0) addFlow(ctx, from, e.asset, -e.usd);
      else {
        s.venues.flow[e.book]! -= e.usd;
        recordSeller(ctx, from, e.asset, -e.usd);
      }
      break;
    case 'perp-borrow':
      borrowAgainstPerp(ctx, e, from);
      break;
    case 'run': {
      const p = e.protocol;
      const usd = e.share * unmodelledDepositsUsd(ctx, p);
      if (ctx.controls.pauseWithdrawals[p]) ctx.pendingRuns[p]! += usd;
      else withdraw(ctx, p, usd, 'exogenous', from);
      break;
    }
    default:
      unhandled(e);
  }
}

function endEvent(
  ctx: RunContext,
  e: CompiledEvent,
  i: number,
  chains: Map<number, CompiledChainEvent>,
  linkSizes: Map<number, LinkSize>,
): void {
  const { s } = ctx;
  switch (e.type) {
    case 'depth':
      s.assets.depthMultiplier[e.asset]! /= e.multiplier;
      break;
    case 'oracle-freeze':
      s.oracles.frozenByEvent[e.oracle] = 0;
      break;
    case 'oracle-stale':
      s.oracles.extraLatencySec[e.oracle]! -= e.extraLatencySec;
      break;
    case 'oracle-manipulate':
      s.oracles.manipulated[e.oracle] = NaN;
      break;
    case 'link': {
      const L = s.links;
      if (e.open !== undefined) {
        L.open[e.link] = e.open ? 0 : 1;
        L.closedDiscount[e.link] = 0;
        L.closedBy[e.link] = -1;
      }
      const before = linkSizes.get(i)!;
      if (e.capacityPerDay !== undefined) L.capacityPerDay[e.link] = before.capacityPerDay;
      if (e.delaySec !== undefined) L.delaySec[e.link] = before.delaySec;
      linkSizes.delete(i);
      break;
    }
    case 'chain':
      chains.delete(i);
      break;
    case 'price':
    case 'exploit':
    case 'bridge-exploit':
    case 'run':
    case 'sale':
    case 'buy':
    case 'perp-borrow':
    case 'borrow':
      break; // not timed, or timed by its own stage
    default:
      unhandled(e);
  }
}

/**
 * Moves an asset's price by a factor: a base asset's fundamental, or a pegged asset's market price (its
 * impact multiplier), which then decays back towards the fundamental.
 */
function movePrice(ctx: RunContext, a: number, factor: number, from: number): void {
  const A = ctx.s.assets;
  const before = A.price[a]!;
  if (A.pegTarget[a] === PEG_NONE) A.fundamental[a]! *= factor;
  else {
    A.impact[a]! *= factor;
    A.freshImpact[a]! *= factor;
  }
  setPrice(ctx, a);
  if (ctx.keepTrace) {
    ctx.stats.causes.push({
      step: ctx.t,
      asset: a,
      from,
      channel: 'exogenous',
      change: A.price[a]! / before - 1,
      usd: 0,
    });
  }
  ctx.ledger.revalueAsset(a, 'price', ctx.ledger.asset(a));
}

/**
 * A cohort of a lending perp book borrows (docs/model.md §15.8): `share` of its borrowing power at the book's
 * last mark, drawn from the venue's holdings of the stated assets in order (each up to what it holds, at market
 * prices). The tokens leave the venue; its loan to the cohort takes their place in its perp account.
 */
function borrowAgainstPerp(
  ctx: RunContext,
  e: Extract<CompiledEvent, { type: 'perp-borrow' }>,
  from: number,
): void {
  const { s, ledger } = ctx;
  const b = s.perps.books[e.book]!;
  const v = b.venue;
  if (ctx.controls.pauseBorrowing[v]) return;
  let left = e.share * borrowingPower(b, e.cohort);
  const P = s.protocols;
  let drawn = 0;
  for (let k = 0; k < e.holdings.length && left > 0; k++) {
    const h = e.holdings[k]!;
    const price = s.assets.price[P.holdAsset[h]!]!;
    const available = P.holdAmount[h]! * price;
    if (!(available > 0)) continue;
    const take = Math.min(left, available);
    P.holdAmount[h] = take >= available ? 0 : P.holdAmount[h]! - take / price;
    ledger.revalueHolding(h, 'exogenous', from);
    left -= take;
    drawn += take;
  }
  recordDraw(b, e.cohort, drawn);
  ledger.revaluePerp(v, 'exogenous', from);
}

function exploit(ctx: RunContext, e: Extract<CompiledEvent, { type: 'exploit' }>, from: number): void {
  const { s, ledger } = ctx;
  const P = s.protocols;
  const p = e.protocol;
  if (e.lossUsd !== undefined) {
    let loss = e.lossUsd;
    const fromOther = Math.min(loss, P.otherAssets[p]!);
    P.otherAssets[p]! -= fromOther;
    ledger.revalueOther(p, 'exogenous', from);
    loss -= fromOther;
    if (loss > 0) takeProRata(ctx, p, loss, from);
    return;
  }
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) {
    let taken = 0;
    if (e.share !== undefined) taken = P.holdAmount[h]! * e.share;
    else taken = e.holdings.get(P.holdAsset[h]!) ?? 0;
    P.holdAmount[h] = Math.max(0, P.holdAmount[h]! - taken);
    ledger.revalueHolding(h, 'exogenous', from);
  }
}

/**
 * A bridge exploit (docs/model.md §23): the escrow loses a share or an amount of its holding of the canonical, and
 * the bridge's link is suspended for the rest of the run (the escrow cannot redeem).
 */
function bridgeExploit(
  ctx: RunContext,
  e: Extract<CompiledEvent, { type: 'bridge-exploit' }>,
  from: number,
): void {
  const P = ctx.s.protocols;
  for (let h = P.holdStart[e.escrow]!; h < P.holdStart[e.escrow + 1]!; h++) {
    if (P.holdAsset[h] !== e.canonical) continue;
    const taken = e.share !== undefined ? P.holdAmount[h]! * e.share : Math.min(P.holdAmount[h]!, e.amount!);
    P.holdAmount[h]! -= taken;
    ctx.ledger.revalueHolding(h, 'exogenous', from);
  }
  ctx.s.links.open[e.link] = 0;
}

/** Takes `usd` of value from a protocol's holdings, pro rata by value; returns what it could take. */
function takeProRata(ctx: RunContext, p: number, usd: number, from: number): number {
  const { s, ledger } = ctx;
  const P = s.protocols;
  let total = 0;
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) total += ledger.holdingValue(h);
  if (total <= 0) return 0;
  const share = Math.min(1, usd / total);
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) {
    P.holdAmount[h]! *= 1 - share;
    ledger.revalueHolding(h, 'exogenous', from);
  }
  return share * total;
}

/** Supply of each issued token (by issue slot) held by no modelled protocol. */
export function unmodelledSupply(ctx: RunContext, k: number): number {
  const P = ctx.s.protocols;
  const a = P.issueAsset[k]!;
  let held = 0;
  for (const h of ctx.ledger.holdingsOf[a]!) held += P.holdAmount[h]!;
  return Math.max(0, P.issueSupply[k]! - held);
}

/** What p owes depositors who are not modelled: external liabilities and its tokens nobody modelled holds. */
export function unmodelledDepositsUsd(ctx: RunContext, p: number): number {
  const P = ctx.s.protocols;
  let usd = P.externalLiabilities[p]!;
  for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++)
    usd += unmodelledSupply(ctx, k) * ctx.ledger.par(P.issueAsset[k]!);
  return usd;
}

/**
 * Depositors who are not modelled withdraw `usd`: paid from other assets and holdings pro rata by value;
 * external liabilities and the unmodelled supply of issued receipts fall pro rata by what was paid. What
 * cannot be paid stays owed.
 */
export function withdraw(ctx: RunContext, p: number, usd: number, channel: 'exogenous', from: number): void {
  const { s, ledger } = ctx;
  const P = s.protocols;
  let holdings = 0;
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) holdings += ledger.holdingValue(h);
  const available = holdings + P.otherAssets[p]!;
  const owed = unmodelledDepositsUsd(ctx, p);
  const paid = Math.min(usd, available, owed);
  if (paid <= 0) return;
  const share = paid / available;
  P.otherAssets[p]! *= 1 - share;
  ledger.revalueOther(p, channel, from);
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) {
    P.holdAmount[h]! *= 1 - share;
    ledger.revalueHolding(h, channel, from);
  }
  const redeemed = paid / owed;
  for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++) {
    P.issueSupply[k]! -= redeemed * unmodelledSupply(ctx, k);
    ledger.revalueIssue(k, channel, from);
  }
  P.externalLiabilities[p]! *= 1 - redeemed;
  ledger.revalueExternal(p, channel, from);
}
