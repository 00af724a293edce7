// Stage 4b: dynamic margins and risk controllers (docs/model.md §20). After the oracles and breakers, before the
// liquidations: each dynamic margin follows an EWMA of its market's oracle returns, each controller reads its
// (possibly failing) signal and applies its rules; the market's live threshold and loan-to-value are set.
import { mapFloat64 } from '../typed-columns';
import prand from 'pure-rand';
import type { CompiledController, CompiledMargin, CompiledRule } from '../compile-defences';
import { unhandled } from '../compile-scenario';
import type { RunContext } from '../context';
import type { Stage } from './stage';

/** The live state of one dynamic margin. */
interface MarginRuntime {
  def: CompiledMargin;
  /** EWMA variance of the oracle ratio's log returns, per step. */
  variance: number;
  /** Collateral over debt reading at the last step. */
  lastRatio: number;
  /** Thresholds computed and not yet in effect, oldest first (the lag). */
  queue: number[];
  /** Threshold in effect, or NaN before the first one is due. */
  inEffect: number;
}

/** The live state of one controller. */
interface ControllerRuntime {
  def: CompiledController;
  /** Inputs it received at each step (its own view of the oracle, after stale and manipulated inputs). */
  inputs: number[];
  /** Inputs it used at each step (after lag and noise): a drawdown's window. */
  used: number[];
  /** The reading a stale input stays at. */
  staleValue: number;
  /** The last input used, for the returns of a volatility signal. */
  lastUsed: number;
  variance: number;
  /** Thresholds it has set, per market of its list (the network's own until it acts). */
  current: Float64Array;
  lastUpdate: number;
  rng: prand.RandomGenerator;
  /** Links its actions hold suspended, with the open flag each had before. */
  suspended: Map<number, number>;
}

/** The defence stage of a run, or undefined when the scenario has no dynamic margin and no controller. */
export function createDefenceStage(ctx: RunContext): Stage | undefined {
  const { margins, controllers } = ctx.compiled.defences;
  if (margins.length + controllers.length === 0) return undefined;
  const O = ctx.s.oracles;
  const M = ctx.s.markets;
  const ratioOf = (m: number) => O.reading[M.collateralOracle[m]!]! / O.reading[M.debtOracle[m]!]!;
  const marginRuns: MarginRuntime[] = margins.map((def) => ({
    def,
    variance: def.initialVariance,
    lastRatio: ratioOf(def.market),
    queue: [],
    inEffect: NaN,
  }));
  const controllerRuns: ControllerRuntime[] = controllers.map((def) => ({
    def,
    inputs: [],
    used: [],
    staleValue: O.reading[def.signal.oracle]!,
    lastUsed: O.reading[def.signal.oracle]!,
    variance: def.signal.kind === 'volatility' ? def.signal.initialVariance : 0,
    current: mapFloat64(def.markets, (m) => ctx.defences.baseThreshold[m]!),
    lastUpdate: -Infinity,
    rng: prand.xoroshiro128plus(def.failures.noiseSeed),
    suspended: new Map(),
  }));
  const touched = [...new Set([...margins.map((d) => d.market), ...controllers.flatMap((c) => c.markets)])];
  return (ctx) => {
    const D = ctx.defences;
    for (const m of touched) {
      M.liquidationThreshold[m] = D.baseThreshold[m]!;
      M.loanToValue[m] = D.baseLoanToValue[m]!;
      D.setter[m] = -1;
      D.borrowCap[m] = Infinity;
      D.supplyCap[m] = Infinity;
      D.pausedBy[m] = -1;
    }
    marginRuns.forEach((r, d) => stepMargin(ctx, r, d, ratioOf(r.def.market)));
    controllerRuns.forEach((r, k) => stepController(ctx, r, margins.length + k));
  };
}

/** sigma per root hour from a variance per step. */
const sigmaPerSqrtHour = (variance: number, stepSeconds: number) =>
  Math.sqrt((variance * 3600) / stepSeconds);

