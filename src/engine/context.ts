// Everything one run carries between stages: the state, the ledger, the compiled scenario, the breakers'
// controls and the statistics that the result reports.
import { mapInt32 } from './typed-columns';
import type { Network } from '../model/network';
import type { Scenario } from '../model/parse-scenario';
import { type ChainConditions, normalChain } from './chain';
import { compileScenario, type CompiledScenario, type SourcedBreaker } from './compile-scenario';
import { Ledger } from './ledger';
import { initialAssets, type PreparedNetwork } from './prepared';
import type { SignalTrace } from './signal-trace';
import { buildState, copyState, type EngineState } from './state';
import { trackBookMinPrices } from './venue-books';

/** Per-protocol controls switched by breakers, reset every step. */
export interface Controls {
  pauseLiquidations: Uint8Array;
  pauseBorrowing: Uint8Array;
  pauseWithdrawals: Uint8Array;
  /** Per asset: trading paused. */
  pauseTrading: Uint8Array;
  /** Per protocol: twap steps for seized collateral (0 = sell at once). */
  twapSteps: Int32Array;
  /** Per protocol: index into `capBudgets` of the liquidation cap that applies, or -1. */
  capIndex: Int32Array;
  /** Remaining USD of each active cap this step (a cap is shared by the breaker's scope). */
  capBudgets: number[];
}

/** Seized collateral waiting to be sold over several steps. */
export interface TwapLot {
  protocol: number;
  /** The ledger cause its sales are recorded from: the selling protocol, or the defence that forced them. */
  cause: number;
  asset: number;
  amountPerStep: number;
  stepsLeft: number;
}

/** Why an asset's price moved in a step: exogenous events and sellers, in USD of value change. */
export interface PriceCause {
  step: number;
  asset: number;
  /** Cause id (the ledger's cause table): an event, a selling protocol, an issuer, a conversion source. */
  from: number;
  channel: 'price' | 'liquidation' | 'peg' | 'exogenous' | 'run';
  /** Relative price change contributed (negative for a fall). */
  change: number;
  /** USD of flow behind it, where there was a flow. */
  usd: number;
}

export interface BreakerActivation {
  breaker: string;
  startStep: number;
  endStep: number;
  /** The most liquidity it held back in any one step, USD. */
  liquidityFrozenPeakUsd: number;
}

export interface RunStats {
  liquidatedUsd: Float64Array; // per protocol
  liquidatedUsdByMarket: Float64Array;
  seizedUsdByAsset: Float64Array;
  badDebtUsd: Float64Array; // per protocol
  badDebtUsdByMarket: Float64Array;
  /** Liquidated USD per protocol per step of the current window (ring of the longest window any breaker uses). */
  liquidatedWindow: Float64Array[];
  /** First step each protocol was stressed / insolvent, -1 if never. */
  firstStressed: Int32Array;
  firstInsolvent: Int32Array;
  /** First step a protocol's only loss past the status thresholds was a paper loss (§16), -1 if never. */
  firstPaperLoss: Int32Array;
  /** Per protocol: equity at its own marks minus equity at market prices at the start (§16). */
  ownMarkGap0: Float64Array;
  /** Per protocol: USD of losses passed to its users by its own rules (auto-deleveraging), added by the stage that does it (§16). */
  socializedLossUsd: Float64Array;
  /**
   * Within that step, the clearing round that reached the status: 0 on the protocol's own losses before any
   * claim was marked down, 1 on claims marked down in that step's clearing (docs/model.md §3.7).
   */
  firstStressedRound: Uint8Array;
  firstInsolventRound: Uint8Array;
  status: Uint8Array;
  /** Market price of every asset after every step: pricePath[t][a]. */
  pricePath: Float64Array[];
  causes: PriceCause[];
  activations: BreakerActivation[];
  /** This step: liquidations skipped because they did not pay the liquidator, in USD of debt. */
  unprofitableStepUsd: number;
  /** This step: liquidations held back by keeper capacity or caps, in USD of debt. */
  throttledStepUsd: number;
  /** The largest of those in any one step (the same debt is met again step after step, so no sum is kept). */
  unprofitablePeakUsd: number;
  throttledPeakUsd: number;
  /** The most liquidity all breakers held back together in any one step, USD. */
  liquidityFrozenPeakUsd: number;
  /** Liquidation auctions per market (docs/model.md §17). */
  auctions: AuctionStats;
  lastMovedStep: number;
  /** Depositor runs per protocol (docs/model.md §19): USD asked to withdraw, paid out, and stuck now. */
  runRequestedUsd: Float64Array;
  runPaidUsd: Float64Array;
  runStuckUsd: Float64Array;
}

/** Per market: what its liquidation auctions did over the run (closed auctions; counts in lots). */
export interface AuctionStats {
  started: Float64Array;
  closed: Float64Array;
  /** Closed with nothing paid for the collateral. */
  zeroBid: Float64Array;
  /** What keepers paid, USD at the debt's market price when paid. */
  proceedsUsd: Float64Array;
  /** Debt the auctions did not recover, USD (at par for the protocol's own token, as bad debt is counted). */
  shortfallUsd: Float64Array;
  /** The winning keepers' gain: collateral at market after costs, less what they paid, USD. */
  keeperProfitUsd: Float64Array;
}

