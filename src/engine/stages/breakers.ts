// Stage 4: circuit breakers (MODEL.md §4) evaluate their triggers on the state so far and switch actions.
import type { BreakerParsed } from '../../model/schema/scenario';
import { type RunContext, STATUS_INSOLVENT, STATUS_STRESSED } from '../context';
import type { Stage } from './stage';

/** The live state of one breaker during a run. */
export interface BreakerRuntime {
  def: BreakerParsed;
  scope: number[];
  /** Active for steps < activeUntil; can fire again from armedAt. */
  activeUntil: number;
  armedAt: number;
  activation: number;
  /** Recent market prices of a drawdown trigger's asset. */
  history: number[];
  /** Oracles read by the markets in scope. */
  readOracles: number[];
}

export function createBreakers(ctx: RunContext): BreakerRuntime[] {
  const all = ctx.s.names.protocols.map((_, i) => i);
  return ctx.breakers.map((def) => {
    const scope =
      def.scope === 'all'
        ? all
        : def.scope.protocols.map((id) => ctx.s.names.protocols.indexOf(id)).sort((a, b) => a - b);
    return {
      def,
      scope,
      activeUntil: -1,
      armedAt: 0,
      activation: -1,
      history: [],
      readOracles: oraclesReadBy(ctx, scope),
    };
  });
}

function triggered(ctx: RunContext, b: BreakerRuntime): boolean {
  const assets0 = ctx.initialAssetsUsd;
  const { s, ledger, stats } = ctx;
  const t = b.def.trigger;
  const inScope = (pick: string) => (pick === 'any' ? b.scope : [s.names.protocols.indexOf(pick)]);
  const loss = (p: number) => (ledger.initialEquityCents[p]! - ledger.equityCents[p]!) / 100;
  switch (t.kind) {
    case 'drawdown': {
      const a = s.names.assets.indexOf(t.asset);
      b.history.push(s.assets.price[a]!);
      if (b.history.length > t.windowSteps) b.history.shift();
      const high = Math.max(...b.history);
      return high > 0 && 1 - s.assets.price[a]! / high >= t.threshold;
    }
    case 'oracle-deviation': {
      const oracles = t.oracle === 'any' ? b.readOracles : [s.names.oracles.indexOf(t.oracle)];
      return oracles.some((o) => {
        const p = s.assets.price[s.oracles.asset[o]!]!;
        return p > 0 && Math.abs(s.oracles.reading[o]! - p) / p >= t.threshold;
      });
    }
    case 'bad-debt':
      return inScope(t.protocol).some(
        (p) => stats.badDebtUsd[p]! >= t.thresholdUsd.toNumber() && stats.badDebtUsd[p]! > 0,
      );
    case 'loss-ratio':
      return inScope(t.protocol).some(
        (p) => assets0[p]! > 0 && loss(p) / assets0[p]! >= t.threshold && loss(p) > 0,
      );
    case 'failures': {
      const level = t.status === 'insolvent' ? STATUS_INSOLVENT : STATUS_STRESSED;
      return b.scope.filter((p) => stats.status[p]! >= level).length >= t.count;
    }
    case 'insurance-depletion':
      return inScope(t.protocol).some((p) => {
        const fund = s.protocols.insuranceFund[p]!;
        return fund > 0 && loss(p) > 0 && Math.min(1, loss(p) / fund) >= t.threshold;
      });
    case 'liquidation-volume': {
      const rows = stats.liquidatedWindow.slice(-t.windowSteps);
      let total = 0;
      for (const row of rows) for (const p of b.scope) total += row[p]!;
      return total >= t.thresholdUsd.toNumber() && total > 0;
    }
  }
}

/** Oracles read by the markets of the given protocols. */
export function oraclesReadBy(ctx: RunContext, protocols: readonly number[]): number[] {
  const M = ctx.s.markets;
  const set = new Set<number>();
  const want = new Set(protocols);
  for (let m = 0; m < M.n; m++) {
    if (!want.has(M.protocol[m]!)) continue;
    set.add(M.collateralOracle[m]!);
    set.add(M.debtOracle[m]!);
  }
  return [...set].sort((a, b) => a - b);
}

export function makeBreakerStage(runtimes: BreakerRuntime[]): Stage {
  return (ctx) => {
    ctx.ledger.sync(); // triggers read equity
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
    for (const b of runtimes) {
      const fires = triggered(ctx, b);
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
          liquidityFrozenUsdSteps: 0,
        });
      }
      if (ctx.t < b.activeUntil) applyActions(ctx, b);
    }
  };
}

function applyActions(ctx: RunContext, b: BreakerRuntime): void {
  const c = ctx.controls;
  const { s } = ctx;
  for (const a of b.def.actions) {
    switch (a.kind) {
      case 'pause-liquidations':
        for (const p of b.scope) c.pauseLiquidations[p] = 1;
        break;
      case 'pause-borrowing':
        for (const p of b.scope) c.pauseBorrowing[p] = 1;
        break;
      case 'pause-withdrawals':
        for (const p of b.scope) c.pauseWithdrawals[p] = 1;
        break;
      case 'pause-trading':
        if (a.asset !== undefined) c.pauseTrading[s.names.assets.indexOf(a.asset)] = 1;
        else c.pauseTrading.fill(1);
        break;
      case 'cap-liquidations': {
        const index = c.capBudgets.length;
        c.capBudgets.push(a.maxUsdPerStep.toNumber());
        for (const p of b.scope) c.capIndex[p] = index;
        break;
      }
      case 'twap':
        for (const p of b.scope) c.twapSteps[p] = Math.max(c.twapSteps[p]!, a.steps);
        break;
      case 'freeze-oracle': {
        // Frozen at its last good value: the reading it had when the breaker fired stays.
        const list = a.oracle === 'all' ? b.readOracles : [s.names.oracles.indexOf(a.oracle)];
        for (const o of list) s.oracles.frozenByBreaker[o] = 1;
        break;
      }
    }
  }
}