/**
 * The threshold a dynamic margin asks at volatility `sigma` (per root hour), before its floor and ceiling:
 * LT_0 (sigmaRef / sigma)^k, or LT_0 - s (sigma - sigmaRef).
 */
export function marginThreshold(def: CompiledMargin, base: number, sigma: number): number {
  let lt: number;
  switch (def.rule.kind) {
    case 'power':
      lt = def.rule.exponent === 0 ? base : base * Math.pow(def.sigmaRef / sigma, def.rule.exponent);
      break;
    case 'linear':
      lt = base - def.rule.slope * (sigma - def.sigmaRef);
      break;
    default:
      return unhandled(def.rule);
  }
  return Math.min(def.ceiling, Math.max(def.floor, lt));
}

function stepMargin(ctx: RunContext, r: MarginRuntime, d: number, ratio: number): void {
  const { def } = r;
  if (ratio > 0 && r.lastRatio > 0 && Number.isFinite(ratio)) {
    const ret = Math.log(ratio / r.lastRatio);
    r.variance = def.lambda * r.variance + (1 - def.lambda) * ret * ret;
  }
  if (ratio > 0 && Number.isFinite(ratio)) r.lastRatio = ratio;
  const D = ctx.defences;
  const base = D.baseThreshold[def.market]!;
  r.queue.push(marginThreshold(def, base, sigmaPerSqrtHour(r.variance, ctx.s.stepSeconds)));
  if (r.queue.length > def.lagSteps) {
    const next = r.queue.shift()!;
    if (next !== r.inEffect && !(Number.isNaN(r.inEffect) && next === base)) D.updates[d]!++;
    r.inEffect = next;
  }
  if (Number.isNaN(r.inEffect)) return;
  apply(ctx, def.market, r.inEffect, d, def.allPositions);
}

/** Sets market m's live threshold (or only its loan-to-value) to `lt`, set by defence d. */
function apply(ctx: RunContext, m: number, lt: number, d: number, allPositions: boolean): void {
  const D = ctx.defences;
  const M = ctx.s.markets;
  const base = D.baseThreshold[m]!;
  if (lt < D.lowestThreshold[d]!) D.lowestThreshold[d] = lt;
  M.loanToValue[m] = Math.min(lt, (D.baseLoanToValue[m]! * lt) / base);
  if (!allPositions) return;
  M.liquidationThreshold[m] = lt;
  D.setter[m] = lt < base ? d : -1;
}

/** What the controller is fed at step t: the oracle reading, unless stale or manipulated. */
function inputAt(ctx: RunContext, r: ControllerRuntime): number {
  const f = r.def.failures;
  const t = ctx.t;
  const reading = ctx.s.oracles.reading[r.def.signal.oracle]!;
  if (f.manipulated && t >= f.manipulated.from && t < f.manipulated.until) return f.manipulated.priceUsd;
  if (f.stale && t >= f.stale.from && t < f.stale.until) return r.staleValue;
  // Until a stale window starts, the value it will stay at is the last reading before it.
  r.staleValue = reading;
  return reading;
}

function stepController(ctx: RunContext, r: ControllerRuntime, d: number): void {
  const { def } = r;
  const f = def.failures;
  r.inputs.push(inputAt(ctx, r));
  // A lagged controller reads what it was fed `lagSteps` steps ago (its first input before that).
  const lagged = r.inputs[Math.max(0, r.inputs.length - 1 - f.lagSteps)]!;
  const x = f.noiseSd > 0 ? lagged * Math.exp(f.noiseSd * standardNormal(r.rng)) : lagged;
  r.used.push(x);
  const signal = readSignal(ctx, r, x);
  r.lastUsed = x;
  const rule = def.rules.find((q) => signal >= q.above);
  const D = ctx.defences;
  let changed = false;
  if (ctx.t - r.lastUpdate >= def.cooldownSteps) {
    def.markets.forEach((m, k) => {
      const base = D.baseThreshold[m]!;
      const asked = rule?.liquidationThreshold;
      const wanted =
        asked !== undefined
          ? Math.min(def.ceiling, Math.max(def.floor, base + f.gain * (asked - base)))
          : base;
      const now = r.current[k]!;
      const step = Math.max(-def.maxChangePerUpdate, Math.min(def.maxChangePerUpdate, wanted - now));
      if (step !== 0) {
        r.current[k] = Math.abs(wanted - now - step) < 1e-12 ? wanted : now + step;
        changed = true;
      }
    });
  }
  if (changed) {
    r.lastUpdate = ctx.t;
    D.updates[d]!++;
  }
  // Where it holds a market at its own threshold it leaves it to any dynamic margin.
  def.markets.forEach((m, k) => {
    if (r.current[k] !== D.baseThreshold[m]) apply(ctx, m, r.current[k]!, d, true);
  });
  applyOutputs(ctx, r, rule, d);
}

