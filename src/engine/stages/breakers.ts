// Stage 4: circuit breakers (docs/model.md §4) evaluate their triggers on the state so far and switch actions;
// at the end of the step, the liquidity each breaker on holds back is charged to its activation.
import { type CompiledBreaker, unhandled } from '../compile-scenario';
import { type RunContext, STATUS_INSOLVENT, STATUS_STRESSED } from '../context';
import { KIND_INDEX, SignalBook } from '../signals';
import { PEG_USD } from '../state';
import type { Stage } from './stage';

/** The live state of one breaker during a run. */
interface BreakerRuntime {
  def: CompiledBreaker;
  /** Active for steps < activeUntil; can fire again from armedAt. */
  activeUntil: number;
  armedAt: number;
  activation: number;
  /** Recent market prices of a drawdown trigger's asset; a bridge-outflow trigger's escrow holdings. */
  history: number[];
}

/** The breakers of a run: the stage that switches them, and the charge of what they hold back. */
export interface BreakerStages {
  stage: Stage;
  chargeFrozenLiquidity: Stage;
}

/** The breaker stages of a run, or undefined when it has no breaker (the controls keep their initial values). */
export function createBreakerStages(ctx: RunContext): BreakerStages | undefined {
  // Signal triggers read one book, evaluated once per step on the state after the oracles.
  const book = ctx.compiled.breakers.some((b) => b.trigger.kind === 'signal')
    ? new SignalBook(ctx.s)
    : undefined;
  const runtimes: BreakerRuntime[] = ctx.compiled.breakers.map((def) => ({
    def,
    activeUntil: -1,
    armedAt: 0,
    activation: -1,
    // An outflow is measured from the holding before the first step (an exploit at step 0 is seen).
    history: def.trigger.kind === 'bridge-outflow' ? [escrowHolding(ctx, def.trigger.holding)] : [],
  }));
  if (runtimes.length === 0) return undefined;
  return {
    stage: (ctx) => switchBreakers(ctx, runtimes, book),
    chargeFrozenLiquidity: (ctx) => chargeFrozenLiquidity(ctx, runtimes),
  };
}

function switchBreakers(ctx: RunContext, runtimes: readonly BreakerRuntime[], book?: SignalBook): void {
  ctx.ledger.sync(); // triggers read equity
  book?.evaluate(ctx);
  const c = ctx.controls;
  const O = ctx.s.oracles;
  c.pauseLiquidations.fill(0);
  c.pauseBorrowing.fill(0);
  c.pauseWithdrawals.fill(0);
  c.pauseTrading.fill(0);
  c.twapSteps.fill(0);
  c.capIndex.fill(-1);
  c.capBudgets = [];
  O.frozenByBreaker.fill(0);
  ctx.s.links.haltedByBreaker.fill(0);
  for (const b of runtimes) {
    const fires = triggered(ctx, b, book);
    if (ctx.t >= b.activeUntil && b.activation >= 0) {
      ctx.stats.activations[b.activation]!.endStep = b.activeUntil;
      b.activation = -1;
    }
    if (fires && ctx.t >= b.armedAt && ctx.t >= b.activeUntil) {
      b.activeUntil = ctx.t + b.def.durationSteps;
      b.armedAt = b.activeUntil + b.def.cooldownSteps;
      b.activation = ctx.stats.activations.length;
      ctx.stats.activations.push({
        breaker: b.def.id,
        startStep: ctx.t,
        endStep: b.activeUntil,
        liquidityFrozenPeakUsd: 0,
      });
    }
    if (ctx.t < b.activeUntil) applyActions(ctx, b);
  }
}

function triggered(ctx: RunContext, b: BreakerRuntime, book: SignalBook | undefined): boolean {
  const assets0 = ctx.initialAssetsUsd;
  const { s, ledger, stats } = ctx;
  const t = b.def.trigger;
  const loss = (p: number) => (ledger.initialEquityCents[p]! - ledger.equityCents[p]!) / 100;
  switch (t.kind) {
    case 'drawdown': {
      b.history.push(s.assets.price[t.asset]!);
      if (b.history.length > t.windowSteps) b.history.shift();
      // A loop, not Math.max(...history): a long window would overflow the call stack.
      let high = -Infinity;
      for (const price of b.history) if (price > high) high = price;
      return high > 0 && 1 - s.assets.price[t.asset]! / high >= t.threshold;
    }
    case 'oracle-deviation':
      return t.oracles.some((o) => {
        const p = s.assets.price[s.oracles.asset[o]!]!;
        return p > 0 && Math.abs(s.oracles.reading[o]! - p) / p >= t.threshold;
      });
    case 'bad-debt':
      return t.protocols.some((p) => stats.badDebtUsd[p]! >= t.thresholdUsd && stats.badDebtUsd[p]! > 0);
    case 'loss-ratio':
      return t.protocols.some((p) => assets0[p]! > 0 && loss(p) / assets0[p]! >= t.threshold && loss(p) > 0);
    case 'failures': {
      const level = t.insolventOnly ? STATUS_INSOLVENT : STATUS_STRESSED;
      return b.def.scope.filter((p) => stats.status[p]! >= level).length >= t.count;
    }
    case 'insurance-depletion':
      return t.protocols.some((p) => {
        const fund = s.protocols.insuranceFund[p]!;
        return fund > 0 && loss(p) > 0 && Math.min(1, loss(p) / fund) >= t.threshold;
      });
    case 'signal': {
      const values = book!.byProtocol;
      const row = KIND_INDEX[t.signal] * book!.protocols;
      return t.protocols.some((p) => values[row + p]! >= t.threshold && values[row + p]! > 0);
    }
    case 'liquidation-volume': {
      const rows = stats.liquidatedWindow.slice(-t.windowSteps);
      let total = 0;
      for (const row of rows) for (const p of b.def.scope) total += row[p]!;
      return total >= t.thresholdUsd && total > 0;
    }
    case 'bridge-outflow': {
      const now = escrowHolding(ctx, t.holding);
      b.history.push(now);
      if (b.history.length > t.windowSteps + 1) b.history.shift();
      const out = b.history[0]! - now;
      if (!(out > 0)) return false;
      if (t.thresholdShare !== undefined) return out / b.history[0]! >= t.thresholdShare;
      return out * s.assets.price[t.canonical]! >= t.thresholdUsd!;
    }
    case 'depeg': {
      const A = s.assets;
      const target = A.pegTarget[t.asset]!;
      const par = A.pegRate[t.asset]! * (target === PEG_USD ? 1 : A.price[target]!);
      return par > 0 && 1 - A.price[t.asset]! / par >= t.threshold;
    }
    default:
      return unhandled(t);
  }
}

