// One run of a scenario on a network: the ten stages of MODEL.md §3, step after step, then the result.
import type { Network } from '../model/network';
import type { Scenario } from '../model/parse-scenario';
import type { BreakerParsed } from '../model/schema/scenario';
import { InternalError } from '../model/errors';
import { applyEvents, pathGoesOn } from './stages/events';
import { decayImpact } from './stages/impact-decay';
import { initOracles, updateOracles } from './stages/oracles';
import { createBreakers, makeBreakerStage, type BreakerRuntime } from './stages/breakers';
import { liquidate } from './stages/liquidations';
import { applyPriceImpact } from './stages/price-impact';
import { clear } from './stages/clearing';
import { createPegStage } from './stages/pegs';
import { createContext, type RunContext } from './context';
import { checkLedger } from './ledger-check';
import type { PreparedNetwork } from './prepared';
import { buildResult, type RunResult } from './result';

/** Wall-clock phases of a run, filled in when asked for (benchmarks). */
export interface RunTimings {
  buildMs: number;
  stepsMs: number;
  checkMs: number;
}

export interface RunOptions {
  /** Filled with the time of each phase. */
  timings?: RunTimings;
  /** Breakers added to the scenario's own (e.g. from a breakers file). */
  extraBreakers?: readonly BreakerParsed[];
  /** Leave out the scenario's own breakers (to compare a run without any). */
  withoutScenarioBreakers?: boolean;
  /** The network's state and ledger built once (`prepareNetwork`), copied instead of built again. */
  prepared?: PreparedNetwork;
  /**
   * Keep only what the summary reads (sweeps, Monte Carlo): no price causes, no price or equity series. The
   * summary is exactly a full run's; only `step` accepts it (a full result cannot be built from such a run).
   */
  summaryOnly?: boolean;
}

/** Runs a validated scenario on a validated network. Deterministic: same inputs, same result. */
export function runScenario(network: Network, scenario: Scenario, options: RunOptions = {}): RunResult {
  return simulate(network, scenario, options).result;
}

/** Runs a scenario and returns the final run context with the result (for inspection and tests). */
export function simulate(
  network: Network,
  scenario: Scenario,
  options: RunOptions = {},
): { ctx: RunContext; result: RunResult } {
  const { ctx, stepsRun } = runSimulation(network, scenario, options);
  return { ctx, result: buildResult(ctx, stepsRun) };
}

/** The steps of a run, up to the reconciled ledger, without assembling the result. */
export function runSimulation(
  network: Network,
  scenario: Scenario,
  options: RunOptions = {},
): { ctx: RunContext; stepsRun: number } {
  const breakers = [
    ...(options.withoutScenarioBreakers ? [] : scenario.breakers),
    ...(options.extraBreakers ?? []),
  ];
  let clock = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - clock;
    clock = now;
    return ms;
  };
  const ctx = createContext(network, scenario, breakers, options.prepared, !options.summaryOnly);
  initOracles(ctx.s);
  const runtimes = createBreakers(ctx);
  const lastEvent = Math.max(
    ...scenario.events.map((e) => e.atStep + ('durationSteps' in e && e.durationSteps ? e.durationSteps : 0)),
  );
  const buildMs = lap();
  const stepsRun = runSteps(ctx, runtimes, lastEvent);
  const stepsMs = lap();
  // Deferred valuation is exact only below a bound on amounts: beyond it, the run is made again booking
  // every change as it happens (the summary is the same either way).
  if (ctx.ledger.outOfRange) return runSimulation(network, scenario, { ...options, summaryOnly: false });
  checkLedger(ctx);
  if (options.timings) Object.assign(options.timings, { buildMs, stepsMs, checkMs: lap() });
  return { ctx, stepsRun };
}

