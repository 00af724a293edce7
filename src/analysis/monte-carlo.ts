// Monte Carlo stress: seeded jump-diffusion paths of one asset run as scenarios; VaR, ES and failure odds.
import { UsageError } from '../model/errors';
import type { PreparedNetwork } from '../engine/prepared';
import { prepareNetwork } from '../engine/prepared';
import type { Scenario } from '../model/parse-scenario';
import type { ScenarioEventParsed } from '../model/schema/scenario';
import type { RunOutcome, SweepBase, SweepJob } from './sweep';
import { parseJob, runOutcome } from './sweep';
import { CALIBRATION, generator, jumpDiffusionPath, type Severity } from './jump-diffusion';

export const MONTE_CARLO_FORMAT = 'contagion/monte-carlo@1';

/** Most points of a generated series; longer horizons move every few steps. */
export const MAX_POINTS = 600;

export interface MonteCarloOptions {
  paths: number;
  seed: number;
  asset: string;
  severity: Severity;
}

export interface MonteCarloPlan {
  options: MonteCarloOptions;
  /** Every path as a raw sweep job (made on first use: runners use `spec` and the paths instead). */
  readonly jobs: SweepJob[];
  /** What a runner needs besides the paths: the documents and where the series goes. */
  spec: MonteCarloSpec;
  networkName: string;
  scenarioName: string;
  horizonSteps: number;
  stepSeconds: number;
  everySteps: number;
  /** Points of each generated series. */
  points: number;
}

/** The base of every path's scenario: the raw documents, with the asset's price events already removed. */
export interface MonteCarloSpec {
  network: unknown;
  networkFile: string;
  /** The raw scenario without the price events of `asset` (each path appends its series event). */
  scenario: unknown;
  scenarioFile: string;
  asset: string;
  severity: Severity;
  seed: number;
  everySteps: number;
}

export interface TailStats {
  var95: string;
  es95: string;
  var99: string;
  es99: string;
}

export interface MonteCarloResult {
  format: typeof MONTE_CARLO_FORMAT;
  network: string;
  scenario: string;
  asset: string;
  severity: Severity;
  seed: number;
  paths: number;
  badDebtUsd: TailStats & { mean: string; max: string };
  /** 95th percentile of liquidated volume. */
  liquidationsAtRisk95Usd: string;
  /** Median of the worst drawdown of any asset. */
  medianWorstDrawdown: number;
  /** Protocols that failed on at least one path; `pStressed` counts stressed or insolvent. */
  protocols: { id: string; pInsolvent: number; pStressed: number }[];
}

/**
 * The scenarios of a Monte Carlo run: the base scenario with its price events on `asset` replaced by one
 * generated `series` event from step 0 (its other events kept), path i drawn i-th from one seeded generator.
 * The paths themselves are drawn when run (`monteCarloPaths`); the first is validated here like a file.
 */
export function planMonteCarlo(base: SweepBase, o: MonteCarloOptions): MonteCarloPlan {
  if (!Number.isSafeInteger(o.paths) || o.paths < 1)
    throw new UsageError('--monte-carlo needs a positive whole number');
  if (!Number.isSafeInteger(o.seed)) throw new UsageError(`--seed must be an integer, got ${o.seed}`);
  const { network, scenario } = parseJob(base);
  if (!network.assets.some((a) => a.id === o.asset))
    throw new UsageError(`--asset ${o.asset}: no such asset in network ${network.name}`);
  const everySteps = Math.ceil(scenario.horizonSteps / MAX_POINTS);
  const points = Math.ceil(scenario.horizonSteps / everySteps);
  const raw = base.scenario as { events: { type?: string; asset?: string }[] };
  const kept = raw.events.filter((e) => !(e.type === 'price' && e.asset === o.asset));
  const spec: MonteCarloSpec = {
    network: base.network,
    networkFile: base.networkFile,
    scenario: { ...(base.scenario as object), events: kept },
    scenarioFile: base.scenarioFile,
    asset: o.asset,
    severity: o.severity,
    seed: o.seed,
    everySteps,
  };
  let jobs: SweepJob[] | undefined;
  const plan: MonteCarloPlan = {
    options: o,
    get jobs() {
      if (!jobs) {
        const paths = monteCarloPaths(plan);
        jobs = Array.from({ length: o.paths }, (_, i) => monteCarloJob(spec, i, paths.next().value!));
      }
      return jobs;
    },
    spec,
    networkName: network.name,
    scenarioName: scenario.name,
    horizonSteps: scenario.horizonSteps,
    stepSeconds: scenario.stepSeconds,
    everySteps,
    points,
  };
  parseJob(monteCarloJob(spec, 0, monteCarloPaths(plan).next().value!), `--asset ${o.asset}`);
  return plan;
}

/** The cumulative changes of every path of a plan, in order, from a generator seeded afresh. */
export function* monteCarloPaths(plan: MonteCarloPlan): Generator<number[], void, undefined> {
  const { severity, seed } = plan.options;
  const rng = generator(seed);
  const dtSeconds = plan.everySteps * plan.stepSeconds;
  for (let i = 0; i < plan.options.paths; i++) {
    yield jumpDiffusionPath(CALIBRATION[severity], plan.points, dtSeconds, rng);
  }
}