/**
 * Dynamic margins and risk controllers (docs/model.md §20): the network's own thresholds, who set each market's
 * live threshold, and what each defence did. Defences are numbered margins first, then controllers.
 */
export interface DefenceState {
  /** Per market: the network's liquidation threshold and loan-to-value. */
  baseThreshold: Float64Array;
  baseLoanToValue: Float64Array;
  /** Per market: the defence whose threshold below the base holds this step, or -1. */
  setter: Int32Array;
  /** Per defence: its id, kind and ledger cause (`margins:<id>` or `controller:<id>`). */
  ids: string[];
  kinds: ('dynamic-margin' | 'controller')[];
  cause: Int32Array;
  /** Per defence: USD of debt repaid by liquidations only its tightening made possible. */
  forcedLiquidatedUsd: Float64Array;
  /** Per defence: steps in which it changed a threshold, and the lowest threshold it set. */
  updates: Int32Array;
  lowestThreshold: Float64Array;
  /** Per market: the caps the controllers set this step, units of its debt and collateral (Infinity: none). */
  borrowCap: Float64Array;
  supplyCap: Float64Array;
  /** Per market: the defence whose `pause-market` action holds it this step, or -1. */
  pausedBy: Int32Array;
  /** Per defence: steps in which one of its rules' actions was in force. */
  actionSteps: Int32Array;
}

export const STATUS_HEALTHY = 0;
/** Short or stressed at market prices only: the protocol's own marks (its oracles) see no such loss (§16). */
export const STATUS_PAPER_LOSS = 1;
export const STATUS_STRESSED = 2;
export const STATUS_INSOLVENT = 3;

export interface RunContext {
  network: Network;
  scenario: Scenario;
  /** The scenario and breakers with every id resolved to an index. */
  compiled: CompiledScenario;
  s: EngineState;
  ledger: Ledger;
  t: number;
  timeSec: number;
  /** This step's chain conditions (docs/model.md §17.1): normal unless a chain event is in force. The first
   * chain's (the only one of a network without `chains`): the same object as `chains[0]`. */
  chain: ChainConditions;
  /** This step's conditions per chain (docs/model.md §23.2), by chain index. */
  chains: ChainConditions[];
  /** Per chain: 1 when a block of it lands in this step (docs/model.md §23.1). */
  blockNow: Uint8Array;
  controls: Controls;
  twap: TwapLot[];
  /** Flows of paused assets, released when trading resumes. */
  heldFlow: Float64Array;
  /** Withdrawals waiting for a pause to end, USD per protocol. */
  pendingRuns: Float64Array;
  /** Per protocol: assets at initial prices (USD), the denominator of loss ratios. */
  initialAssetsUsd: Float64Array;
  /** Per protocol: USD of liquidatable debt held back this step by a pause or a cap. */
  heldBackUsd: Float64Array;
  /** Per asset: USD sold this step, by the ledger cause of the sale (the selling protocol, or a defence). */
  sellers: Map<number, Map<number, number>>;
  /**
   * Per protocol: the factor on its recovery that prices its tokens while withdrawals are stuck, exp(-r x delay)
   * (docs/model.md §19); 1 otherwise.
   */
  redemptionFactor: Float64Array;
  /** Per asset: USD of receipt tokens sold this step by the stuck depositors of their issuer, by issuer. */
  runSellers: Map<number, Map<number, number>>;
  /** Dynamic margins and risk controllers. */
  defences: DefenceState;
  stats: RunStats;
  /**
   * Whether the run keeps what only the full result reads: price causes (realised paths) and the price and
   * equity series. A summary-only run leaves them out; everything else, the ledger included, is the same.
   */
  keepTrace: boolean;
  /** The run's early-warning signals step by step, when asked for (docs/model.md §21). */
  signals?: SignalTrace;
}

/**
 * A run context at step 0. With `prepared` (built once for this network and step length), the state and the
 * ledger are copies of its pristine ones instead of being built again; the context is the same either way.
 */