/** The step loop, the stages of MODEL.md §3 in order; returns the number of steps run. */
function runSteps(ctx: RunContext, runtimes: BreakerRuntime[], lastEvent: number): number {
  const { scenario, ledger } = ctx;
  // Without any breaker, the controls keep their initial values and stage 4 has nothing to do.
  const breakerStage = runtimes.length > 0 ? makeBreakerStage(runtimes) : undefined;
  const pegs = createPegStage();
  let stepsRun = 0;
  for (let t = 0; t < scenario.horizonSteps; t++) {
    ctx.t = t;
    ctx.timeSec = t * scenario.stepSeconds;
    ledger.step = t;
    // A step that will end with a price path still in progress counts as moving whatever it books, so a
    // summary-only run needs no attribution of it: its revaluations are deferred and merged.
    const deferring = !ctx.keepTrace && pathGoesOn(ctx);
    ledger.deferring = deferring;
    applyEvents(ctx); // 1. exogenous events
    decayImpact(ctx); // 2. prices: impact decays
    updateOracles(ctx); // 3. oracles
    if (breakerStage) breakerStage(ctx); // 4. circuit breakers
    liquidate(ctx); // 5. liquidations
    applyPriceImpact(ctx); // 6. price impact of net flows
    pegs(ctx); // pegged assets follow this step's moves of their targets before balance sheets are cleared
    clear(ctx); // 7. clearing
    pegs(ctx); // 8. pegs: the new recoveries, for the next step
    if (runtimes.length > 0) chargeFrozenLiquidity(ctx, runtimes);
    const booked = ledger.flush(); // 9. attribution
    ledger.deferring = false;
    if (ctx.keepTrace) record(ctx);
    stepsRun = t + 1;
    // 10. stop at the horizon, or once nothing has moved for quietSteps steps and no event is still to come.
    if (booked || moving(ctx)) ctx.stats.lastMovedStep = t;
    else if (deferring) throw new InternalError(`step ${t} was taken as moving but did not move`);
    if (scenario.quietSteps > 0 && t > lastEvent && t - ctx.stats.lastMovedStep >= scenario.quietSteps) break;
  }
  return stepsRun;
}

function moving(ctx: RunContext): boolean {
  const A = ctx.s.assets;
  for (let a = 0; a < A.n; a++) if (A.impact[a] !== 1) return true;
  if (ctx.twap.length > 0 || ctx.pathsInProgress.size > 0) return true;
  const pending = ctx.s.oracles.pending;
  for (let o = 0; o < pending.length; o++) if (pending[o]!.length > 0) return true;
  return false;
}

function record(ctx: RunContext): void {
  ctx.stats.pricePath.push(Float64Array.from(ctx.s.assets.price));
  ctx.stats.equityPathCents.push(Float64Array.from(ctx.ledger.equityCents));
}

/**
 * The cost of breakers on now, in USD x steps of liquidity held back: liquidatable debt a pause or a cap
 * held back, deposits a withdrawal pause froze, flows a trading pause held, seized collateral a twap has
 * not sold yet, and idle reserves a borrowing pause froze.
 */
function chargeFrozenLiquidity(ctx: RunContext, runtimes: readonly BreakerRuntime[]): void {
  const { s, ledger } = ctx;
  for (const b of runtimes) {
    if (ctx.t >= b.activeUntil || b.activation < 0) continue;
    let usd = 0;
    for (const action of b.def.actions) {
      for (const p of b.scope) {
        switch (action.kind) {
          case 'pause-liquidations':
          case 'cap-liquidations':
            usd += ctx.heldBackUsd[p]!;
            break;
          case 'pause-withdrawals':
            usd += s.protocols.externalLiabilities[p]! + s.protocols.claimsOn[p]!;
            break;
          case 'pause-borrowing':
            if (ledger.marketsBy[p]!.length > 0) {
              for (let h = s.protocols.holdStart[p]!; h < s.protocols.holdStart[p + 1]!; h++)
                usd += ledger.holdingValue(h);
            }
            break;
          case 'twap':
            for (const lot of ctx.twap)
              if (lot.protocol === p) usd += lot.amountPerStep * lot.stepsLeft * s.assets.price[lot.asset]!;
            break;
          default:
            break;
        }
      }
      if (action.kind === 'pause-trading') {
        for (let a = 0; a < s.assets.n; a++) usd += Math.abs(ctx.heldFlow[a]!);
      }
    }
    ctx.stats.activations[b.activation]!.liquidityFrozenUsdSteps += usd;
  }
}
