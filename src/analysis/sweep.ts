// Parameter sweeps: variants of a scenario and network (grid or zip), each validated like a file and run.
import { ContagionError, UsageError } from '../model/errors';
import type { Network } from '../model/network';
import { parseNetwork } from '../model/parse-network';
import { parseScenario, type Scenario } from '../model/parse-scenario';
import { prepareNetwork, type PreparedNetwork } from '../engine/prepared';
import { runSimulation } from '../engine/run';
import { buildSummary, type RunSummary } from '../engine/result';
import { applyValue, SWEEP_LIMITS, type SweepParam } from './sweep-path';

export const SWEEP_FORMAT = 'contagion/sweep@1';
export type SweepMode = 'grid' | 'zip';

/** The raw documents a sweep starts from, and the files they came from (named in errors). */
export interface SweepBase {
  network: unknown;
  scenario: unknown;
  networkFile: string;
  scenarioFile: string;
}

/** One run to make: raw documents (already edited), validated again by whoever runs it. */
export type SweepJob = SweepBase;

/** What a sweep keeps of a run. */
export interface RunOutcome {
  badDebtUsd: string;
  liquidatedUsd: string;
  insolventProtocols: string[];
  stressedProtocols: string[];
  /** Largest fall of any asset's price from its initial level, as a fraction. */
  worstDrawdown: number;
  /** Debt repaid by liquidations only dynamic margins or controllers forced (runs with them, §20). */
  forcedLiquidatedUsd?: string | undefined;
}

export interface SweepVariant extends RunOutcome {
  index: number;
  params: Record<string, number>;
  insolventCount: number;
}

export interface PhaseTable {
  rowParam: string;
  colParam: string;
  rows: number[];
  cols: number[];
  /** Bad debt in USD, [row][col]. */
  badDebtUsd: string[][];
}

export interface SweepResult {
  format: typeof SWEEP_FORMAT;
  network: string;
  scenario: string;
  /** Seconds per step of the scenario (of its first variant), so steps can be shown as minutes. */
  stepSeconds: number;
  mode: SweepMode;
  parameters: { path: string; values: number[] }[];
  variants: SweepVariant[];
  phase?: PhaseTable;
}

/** The value combinations: grid = cartesian product (first parameter outermost), zip = element-wise. */
export function combinations(params: readonly SweepParam[], mode: SweepMode): number[][] {
  if (params.length === 0) throw new UsageError('a sweep needs at least one --set');
  if (mode === 'zip') {
    const n = params[0]!.values.length;
    const odd = params.find((p) => p.values.length !== n);
    if (odd)
      throw new UsageError(
        `--mode zip needs lists of equal length: ${params[0]!.path.text} has ${n}, ${odd.path.text} has ${odd.values.length}`,
      );
    return Array.from({ length: n }, (_, i) => params.map((p) => p.values[i]!));
  }
  const runs = params.reduce((n, p) => n * p.values.length, 1);
  if (runs > SWEEP_LIMITS.runs)
    throw new UsageError(
      `--mode grid of ${params.map((p) => p.values.length).join(' x ')} values makes ${runs} runs: at most ${SWEEP_LIMITS.runs}`,
    );
  let out: number[][] = [[]];
  for (const p of params) out = out.flatMap((c) => p.values.map((v) => [...c, v]));
  return out;
}

const describe = (params: readonly SweepParam[], values: readonly number[]) =>
  params.map((p, i) => `${p.path.text}=${values[i]}`).join(', ');

/** A copy of the base with the values written in. */
export function variantJob(
  base: SweepBase,
  params: readonly SweepParam[],
  values: readonly number[],
): SweepJob {
  const job: SweepJob = {
    ...base,
    network: structuredClone(base.network),
    scenario: structuredClone(base.scenario),
  };
  params.forEach((p, i) =>
    applyValue(p.path.root === 'network' ? job.network : job.scenario, p.path, values[i]!),
  );
  return job;
}

/** Validates a job's documents like files; the error names the variant's parameters when given. */
export function parseJob(job: SweepJob, label?: string): { network: Network; scenario: Scenario } {
  try {
    const network = parseNetwork(job.network, job.networkFile);
    return { network, scenario: parseScenario(job.scenario, job.scenarioFile, network) };
  } catch (e) {
    if (label !== undefined && e instanceof ContagionError)
      throw new UsageError(`variant with ${label} is invalid: ${e.message}`);
    throw e;
  }
}

