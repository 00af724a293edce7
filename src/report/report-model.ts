// What a report shows, assembled once from a run (and optionally a breaker comparison, a grid sweep and a
// backtest scorecard):
// the time axis, the price paths and losses over time worth drawing, the protocols that lost most, and the
// contagion graph. Markdown and HTML render this same model.
import type { BacktestResult } from '../analysis/backtest/score';
import type { BreakerComparison } from '../analysis/breaker-test';
import type { ProtocolResult, RunResult } from '../engine/result';
import { buildContagionGraph, type ContagionGraph } from './contagion-graph';
import type { PhaseSweep } from './report-documents';
import { maxOf } from './extent';

export interface ReportInput {
  run: RunResult;
  /** The scenario with no breaker, each breaker alone and all (`contagion breakers`). */
  breakers?: BreakerComparison;
  /** A grid sweep over two parameters, drawn as a heatmap of bad debt. */
  sweep?: PhaseSweep;
  /** The scorecard of historical events (`contagion backtest`). */
  backtest?: BacktestResult;
}

export interface ReportOptions {
  /** Assets in the price chart, largest move first (default 8). */
  maxPriceSeries?: number;
  /** Protocols in the losses chart, largest loss first (default 8). */
  maxLossSeries?: number;
  /** Points kept per series at most (default 600): longer series keep each bucket's first, lowest, highest and last. */
  maxPoints?: number;
  /** Protocols in the loss table (default 25; failed protocols are always in). */
  maxLossRows?: number;
  /** Signals in the signals chart, nearest their threshold first (default 8). */
  maxSignalSeries?: number;
}

export interface TimeAxis {
  unit: 'min' | 'h';
  /** Seconds per unit. */
  seconds: number;
  stepSeconds: number;
}

export interface PricePoint {
  asset: string;
  /** Time at the end of the step, in `time.unit` (0: before the first step). */
  time: number;
  /** Price as a share of the asset's initial price (1 = unchanged). */
  share: number;
  priceUsd: number;
}

export interface LossPoint {
  protocol: string;
  time: number;
  /** Equity lost since the start, USD (negative: a gain). */
  lossUsd: number;
}

/** One point of a signal, as a share of its threshold (1 = crossed). */
export interface SignalPoint {
  /** "oracle-gap maker-osm-eth" */
  series: string;
  time: number;
  ofThreshold: number;
}

export interface ReportModel {
  run: RunResult;
  time: TimeAxis;
  priceAssets: string[];
  pricePoints: PricePoint[];
  lossProtocols: string[];
  lossPoints: LossPoint[];
  /** Protocols that lost equity or took bad debt, largest loss first. */
  lossTable: ProtocolResult[];
  /** Protocols left out of `lossTable` for length. */
  lossTableMore: number;
  graph: ContagionGraph;
  /** The signals drawn (the run kept its signals): those that came nearest their threshold, earliest crossing first. */
  signalSeries: NonNullable<RunResult['signals']>['series'];
  signalPoints: SignalPoint[];
  breakers?: BreakerComparison;
  sweep?: PhaseSweep;
  backtest?: BacktestResult;
}

/** Minutes for runs up to three hours, hours beyond. */
export function timeAxis(run: RunResult): TimeAxis {
  const total = run.scenario.stepsRun * run.scenario.stepSeconds;
  return total <= 3 * 3600
    ? { unit: 'min', seconds: 60, stepSeconds: run.scenario.stepSeconds }
    : { unit: 'h', seconds: 3600, stepSeconds: run.scenario.stepSeconds };
}

/** Time at the end of step `step` (steps count from 0, so step t ends at (t + 1) x stepSeconds). */
export function stepEnd(time: TimeAxis, step: number): number {
  return ((step + 1) * time.stepSeconds) / time.seconds;
}

/** "step 28 (5.8 min)" */
export function stepLabel(time: TimeAxis, step: number): string {
  if (step < 0) return 'structural';
  return `step ${step} (${round(stepEnd(time, step), time.unit === 'h' ? 2 : 1)} ${time.unit})`;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Indices to keep of a series of length n: all when short, else each bucket's first, lowest, highest, last. */
export function keptIndices(values: readonly number[], maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints) return values.map((_, i) => i);
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = Math.ceil(n / buckets);
  const keep = new Set<number>();
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let lo = start;
    let hi = start;
    for (let i = start; i < end; i++) {
      if (values[i]! < values[lo]!) lo = i;
      if (values[i]! > values[hi]!) hi = i;
    }
    keep
      .add(start)
      .add(lo)
      .add(hi)
      .add(end - 1);
  }
  return [...keep].sort((a, b) => a - b);
}

