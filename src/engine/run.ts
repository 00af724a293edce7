// One run of a scenario on a network: the stages of docs/model.md §3, declared once in step order, run step
// after step, then the result.
import type { Network } from '../model/network';
import type { Scenario } from '../model/parse-scenario';
import type { BreakerParsed } from '../model/schema/scenario';
import { InternalError } from '../model/errors';
import type { SourcedBreaker } from './compile-scenario';
import { createContext, type RunContext, trackMinPrices } from './context';
import { checkLedger } from './ledger-check';
import { recordInitialOwnMarks } from './own-marks';
import type { PreparedNetwork } from './prepared';
import { buildResult, type RunResult } from './result';
import { createAccrualStage } from './stages/accrual';
import { createArbitrageStage } from './stages/arbitrage';
import { createAuctionStage } from './stages/auctions';
import { createBreakerStages } from './stages/breakers';
import { createClearingStage } from './stages/clearing';
import { createDepositorRunStage } from './stages/depositor-runs';
import { createBorrowingStage } from './stages/borrowing';
import { createDefenceStage } from './stages/defences';
import { createEventStage } from './stages/events';
import { createImpactDecayStage } from './stages/impact-decay';
import { createLiquidationStage } from './stages/liquidations';
import { initOracles, createOracleStage } from './stages/oracles';
import { createPegStage } from './stages/pegs';
import { createPerpStage } from './stages/perps';
import { createPriceImpactStage } from './stages/price-impact';
import { createVenueArbitrageStage } from './stages/venue-arbitrage';
import { booksMoving } from './venue-books';
import { createSignalStage, createSignalTrace } from './signal-trace';
import type { Stage, StepBlock } from './stages/stage';

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
  /** The file the extra breakers were read from, named in messages about them. */
  breakersFile?: string;
  /** The scenario's file, named in messages about it. */
  scenarioFile?: string;
  /** Leave out the scenario's own breakers (to compare a run without any). */
  withoutScenarioBreakers?: boolean;
  /** The network's state and ledger built once (`prepareNetwork`), copied instead of built again. */
  prepared?: PreparedNetwork;
  /**
   * Keep only what the summary reads (sweeps, Monte Carlo): no price causes, no price or equity series. The
   * summary is exactly a full run's; only `runSimulation` accepts it (a full result cannot be built from such a run).
   */
  summaryOnly?: boolean;
  /** Keep the early-warning signals of every step (`ctx.signals`, run@1's `signals`; docs/model.md §21). */
  signals?: boolean;
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
  const scenarioFile = options.scenarioFile ?? 'scenario';
  const breakers: SourcedBreaker[] = [
    ...(options.withoutScenarioBreakers ? [] : scenario.breakers).map((def, i) => ({
      def,
      file: scenarioFile,
      at: ['breakers', i],
    })),
    ...(options.extraBreakers ?? []).map((def, i) => ({
      def,
      file: options.breakersFile ?? 'breakers file',
      at: ['breakers', i],
    })),
  ];
  let clock = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - clock;
    clock = now;
    return ms;
  };
  const ctx = createContext(
    network,
    scenario,
    breakers,
    options.prepared,
    !options.summaryOnly,
    scenarioFile,
  );
  initOracles(ctx.s);
  if (options.signals) ctx.signals = createSignalTrace(ctx);
  recordInitialOwnMarks(ctx);
  const run = declareStep(ctx);
  const buildMs = lap();
  const stepsRun = runSteps(ctx, run);
  const stepsMs = lap();
  // Deferred valuation is exact only below a bound on amounts: beyond it, the run is made again booking
  // every change as it happens (the summary is the same either way).
  if (ctx.ledger.outOfRange) return runSimulation(network, scenario, { ...options, summaryOnly: false });
  checkLedger(ctx);
  if (options.timings) Object.assign(options.timings, { buildMs, stepsMs, checkMs: lap() });
  return { ctx, stepsRun };
}

/** The stages of a run in step order, and what the step loop asks of the events stage. */
interface DeclaredStep {
  blocks: readonly StepBlock[];
  events: ReturnType<typeof createEventStage>;
  /** Recording the step's signals, after attribution (only when the run keeps them). */
  signals?: StepBlock;
}

/**
 * One step, in order (docs/model.md §3). Every stage is made here for this run and owns its scratch and
 * state; the ledger closes the step (9. attribution) and the loop decides whether to stop (10).
 */