export function outcomeOf(summary: RunSummary): RunOutcome {
  return {
    badDebtUsd: summary.badDebtUsd,
    liquidatedUsd: summary.liquidatedUsd,
    insolventProtocols: summary.insolventProtocols,
    stressedProtocols: summary.stressedProtocols,
    worstDrawdown: summary.worstPrices.reduce((m, x) => Math.max(m, x.maxDrawdown), 0),
    ...(summary.forcedLiquidatedUsd === undefined
      ? {}
      : { forcedLiquidatedUsd: summary.forcedLiquidatedUsd }),
  };
}

/**
 * The last network parsed, by its JSON text, and made ready for runs at a step length: a Monte Carlo's or a
 * scenario sweep's jobs all share one network, parsed and prepared once per process.
 */
let lastNetwork: { text: string; network: Network; prepared?: PreparedNetwork } | undefined;

function networkOf(raw: unknown, file: string): Network {
  const text = JSON.stringify(raw);
  if (lastNetwork?.text !== text) lastNetwork = { text, network: parseNetwork(raw, file) };
  return lastNetwork.network;
}

function preparedOf(network: Network, stepSeconds: number): PreparedNetwork {
  const last = lastNetwork?.network === network ? lastNetwork : undefined;
  if (last?.prepared?.stepSeconds === stepSeconds) return last.prepared;
  const prepared = prepareNetwork(network, stepSeconds);
  if (last) last.prepared = prepared;
  return prepared;
}

/** Runs a parsed scenario in summary-only mode and keeps its outcome. */
export function runOutcome(prepared: PreparedNetwork, scenario: Scenario): RunOutcome {
  const { ctx } = runSimulation(prepared.network, scenario, { prepared, summaryOnly: true });
  return outcomeOf(buildSummary(ctx));
}

/** Runs one job from scratch (what a worker does); only the summary of the run is assembled. */
export function runJob(job: SweepJob): RunOutcome {
  const network = networkOf(job.network, job.networkFile);
  const scenario = parseScenario(job.scenario, job.scenarioFile, network);
  return runOutcome(preparedOf(network, scenario.stepSeconds), scenario);
}

/** Runs jobs; the result at index i belongs to job i whatever the order they finish in. */
export type JobRunner = (jobs: readonly SweepJob[]) => Promise<RunOutcome[]>;

export const serialRunner: JobRunner = (jobs) => Promise.resolve(jobs.map(runJob));

export interface SweepPlan {
  base: SweepBase;
  params: SweepParam[];
  mode: SweepMode;
  combos: number[][];
  jobs: SweepJob[];
  networkName: string;
  scenarioName: string;
  stepSeconds: number;
}

/** Builds and validates every variant before anything runs (bad values fail fast, naming the parameter). */
export function planSweep(base: SweepBase, params: SweepParam[], mode: SweepMode): SweepPlan {
  const combos = combinations(params, mode);
  const jobs = combos.map((values) => variantJob(base, params, values));
  let names = { networkName: '', scenarioName: '', stepSeconds: 0 };
  jobs.forEach((job, i) => {
    const { network, scenario } = parseJob(job, describe(params, combos[i]!));
    if (i === 0)
      names = { networkName: network.name, scenarioName: scenario.name, stepSeconds: scenario.stepSeconds };
  });
  return { base, params, mode, combos, jobs, ...names };
}

export async function runSweep(plan: SweepPlan, runner: JobRunner = serialRunner): Promise<SweepResult> {
  const outcomes = await runner(plan.jobs);
  const variants: SweepVariant[] = outcomes.map((o, i) => ({
    index: i,
    params: Object.fromEntries(plan.params.map((p, k) => [p.path.text, plan.combos[i]![k]!])),
    ...o,
    insolventCount: o.insolventProtocols.length,
  }));
  const result: SweepResult = {
    format: SWEEP_FORMAT,
    network: plan.networkName,
    scenario: plan.scenarioName,
    stepSeconds: plan.stepSeconds,
    mode: plan.mode,
    parameters: plan.params.map((p) => ({ path: p.path.text, values: p.values })),
    variants,
  };
  if (plan.mode === 'grid' && plan.params.length === 2) {
    const [r, c] = plan.params as [SweepParam, SweepParam];
    result.phase = {
      rowParam: r.path.text,
      colParam: c.path.text,
      rows: r.values,
      cols: c.values,
      badDebtUsd: r.values.map((_, i) =>
        c.values.map((_, j) => variants[i * c.values.length + j]!.badDebtUsd),
      ),
    };
  }
  return result;
}