/** The `series` price event of path i. */
export function pathEvent(spec: MonteCarloSpec, i: number, changes: number[]) {
  return {
    type: 'price',
    asset: spec.asset,
    atStep: 0,
    path: { shape: 'series', everySteps: spec.everySteps, changes },
    note: `Monte Carlo path ${i} (${spec.severity}, seed ${spec.seed})`,
  };
}

/** Path i as a raw sweep job: the base scenario's kept events, then the path's series. */
export function monteCarloJob(spec: MonteCarloSpec, i: number, changes: number[]): SweepJob {
  const scenario = spec.scenario as { events: unknown[] };
  return {
    network: spec.network,
    networkFile: spec.networkFile,
    scenario: { ...scenario, events: [...structuredClone(scenario.events), pathEvent(spec, i, changes)] },
    scenarioFile: spec.scenarioFile,
  };
}

/** Value at risk at level p: the ceil(p·n)-th smallest; expected shortfall: the mean from it upwards. */
export function tail(
  values: readonly number[],
  p: number,
): { valueAtRisk: number; expectedShortfall: number } {
  if (values.length === 0) return { valueAtRisk: 0, expectedShortfall: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  const rest = sorted.slice(k);
  return { valueAtRisk: sorted[k]!, expectedShortfall: rest.reduce((s, x) => s + x, 0) / rest.length };
}

const usd = (x: number) => x.toFixed(2);
const prob = (count: number, n: number) => Number((count / n).toFixed(6));

export function summarizeMonteCarlo(plan: MonteCarloPlan, outcomes: readonly RunOutcome[]): MonteCarloResult {
  const n = outcomes.length;
  const bad = outcomes.map((o) => Number(o.badDebtUsd));
  const liq = outcomes.map((o) => Number(o.liquidatedUsd));
  const t95 = tail(bad, 0.95);
  const t99 = tail(bad, 0.99);
  const insolvent = new Map<string, number>();
  const stressed = new Map<string, number>();
  const bump = (m: Map<string, number>, id: string) => m.set(id, (m.get(id) ?? 0) + 1);
  for (const o of outcomes) {
    for (const id of o.insolventProtocols) {
      bump(insolvent, id);
      bump(stressed, id);
    }
    for (const id of o.stressedProtocols) bump(stressed, id);
  }
  const protocols = [...stressed.keys()]
    .map((id) => ({ id, pInsolvent: prob(insolvent.get(id) ?? 0, n), pStressed: prob(stressed.get(id)!, n) }))
    .sort((a, b) => b.pInsolvent - a.pInsolvent || b.pStressed - a.pStressed || (a.id < b.id ? -1 : 1));
  const drawdowns = outcomes.map((o) => o.worstDrawdown).sort((a, b) => a - b);
  return {
    format: MONTE_CARLO_FORMAT,
    network: plan.networkName,
    scenario: plan.scenarioName,
    asset: plan.options.asset,
    severity: plan.options.severity,
    seed: plan.options.seed,
    paths: n,
    badDebtUsd: {
      mean: usd(bad.reduce((s, x) => s + x, 0) / n),
      max: usd(bad.reduce((m, x) => (x > m ? x : m), -Infinity)),
      var95: usd(t95.valueAtRisk),
      es95: usd(t95.expectedShortfall),
      var99: usd(t99.valueAtRisk),
      es99: usd(t99.expectedShortfall),
    },
    liquidationsAtRisk95Usd: usd(tail(liq, 0.95).valueAtRisk),
    medianWorstDrawdown: Number((drawdowns[Math.floor((n - 1) / 2)] ?? 0).toFixed(6)),
    protocols,
  };
}

/**
 * Runs the paths of a Monte Carlo on its network parsed and prepared once: the scenario is validated once
 * with a placeholder series, and each path runs a copy of it with its own series swapped in (the same
 * scenario that validating the path's raw job would give).
 */
export class PathRunner {
  readonly prepared: PreparedNetwork;
  private readonly template: Scenario;
  private readonly series: number;

  constructor(private readonly spec: MonteCarloSpec) {
    const { network, scenario } = parseJob(monteCarloJob(spec, 0, [0]), `--asset ${spec.asset}`);
    this.prepared = prepareNetwork(network, scenario.stepSeconds);
    this.template = scenario;
    this.series = scenario.events.length - 1;
  }

  /** Path i's scenario: the template with the path's series swapped in. */
  scenario(i: number, changes: number[]): Scenario {
    const bad = changes.findIndex((x) => !(Number.isFinite(x) && x >= -1));
    if (bad >= 0)
      throw new UsageError(
        `Monte Carlo path ${i}: point ${bad} is ${changes[bad]}, not a change of at least -1`,
      );
    const e = this.template.events[this.series] as Extract<ScenarioEventParsed, { type: 'price' }>;
    const events = [...this.template.events];
    events[this.series] = {
      ...e,
      path: { ...(e.path as Extract<typeof e.path, { shape: 'series' }>), changes },
      note: pathEvent(this.spec, i, changes).note,
    };
    return { ...this.template, events };
  }

  run(i: number, changes: number[]): RunOutcome {
    return runOutcome(this.prepared, this.scenario(i, changes));
  }
}
