// Depositor runs (docs/model.md §19): depositors of a protocol with a run rule withdraw once a stress signal
// crosses their threshold; the share asking is the CDF of the thresholds at the signal. Requests are served
// first come, first served from idle liquidity; the rest waits in a queue (a claim that stays owed), and the
// stuck holders of the protocol's receipt tokens sell a share of them on the market, which the price-impact
// stage turns into a discount to NAV.
import { mapFloat64 } from '../typed-columns';
import type { RunSignal } from '../../model/network';
import { unhandled } from '../compile-scenario';
import { type RunContext, STATUS_INSOLVENT } from '../context';
import { ANY_ASSET, idleLiquidityUsd, idleSlots } from '../idle-liquidity';
import { runShare } from '../run-thresholds';
import { unmodelledDepositsUsd, unmodelledSupply } from './events';
import type { Stage } from './stage';

/** A protocol's run rule with its ids resolved. */
interface CompiledRule {
  protocol: number;
  triggers: { signal: RunSignal; share: (signal: number) => number }[];
  /** Holding slots that count as idle liquidity (`idleSlots`): slots never change during a run. */
  idle: number[];
  sellStuck: number;
  /** exp(-r x delay): what a stuck request's recovery is worth now. */
  stuckFactor: number;
}

/** Seconds in a year, for yearly costs of capital. */
const YEAR_SEC = 365 * 24 * 3600;

/**
 * The depositor-run stage of a run, or undefined when no protocol has a run rule (the stage then does not
 * run at all, and nothing changes). It owns each protocol's share asked so far and its queue.
 */
export function createDepositorRunStage(ctx: RunContext): Stage | undefined {
  const rules = compileRules(ctx);
  if (rules.length === 0) return undefined;
  const nP = ctx.s.protocols.n;
  // The deposits a share refers to: what each protocol owed its unmodelled depositors at the start.
  const owedAtStart = mapFloat64({ length: nP }, (_, p) => unmodelledDepositsUsd(ctx, p));
  const askedShare = new Float64Array(nP);
  const queueUsd = new Float64Array(nP);
  return (ctx) => {
    ctx.ledger.sync(); // signals read equity as booked
    for (const rule of rules) {
      const p = rule.protocol;
      const share = Math.min(
        1,
        rule.triggers.reduce((m, tr) => Math.max(m, tr.share(signalValue(ctx, rule, tr.signal))), 0),
      );
      const owed = unmodelledDepositsUsd(ctx, p);
      // Depositors who asked before do not ask again: the new requests are the share's rise.
      const asked = Math.min(
        Math.max(0, share - askedShare[p]!) * owedAtStart[p]!,
        Math.max(0, owed - queueUsd[p]!),
      );
      askedShare[p] = Math.max(askedShare[p]!, share);
      if (asked > 0) {
        queueUsd[p]! += asked;
        ctx.stats.runRequestedUsd[p]! += asked;
        // Paid at par, a withdrawal may book nothing; the run still moved (docs/model.md §3.10).
        ctx.stats.lastMovedStep = ctx.t;
      }
      if (!(queueUsd[p]! > 0)) continue;
      const paid = ctx.controls.pauseWithdrawals[p] ? 0 : payFromIdle(ctx, rule, queueUsd[p]!);
      queueUsd[p]! -= paid;
      ctx.stats.runPaidUsd[p]! += paid;
      if (paid > 0) ctx.stats.lastMovedStep = ctx.t;
      ctx.stats.runStuckUsd[p] = queueUsd[p]!;
      ctx.redemptionFactor[p] = queueUsd[p]! > 0 ? rule.stuckFactor : 1;
      // The newest requests are at the end of the queue: the unpaid part of this step's requests is newly stuck.
      const newlyStuck = Math.min(asked, queueUsd[p]!);
      if (newlyStuck > 0 && rule.sellStuck > 0)
        sellStuck(ctx, p, (newlyStuck * rule.sellStuck) / (owed - paid));
    }
  };
}

function compileRules(ctx: RunContext): CompiledRule[] {
  const index = new Map(ctx.s.names.protocols.map((id, i) => [id, i] as const));
  const assetIndex = new Map(ctx.s.names.assets.map((id, i) => [id, i] as const));
  const rules: CompiledRule[] = [];
  for (const p of ctx.network.protocols) {
    const run = p.depositorRun;
    if (!run) continue;
    rules.push({
      protocol: index.get(p.id)!,
      triggers: run.triggers.map((tr) => ({
        signal: tr.signal,
        share: (x: number) => runShare(tr.thresholds, x),
      })),
      idle: idleSlots(
        ctx,
        index.get(p.id)!,
        run.depositAsset === undefined ? ANY_ASSET : assetIndex.get(run.depositAsset)!,
      ),
      sellStuck: run.sellStuck,
      stuckFactor: Math.exp((-run.costOfCapital * run.stuckDelaySec) / YEAR_SEC),
    });
  }
  return rules.sort((a, b) => a.protocol - b.protocol);
}