/**
 * The caps and breaker actions of the rule that applies this step (docs/model.md §20.6): in force while it
 * applies, neither bounded per update nor delayed by the cooldown; a link it stops suspending gets back the
 * open flag it had.
 */
function applyOutputs(
  ctx: RunContext,
  r: ControllerRuntime,
  rule: CompiledRule | undefined,
  d: number,
): void {
  const D = ctx.defences;
  const L = ctx.s.links;
  // The links this step's rule suspends (most controllers have none: nothing is made for them).
  const keep: number[] = [];
  if (rule) {
    for (const m of r.def.markets) {
      D.borrowCap[m] = Math.min(D.borrowCap[m]!, rule.borrowCap);
      D.supplyCap[m] = Math.min(D.supplyCap[m]!, rule.supplyCap);
    }
    for (const a of rule.actions) {
      switch (a.kind) {
        case 'pause-market':
          for (const m of a.markets) D.pausedBy[m] = d;
          break;
        case 'suspend-link':
          keep.push(a.link);
          if (!r.suspended.has(a.link)) r.suspended.set(a.link, L.open[a.link]!);
          L.open[a.link] = 0;
          L.closedDiscount[a.link] = a.discount;
          L.closedBy[a.link] = a.discount > 0 ? D.cause[d]! : -1;
          break;
        default:
          unhandled(a);
      }
    }
    if (rule.actions.length > 0) D.actionSteps[d]!++;
  }
  if (r.suspended.size === 0) return;
  for (const [k, open] of r.suspended) {
    if (keep.includes(k)) continue;
    L.open[k] = open;
    L.closedDiscount[k] = 0;
    L.closedBy[k] = -1;
    r.suspended.delete(k);
  }
}

/** The controller's signal from its input x this step. */
function readSignal(ctx: RunContext, r: ControllerRuntime, x: number): number {
  const sig = r.def.signal;
  switch (sig.kind) {
    case 'drawdown': {
      // The window ends with this step's input (already in `used`).
      const from = Math.max(0, r.used.length - sig.windowSteps);
      let high = x;
      for (let i = from; i < r.used.length; i++) if (r.used[i]! > high) high = r.used[i]!;
      return high > 0 ? Math.max(0, 1 - x / high) : 0;
    }
    case 'volatility': {
      const lambda = r.def.failures.modelLambda ?? sig.lambda;
      if (x > 0 && r.lastUsed > 0) {
        const ret = Math.log(x / r.lastUsed);
        r.variance = lambda * r.variance + (1 - lambda) * ret * ret;
      }
      return sigmaPerSqrtHour(r.variance, ctx.s.stepSeconds);
    }
    case 'depeg':
      return Math.abs(x - sig.targetUsd) / sig.targetUsd;
    default:
      return unhandled(sig);
  }
}

/** A uniform double in [0, 1) from 53 random bits, then a standard normal (Box-Muller). */
function standardNormal(rng: prand.RandomGenerator): number {
  const uniform = () => ((rng.unsafeNext() >>> 5) * 67108864 + (rng.unsafeNext() >>> 6)) / 9007199254740992;
  const u = 1 - uniform();
  const v = uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