export function buildReportModel(input: ReportInput, options: ReportOptions = {}): ReportModel {
  const { run } = input;
  const maxPoints = options.maxPoints ?? 600;
  const time = timeAxis(run);
  const at = (step: number) => stepEnd(time, step);

  // Price paths: the assets that moved most, as a share of their initial price.
  const initial = new Map(run.assets.map((a) => [a.id, a.initialPriceUsd] as const));
  const moves = Object.entries(run.series.priceUsd)
    .filter(([id]) => (initial.get(id) ?? 0) > 0)
    .map(([id, prices]) => {
      const p0 = initial.get(id)!;
      const shares = prices.map((p) => p / p0);
      return { id, p0, prices, shares, move: maxOf(shares.map((s) => Math.abs(s - 1))) };
    })
    .filter((x) => x.move > 0)
    .sort((a, b) => b.move - a.move || byId(a.id, b.id))
    .slice(0, options.maxPriceSeries ?? 8);
  const pricePoints: PricePoint[] = moves.flatMap((m) => [
    { asset: m.id, time: 0, share: 1, priceUsd: m.p0 },
    ...keptIndices(m.shares, maxPoints).map((i) => ({
      asset: m.id,
      time: at(run.series.step[i] ?? i),
      share: m.shares[i]!,
      priceUsd: m.prices[i]!,
    })),
  ]);

  // Losses over time: equity lost since the start by the protocols that lost most at any time.
  const start = new Map(run.protocols.map((p) => [p.id, Number(p.equityStartUsd)] as const));
  const losers = Object.entries(run.series.equityUsd)
    .map(([id, equity]) => {
      const e0 = start.get(id) ?? equity[0] ?? 0;
      const loss = equity.map((e) => e0 - e);
      return { id, loss, worst: maxOf(loss) };
    })
    .filter((x) => x.worst > 0)
    .sort((a, b) => b.worst - a.worst || byId(a.id, b.id))
    .slice(0, options.maxLossSeries ?? 8);
  const lossPoints: LossPoint[] = losers.flatMap((l) => [
    { protocol: l.id, time: 0, lossUsd: 0 },
    ...keptIndices(l.loss, maxPoints).map((i) => ({
      protocol: l.id,
      time: at(run.series.step[i] ?? i),
      lossUsd: Math.round(l.loss[i]! * 100) / 100,
    })),
  ]);

  const hit = run.protocols
    .filter((p) => Number(p.lossUsd) > 0 || Number(p.badDebtUsd) > 0 || p.status !== 'healthy')
    .sort((a, b) => Number(b.lossUsd) - Number(a.lossUsd) || byId(a.id, b.id));
  const maxRows = options.maxLossRows ?? 25;
  const lossTable = hit.filter((p, i) => i < maxRows || p.status !== 'healthy');

  // Signals: the series that came nearest their threshold (earliest crossing first), as a share of it.
  const signals = run.signals;
  const signalSeries = signals
    ? signals.series
        .map((x) => ({ x, near: x.peak / signals.thresholds[x.signal] }))
        .filter(({ x }) => x.values.some((v) => v !== x.values[0]))
        .sort(
          (a, b) =>
            (a.x.crossedStep ?? Infinity) - (b.x.crossedStep ?? Infinity) ||
            b.near - a.near ||
            byId(`${a.x.signal} ${a.x.target}`, `${b.x.signal} ${b.x.target}`),
        )
        .slice(0, options.maxSignalSeries ?? 8)
        .map(({ x }) => x)
    : [];
  const signalPoints: SignalPoint[] = signalSeries.flatMap((x) => {
    const threshold = signals!.thresholds[x.signal];
    return keptIndices(x.values, maxPoints).map((i) => ({
      series: `${x.signal} ${x.target}`,
      time: at(i),
      ofThreshold: round(x.values[i]! / threshold, 6),
    }));
  });

  return {
    run,
    time,
    priceAssets: moves.map((m) => m.id),
    pricePoints,
    lossProtocols: losers.map((l) => l.id),
    lossPoints,
    lossTable,
    lossTableMore: hit.length - lossTable.length,
    graph: buildContagionGraph(run),
    signalSeries,
    signalPoints,
    breakers: input.breakers,
    sweep: input.sweep,
    backtest: input.backtest,
  };
}