/** The stress signal a trigger reads, from the state as booked so far (statuses as of the last clearing). */
function signalValue(ctx: RunContext, rule: CompiledRule, signal: RunSignal): number {
  const { s, ledger } = ctx;
  const p = rule.protocol;
  const P = s.protocols;
  const lossUsd = Math.max(0, (ledger.initialEquityCents[p]! - ledger.equityCents[p]!) / 100);
  switch (signal) {
    case 'loss-of-assets':
      return ctx.initialAssetsUsd[p]! > 0 ? lossUsd / ctx.initialAssetsUsd[p]! : 0;
    case 'loss-of-equity': {
      const e0 = ledger.initialEquityCents[p]! / 100;
      return e0 > 0 ? lossUsd / e0 : lossUsd > 0 ? Infinity : 0;
    }
    case 'discount': {
      // The largest discount of a token it issues to its NAV (basis x par x the issuer's recovery).
      const A = s.assets;
      let worst = 0;
      for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++) {
        const a = P.issueAsset[k]!;
        const nav = A.pegBasis[a]! * ledger.par(a) * P.recovery[p]!;
        if (nav > 0) worst = Math.max(worst, 1 - A.price[a]! / nav);
      }
      return worst;
    }
    case 'utilization': {
      const owed = unmodelledDepositsUsd(ctx, p);
      if (!(owed > 0)) return 0;
      return Math.max(0, 1 - idleLiquidityUsd(ctx, rule.idle) / owed);
    }
    case 'failed-exposure': {
      // Nominal claims on insolvent debtors and holdings of tokens they issue, over initial assets.
      let exposed = 0;
      for (let k = P.claimStart[p]!; k < P.claimStart[p + 1]!; k++)
        if (ctx.stats.status[P.claimDebtor[k]!] === STATUS_INSOLVENT) exposed += P.claimAmount[k]!;
      const A = s.assets;
      for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) {
        const issuer = A.pegIssuer[P.holdAsset[h]!]!;
        if (issuer >= 0 && ctx.stats.status[issuer] === STATUS_INSOLVENT)
          exposed += P.holdAmount[h]! * A.initialPrice[P.holdAsset[h]!]!;
      }
      return ctx.initialAssetsUsd[p]! > 0 ? exposed / ctx.initialAssetsUsd[p]! : 0;
    }
    default:
      return unhandled(signal);
  }
}

/**
 * Pays up to `usd` of the queue from idle liquidity, pro rata over the idle holdings by value; external
 * liabilities and the unmodelled supply of each issued token fall by the share paid of what is owed. Booked
 * `exogenous` (the channel of runs) from the protocol itself. Returns the USD paid.
 */
function payFromIdle(ctx: RunContext, rule: CompiledRule, usd: number): number {
  const { s, ledger } = ctx;
  const P = s.protocols;
  const p = rule.protocol;
  const slots = rule.idle;
  const idle = idleLiquidityUsd(ctx, slots);
  const owed = unmodelledDepositsUsd(ctx, p);
  const paid = Math.min(usd, idle, owed);
  if (!(paid > 0)) return 0;
  const from = ledger.protocol(p);
  const taken = paid / idle;
  for (const h of slots) {
    P.holdAmount[h]! *= 1 - taken;
    ledger.revalueHolding(h, 'exogenous', from);
  }
  const redeemed = paid / owed;
  for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++) {
    P.issueSupply[k]! -= redeemed * unmodelledSupply(ctx, k);
    ledger.revalueIssue(k, 'exogenous', from);
  }
  P.externalLiabilities[p]! *= 1 - redeemed;
  ledger.revalueExternal(p, 'exogenous', from);
  return paid;
}

/**
 * Stuck holders of p's receipt tokens sell `share` of the unmodelled supply of each on the market: a flow of
 * USD at the market price, moved by the price-impact stage and explained as a `run` price cause from p.
 */
function sellStuck(ctx: RunContext, p: number, share: number): void {
  const P = ctx.s.protocols;
  const A = ctx.s.assets;
  const part = Math.min(1, share);
  for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++) {
    const a = P.issueAsset[k]!;
    const usd = part * unmodelledSupply(ctx, k) * A.price[a]!;
    if (!(usd > 0)) continue;
    A.flow[a]! += usd;
    if (!ctx.keepTrace) continue;
    let bySeller = ctx.runSellers.get(a);
    if (!bySeller) ctx.runSellers.set(a, (bySeller = new Map()));
    bySeller.set(p, (bySeller.get(p) ?? 0) + usd);
  }
}
