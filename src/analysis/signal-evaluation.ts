// Early-warning signals across a Monte Carlo (docs/model.md §21): every path runs with its signals kept; each
// failure gives each signal's lead time, and every step before a failure a labelled score (fails within H steps?)
// from which each signal's ROC AUC, precision and recall are read. Seeded: the same seed gives the same table.
import { runSimulation } from '../engine/run';
import { firstCrossing } from '../engine/signal-trace';
import { SIGNAL_KINDS, SIGNAL_THRESHOLDS, type SignalKind } from '../engine/signals';
import type { SignalTrace } from '../engine/signal-trace';
import { monteCarloPaths, PathRunner, type MonteCarloPlan, type MonteCarloSpec } from './monte-carlo';
import { median, precisionRecall, ScoreCounter, type ScoreCounterData } from './signal-scores';

export const SIGNAL_EVALUATION_FORMAT = 'contagion/signal-evaluation@1';

/** What one path contributes: its failures and, per signal, the labelled scores of the steps before them. */
export interface PathSignals {
  /** Per failing protocol: its failure step and, per signal kind, its lead time in steps (null: no warning). */
  failures: { protocol: number; step: number; leads: (number | null)[] }[];
  counters: ScoreCounter[];
}

/** The first step a protocol is stressed or insolvent, or -1. */
const failureStep = (stressed: number, insolvent: number) =>
  stressed < 0 ? insolvent : insolvent < 0 ? stressed : Math.min(stressed, insolvent);

/**
 * Scores one run's signals. For protocol p failing at step f (first stressed or insolvent), signal k's lead
 * is f - c, c the first step before f at which k on p reached its threshold from below. Every step t before p's
 * failure (every step run if p never fails) is one observation: score k on p after step t, label f - t <= H.
 */
export function scorePath(
  trace: SignalTrace,
  firstStressed: ArrayLike<number>,
  firstInsolvent: ArrayLike<number>,
  horizon: number,
): PathSignals {
  const nP = trace.book.protocols;
  const steps = trace.byProtocol.length;
  const counters = SIGNAL_KINDS.map((k) => new ScoreCounter(SIGNAL_THRESHOLDS[k]));
  const failures: PathSignals['failures'] = [];
  for (let p = 0; p < nP; p++) {
    const f = failureStep(firstStressed[p]!, firstInsolvent[p]!);
    const observed = f >= 0 ? Math.min(f, steps) : steps;
    const leads: (number | null)[] = [];
    for (let k = 0; k < SIGNAL_KINDS.length; k++) {
      const cell = k * nP + p;
      const counter = counters[k]!;
      for (let t = 0; t < observed; t++) counter.add(trace.byProtocol[t]![cell]!, f >= 0 && f - t <= horizon);
      if (f >= 0) {
        const c = firstCrossing(
          trace.initialByProtocol[cell]!,
          (t) => trace.byProtocol[t]![cell]!,
          observed,
          counter.threshold,
        );
        leads.push(c >= 0 ? f - c : null);
      }
    }
    if (f >= 0) failures.push({ protocol: p, step: f, leads });
  }
  return { failures, counters };
}

export interface SignalRow {
  signal: SignalKind;
  threshold: number;
  /** Failures it warned of (crossed before the failure step), of all failures. */
  warned: number;
  failures: number;
  /** Lead times of the warned failures, steps. */
  meanLeadSteps: number | null;
  medianLeadSteps: number | null;
  /** At predicting a failure within the horizon, over every observed step before a failure. */
  precision: number | null;
  recall: number | null;
  auc: number | null;
}

export interface SignalEvaluation {
  format: typeof SIGNAL_EVALUATION_FORMAT;
  network: string;
  scenario: string;
  asset: string;
  severity: string;
  seed: number;
  paths: number;
  stepSeconds: number;
  /** H: a step is labelled positive when its protocol fails within this many steps after it. */
  horizonSteps: number;
  observations: number;
  positives: number;
  signals: SignalRow[];
  /** Per failing protocol: how often it failed and each signal's median lead, steps. */
  protocols: { id: string; failures: number; medianLeadSteps: Record<SignalKind, number | null> }[];
}

/** Runs the paths of one Monte Carlo with their signals kept, on the network prepared once. */
export class SignalPathRunner {
  private readonly paths: PathRunner;
  readonly protocolNames: readonly string[];

  constructor(spec: MonteCarloSpec) {
    this.paths = new PathRunner(spec);
    this.protocolNames = this.paths.prepared.state.names.protocols;
  }

  run(i: number, changes: number[], horizon: number): PathSignals {
    const { prepared } = this.paths;
    const { ctx } = runSimulation(prepared.network, this.paths.scenario(i, changes), {
      prepared,
      summaryOnly: true,
      signals: true,
    });
    return scorePath(ctx.signals!, ctx.stats.firstStressed, ctx.stats.firstInsolvent, horizon);
  }
}