function declareStep(ctx: RunContext): DeclaredStep {
  const events = createEventStage(ctx);
  const breakers = createBreakerStages(ctx);
  // Without pegged assets the peg stage has nothing to set, and without links nothing to arbitrage.
  const pegs = ctx.s.pegOrder.length > 0 ? createPegStage() : undefined;
  const perps = createPerpStage(ctx);
  // Without any rate curve, debt does not accrue and the stage is left out (docs/model.md §18).
  const accrual = createAccrualStage(ctx);
  const defences = createDefenceStage(ctx);
  const blocks: (StepBlock | undefined)[] = [
    { label: '1. exogenous events', stage: events },
    // Only when some protocol has a depositor-run rule (docs/model.md §19).
    withStage('depositor runs', createDepositorRunStage(ctx)),
    accrual && { label: 'interest accrues', stage: accrual },
    { label: '2. price impact decays', stage: createImpactDecayStage(ctx) },
    { label: '3. oracles', stage: createOracleStage() },
    // Without any breaker, the controls keep their initial values and stage 4 has nothing to do.
    breakers && { label: '4. circuit breakers', stage: breakers.stage },
    // Without dynamic margins or controllers, every market keeps the network's threshold (§20).
    defences && { label: 'dynamic margins and risk controllers', stage: defences },
    // Without a borrow event, no new debt is drawn and the stage is left out (§20.6).
    withStage('new borrowing', createBorrowingStage(ctx)),
    { label: '5. liquidations', stage: createLiquidationStage() },
    // Only a network with an auction rule on some market has auctions to run (docs/model.md §17).
    ctx.s.markets.auction.some((r) => r !== undefined)
      ? { label: '5b. liquidation auctions', stage: createAuctionStage(ctx) }
      : undefined,
    // Perp books: mark, funding, the liquidation waterfall (only when the network has any).
    perps && { label: '5c. perp books', stage: perps },
    { label: '6. price impact of net flows', stage: createPriceImpactStage() },
    // Pegged assets follow this step's moves of their targets before balance sheets are cleared.
    // Only with arbitrage between the venues of an asset priced per venue (docs/model.md §22).
    withStage('6b. arbitrage between venues', createVenueArbitrageStage(ctx)),
    withStage('pegs follow their targets', pegs),
    // Arbitrage trades market prices back into the bands of open conversion links.
    ctx.s.links.n > 0
      ? { label: 'arbitrage across conversion links', stage: createArbitrageStage(ctx) }
      : undefined,
    { label: '7. clearing', stage: createClearingStage(ctx) },
    withStage('8. pegs: the new recoveries, for the next step', pegs),
    breakers && { label: 'breakers: liquidity held back', stage: breakers.chargeFrozenLiquidity },
  ];
  const signals: Stage | undefined = ctx.signals && createSignalStage(ctx.signals);
  return {
    blocks: blocks.filter((b): b is StepBlock => b !== undefined),
    events,
    signals: signals && { label: "signals: the step's early-warning signals", stage: signals },
  };
}

function withStage(label: string, stage: StepBlock['stage'] | undefined): StepBlock | undefined {
  return stage && { label, stage };
}

/** The step loop; returns the number of steps run. */
function runSteps(ctx: RunContext, run: DeclaredStep): number {
  const { scenario, ledger } = ctx;
  const { blocks, events } = run;
  const lastEvent = ctx.compiled.lastEventStep;
  let stepsRun = 0;
  ledger.expectSteps(scenario.horizonSteps);
  for (let t = 0; t < scenario.horizonSteps; t++) {
    ctx.t = t;
    ctx.timeSec = t * scenario.stepSeconds;
    // A step that will end with a price path still in progress counts as moving whatever it books, so a
    // summary-only run needs no attribution of it: its revaluations are deferred and merged.
    const deferring = !ctx.keepTrace && events.pathGoesOn();
    ledger.beginStep(t, deferring);
    for (let i = 0; i < blocks.length; i++) {
      blocks[i]!.stage(ctx);
      trackMinPrices(ctx); // min price and drawdown from end-of-stage prices only
    }
    const booked = ledger.flush(); // 9. attribution
    run.signals?.stage(ctx); // signals read the step as booked
    if (ctx.keepTrace) record(ctx);
    stepsRun = t + 1;
    // 10. stop at the horizon, or once nothing has moved for quietSteps steps and no event is still to come.
    if (booked || moving(ctx, events)) ctx.stats.lastMovedStep = t;
    else if (deferring) throw new InternalError(`step ${t} was taken as moving but did not move`);
    if (scenario.quietSteps > 0 && t > lastEvent && t - ctx.stats.lastMovedStep >= scenario.quietSteps) break;
  }
  return stepsRun;
}

function moving(ctx: RunContext, events: DeclaredStep['events']): boolean {
  const A = ctx.s.assets;
  for (let a = 0; a < A.n; a++) if (A.impact[a] !== 1) return true;
  if (ctx.twap.length > 0 || events.moving() || ctx.s.auctions.size > 0) return true;
  if (ctx.s.venues.n > 0 && booksMoving(ctx.s.venues)) return true;
  const pending = ctx.s.oracles.pending;
  for (let o = 0; o < pending.length; o++) if (pending[o]!.length > 0) return true;
  return false;
}

function record(ctx: RunContext): void {
  ctx.stats.pricePath.push(Float64Array.from(ctx.s.assets.price));
}