export function createContext(
  network: Network,
  scenario: Scenario,
  breakers: readonly SourcedBreaker[],
  prepared?: PreparedNetwork,
  keepTrace = true,
  scenarioFile?: string,
): RunContext {
  const reuse =
    prepared !== undefined && prepared.network === network && prepared.stepSeconds === scenario.stepSeconds;
  const s = reuse ? copyState(prepared.state) : buildState(network, scenario);
  const ledger = reuse
    ? prepared.ledger.copyFor(s, scenario.events.length)
    : new Ledger(s, scenario.events.length);
  // A summary-only run reads no rows: they are folded into per-protocol sums step by step.
  if (!keepTrace) ledger.foldRows();
  const nP = s.protocols.n;
  const nA = s.assets.n;
  const compiled = compileScenario(s, scenario, breakers, scenarioFile);
  const window = compiled.liquidationWindowSteps;
  const { margins, controllers } = compiled.defences;
  const defenceIds = [...margins.map((d) => d.id), ...controllers.map((c) => c.id)];
  const defenceKinds = [
    ...margins.map(() => 'dynamic-margin' as const),
    ...controllers.map(() => 'controller' as const),
  ];
  const defences: DefenceState = {
    baseThreshold: Float64Array.from(s.markets.liquidationThreshold),
    baseLoanToValue: Float64Array.from(s.markets.loanToValue),
    setter: new Int32Array(s.markets.n).fill(-1),
    ids: defenceIds,
    kinds: defenceKinds,
    cause: mapInt32(defenceIds, (id, d) =>
      ledger.addCause(`${defenceKinds[d] === 'controller' ? 'controller' : 'margins'}:${id}`),
    ),
    forcedLiquidatedUsd: new Float64Array(defenceIds.length),
    updates: new Int32Array(defenceIds.length),
    lowestThreshold: new Float64Array(defenceIds.length).fill(Infinity),
    borrowCap: new Float64Array(s.markets.n).fill(Infinity),
    supplyCap: new Float64Array(s.markets.n).fill(Infinity),
    pausedBy: new Int32Array(s.markets.n).fill(-1),
    actionSteps: new Int32Array(defenceIds.length),
  };
  const chains = Array.from({ length: s.chains.n }, normalChain);
  return {
    network,
    scenario,
    compiled,
    s,
    ledger,
    t: 0,
    timeSec: 0,
    chain: chains[0]!,
    chains,
    blockNow: new Uint8Array(s.chains.n).fill(1),
    controls: {
      pauseLiquidations: new Uint8Array(nP),
      pauseBorrowing: new Uint8Array(nP),
      pauseWithdrawals: new Uint8Array(nP),
      pauseTrading: new Uint8Array(nA),
      twapSteps: new Int32Array(nP),
      capIndex: new Int32Array(nP).fill(-1),
      capBudgets: [],
    },
    twap: [],
    heldFlow: new Float64Array(nA),
    pendingRuns: new Float64Array(nP),
    heldBackUsd: new Float64Array(nP),
    initialAssetsUsd: reuse ? prepared.initialAssetsUsd : initialAssets(ledger, s),
    sellers: new Map(),
    runSellers: new Map(),
    redemptionFactor: new Float64Array(nP).fill(1),
    defences,
    stats: {
      liquidatedUsd: new Float64Array(nP),
      liquidatedUsdByMarket: new Float64Array(s.markets.n),
      seizedUsdByAsset: new Float64Array(nA),
      badDebtUsd: new Float64Array(nP),
      badDebtUsdByMarket: new Float64Array(s.markets.n),
      liquidatedWindow: Array.from({ length: window }, () => new Float64Array(nP)),
      firstStressed: new Int32Array(nP).fill(-1),
      firstInsolvent: new Int32Array(nP).fill(-1),
      firstPaperLoss: new Int32Array(nP).fill(-1),
      ownMarkGap0: new Float64Array(nP),
      socializedLossUsd: new Float64Array(nP),
      firstStressedRound: new Uint8Array(nP),
      firstInsolventRound: new Uint8Array(nP),
      status: new Uint8Array(nP),
      pricePath: [],
      causes: [],
      activations: [],
      unprofitableStepUsd: 0,
      throttledStepUsd: 0,
      unprofitablePeakUsd: 0,
      throttledPeakUsd: 0,
      liquidityFrozenPeakUsd: 0,
      auctions: {
        started: new Float64Array(s.markets.n),
        closed: new Float64Array(s.markets.n),
        zeroBid: new Float64Array(s.markets.n),
        proceedsUsd: new Float64Array(s.markets.n),
        shortfallUsd: new Float64Array(s.markets.n),
        keeperProfitUsd: new Float64Array(s.markets.n),
      },
      lastMovedStep: 0,
      runRequestedUsd: new Float64Array(nP),
      runPaidUsd: new Float64Array(nP),
      runStuckUsd: new Float64Array(nP),
    },
    keepTrace,
  };
}

/** Sets an asset's market price from its fundamental and impact. */
export function setPrice(ctx: RunContext, a: number): void {
  const A = ctx.s.assets;
  A.price[a] = A.fundamental[a]! * A.impact[a]!;
}

/**
 * Lowers each asset's lowest price to its price now. Called at the end of every stage, so prices a stage sets
 * on its way (a peg before its bound holds) never count, only those a stage leaves.
 */
export function trackMinPrices(ctx: RunContext): void {
  const A = ctx.s.assets;
  const price = A.price;
  const min = A.minPrice;
  for (let a = 0; a < A.n; a++) if (price[a]! < min[a]!) min[a] = price[a]!;
  if (ctx.s.venues.n > 0) trackBookMinPrices(ctx.s.venues, A.fundamental, A.impact);
}