/** Units of the canonical an escrow holds now (0 when it holds none). */
function escrowHolding(ctx: RunContext, h: number): number {
  return h < 0 ? 0 : ctx.s.protocols.holdAmount[h]!;
}

function applyActions(ctx: RunContext, b: BreakerRuntime): void {
  const c = ctx.controls;
  const { s } = ctx;
  const scope = b.def.scope;
  // A chain or bridge scope halts the conversion links run there while it is on (docs/model.md §24).
  for (const k of b.def.links) s.links.haltedByBreaker[k] = 1;
  for (const a of b.def.actions) {
    switch (a.kind) {
      case 'pause-liquidations':
        for (const p of scope) c.pauseLiquidations[p] = 1;
        break;
      case 'pause-borrowing':
        for (const p of scope) c.pauseBorrowing[p] = 1;
        break;
      case 'pause-withdrawals':
        for (const p of scope) c.pauseWithdrawals[p] = 1;
        break;
      case 'pause-trading':
        if (a.asset >= 0) c.pauseTrading[a.asset] = 1;
        else c.pauseTrading.fill(1);
        break;
      case 'cap-liquidations': {
        const index = c.capBudgets.length;
        c.capBudgets.push(a.maxUsdPerStep);
        for (const p of scope) c.capIndex[p] = index;
        break;
      }
      case 'twap':
        for (const p of scope) c.twapSteps[p] = Math.max(c.twapSteps[p]!, a.steps);
        break;
      case 'freeze-oracle':
        // Frozen at its last good value: the reading it had when the breaker fired stays.
        for (const o of a.oracles) s.oracles.frozenByBreaker[o] = 1;
        break;
      default:
        unhandled(a);
    }
  }
}

/**
 * The cost of breakers on now, in USD of liquidity held back this step: liquidatable debt a pause or a cap
 * held back, deposits a withdrawal pause froze, flows a trading pause held, seized collateral a twap has not
 * sold yet, and idle reserves a borrowing pause froze. Each activation keeps its largest single step, the run
 * the largest step of all breakers together (a sum over steps would count the same liquidity again each step).
 */
function chargeFrozenLiquidity(ctx: RunContext, runtimes: readonly BreakerRuntime[]): void {
  const { s, ledger } = ctx;
  let stepUsd = 0;
  for (const b of runtimes) {
    if (ctx.t >= b.activeUntil || b.activation < 0) continue;
    let usd = 0;
    for (const action of b.def.actions) {
      switch (action.kind) {
        case 'pause-liquidations':
        case 'cap-liquidations':
          for (const p of b.def.scope) usd += ctx.heldBackUsd[p]!;
          break;
        case 'pause-withdrawals':
          for (const p of b.def.scope) usd += s.protocols.externalLiabilities[p]! + s.protocols.claimsOn[p]!;
          break;
        case 'pause-borrowing':
          for (const p of b.def.scope) {
            if (ledger.marketsBy[p]!.length > 0) {
              for (let h = s.protocols.holdStart[p]!; h < s.protocols.holdStart[p + 1]!; h++)
                usd += ledger.holdingValue(h);
            }
          }
          break;
        case 'twap':
          for (const p of b.def.scope)
            for (const lot of ctx.twap)
              if (lot.protocol === p) usd += lot.amountPerStep * lot.stepsLeft * s.assets.price[lot.asset]!;
          break;
        case 'pause-trading':
          for (let a = 0; a < s.assets.n; a++) usd += Math.abs(ctx.heldFlow[a]!);
          break;
        case 'freeze-oracle':
          break; // holds no liquidity back
        default:
          unhandled(action);
      }
    }
    const activation = ctx.stats.activations[b.activation]!;
    if (usd > activation.liquidityFrozenPeakUsd) activation.liquidityFrozenPeakUsd = usd;
    stepUsd += usd;
  }
  if (stepUsd > ctx.stats.liquidityFrozenPeakUsd) ctx.stats.liquidityFrozenPeakUsd = stepUsd;
}