/** The scores of many paths added up; the table does not depend on the order they are added in. */
export class SignalTally {
  readonly counters = SIGNAL_KINDS.map((k) => new ScoreCounter(SIGNAL_THRESHOLDS[k]));
  readonly failures: TalliedFailure[] = [];

  add(path: { counters: readonly ScoreCounter[]; failures: readonly TalliedFailure[] }): void {
    path.counters.forEach((c, k) => this.counters[k]!.merge(c));
    for (const f of path.failures) this.failures.push({ protocol: f.protocol, leads: f.leads });
  }

  /** As plain data, to cross a thread boundary. */
  toData(): SignalTallyData {
    return { counters: this.counters.map((c) => c.toData()), failures: this.failures };
  }

  addData(data: SignalTallyData): void {
    this.add({ counters: data.counters.map((c) => ScoreCounter.from(c)), failures: data.failures });
  }
}

export interface SignalTallyData {
  counters: ScoreCounterData[];
  failures: TalliedFailure[];
}

/** A failure as tallied: the protocol and, per signal kind, its lead in steps (null: not warned of). */
export interface TalliedFailure {
  protocol: number;
  leads: (number | null)[];
}

/** Paths `start .. start + changes.length - 1` of a plan, scored and added up in one tally. */
export function tallyPaths(
  runner: SignalPathRunner,
  start: number,
  changes: readonly number[][],
  horizon: number,
  onPath?: () => void,
): SignalTally {
  const tally = new SignalTally();
  changes.forEach((c, k) => {
    tally.add(runner.run(start + k, c, horizon));
    onPath?.();
  });
  return tally;
}

/** Every path of the plan, in order, in this thread, scored with horizon H; `onDone` gets the number finished. */
export function evaluateSignals(
  plan: MonteCarloPlan,
  horizon: number,
  onDone?: (done: number) => void,
): SignalEvaluation {
  const runner = new SignalPathRunner(plan.spec);
  const paths = monteCarloPaths(plan);
  const tally = new SignalTally();
  for (let i = 0; i < plan.options.paths; i++) {
    tally.add(runner.run(i, paths.next().value!, horizon));
    onDone?.(i + 1);
  }
  return signalTable(plan, horizon, tally, runner.protocolNames);
}

/** The table of a tally: per signal its warnings, lead times, precision, recall and AUC; per failing protocol its leads. */
export function signalTable(
  plan: MonteCarloPlan,
  horizon: number,
  tally: SignalTally,
  protocolNames: readonly string[],
): SignalEvaluation {
  const { counters: total, failures } = tally;
  const leads = SIGNAL_KINDS.map((_, k) =>
    failures.flatMap((f) => (f.leads[k] === null ? [] : [f.leads[k]!])),
  );
  const c0 = total[0]!.confusion;
  const observations = c0.truePositives + c0.falsePositives + c0.falseNegatives + c0.trueNegatives;
  const signals: SignalRow[] = SIGNAL_KINDS.map((signal, k) => {
    const { precision, recall } = precisionRecall(total[k]!.confusion);
    const l = leads[k]!;
    return {
      signal,
      threshold: SIGNAL_THRESHOLDS[signal],
      warned: l.length,
      failures: failures.length,
      // Leads are whole steps, so their sum is exact in any order.
      meanLeadSteps: l.length > 0 ? round(l.reduce((s, x) => s + x, 0) / l.length) : null,
      medianLeadSteps: median(l),
      precision: precision === null ? null : round(precision),
      recall: recall === null ? null : round(recall),
      auc: nullableRound(total[k]!.auc()),
    };
  });
  const byProtocol = new Map<number, (number | null)[][]>();
  for (const f of failures) {
    const list = byProtocol.get(f.protocol) ?? [];
    list.push(f.leads);
    byProtocol.set(f.protocol, list);
  }
  const protocols = [...byProtocol.entries()]
    .map(([p, list]) => ({
      id: protocolNames[p]!,
      failures: list.length,
      medianLeadSteps: Object.fromEntries(
        SIGNAL_KINDS.map((k, j) => [k, median(list.flatMap((ls) => (ls[j] === null ? [] : [ls[j]!])))]),
      ) as Record<SignalKind, number | null>,
    }))
    .sort((a, b) => b.failures - a.failures || (a.id < b.id ? -1 : 1));
  return {
    format: SIGNAL_EVALUATION_FORMAT,
    network: plan.networkName,
    scenario: plan.scenarioName,
    asset: plan.options.asset,
    severity: plan.options.severity,
    seed: plan.options.seed,
    paths: plan.options.paths,
    stepSeconds: plan.stepSeconds,
    horizonSteps: horizon,
    observations,
    positives: c0.truePositives + c0.falseNegatives,
    signals,
    protocols,
  };
}

const round = (x: number) => Number(x.toFixed(6));
const nullableRound = (x: number | null) => (x === null ? null : round(x));
