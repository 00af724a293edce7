// The report's tables and lists as plain cells, shared by the markdown and the HTML renderers: header facts,
// summary, worst prices, prices and losses at checkpoints of the run, losses by channel, failures with their
// paths, perp books, breaker activations, the breaker comparison, the sweep's phase table and the backtest scorecard.
import type { BacktestResult, EventScore } from '../analysis/backtest/score';
import type { BreakerRunSummary } from '../analysis/breaker-test';
import { eventTotal, SCORECARD_ALIGN, SCORECARD_HEAD, scorecardCells } from './backtest-text';
export { backtestTotals } from './backtest-text';
import type { PathHop } from '../engine/realised-paths';
import { BREAKER_ALIGN, BREAKER_HEAD, breakerCells, reasons, verdict } from './breakers-text';
import { exactUsd, pct, usd } from './format';
import { stepEnd, stepLabel, type ReportModel } from './report-model';
import type { PhaseSweep } from './report-documents';
import { phaseAxes } from './sweep-axis';
import {
  DEPOSITOR_RUN_ALIGN,
  DEPOSITOR_RUN_HEAD,
  depositorRunCells,
  hasMeasure,
  LOSS_ALIGN,
  LOSS_HEAD,
  lossCells,
  MEASURE_ALIGN,
  MEASURE_HEAD,
  measureCells,
  PERP_ALIGN,
  PERP_HEAD,
  perpCells,
  renderPathHop,
} from './run-text';
import { maxOf, minOf } from './extent';

/** A cell: text, or text to stress (a WORSE verdict). */
export type Cell = string | { text: string; strong: true };
export type Align = 'left' | 'right';

export interface Table {
  head: string[];
  rows: Cell[][];
  align: Align[];
}

export interface FailureItem {
  /** "step 28 (5.8 min)  hyperliquid stressed" */
  title: string;
  /** Hops from the failed protocol back to the event, each as `from =[channel amount @step]=> to`. */
  hops: string[];
}

export interface WorseItem {
  run: string;
  why: string;
  added: { title: string; hops: string[] }[];
  avoided: string[];
  markets: string[];
}

export const cellText = (c: Cell): string => (typeof c === 'string' ? c : c.text);
const money = (s: string) => usd(Number(s));
const list = (xs: readonly string[]) => (xs.length === 0 ? 'none' : `${xs.length}: ${xs.join(', ')}`);
export const hopText = (h: PathHop): string => renderPathHop(h);

export function headerFacts(m: ReportModel): [string, string][] {
  const r = m.run;
  const s = r.scenario;
  const total = stepEnd(m.time, s.stepsRun - 1);
  return [
    ['network', `${r.network.name} (as of ${r.network.asOf})`],
    [
      'scenario',
      `${s.name}: ${s.stepsRun} of ${s.horizonSteps} steps of ${s.stepSeconds} s (${Number(total.toFixed(1))} ${m.time.unit})`,
    ],
    ['seed', String(s.seed)],
    ['breakers in the run', r.breakers.length ? r.breakers.join(', ') : 'none'],
  ];
}

export function summaryTable(m: ReportModel): Table {
  const s = m.run.summary;
  return {
    head: ['measure', 'value'],
    align: ['left', 'right'],
    rows: [
      ['bad debt', exactUsd(s.badDebtUsd)],
      ['liquidated', exactUsd(s.liquidatedUsd)],
      ['equity lost', exactUsd(s.lossUsd)],
      ['latent bad debt at oracle prices', exactUsd(s.latentBadDebtOracleUsd)],
      ['latent bad debt at market prices', exactUsd(s.latentBadDebtMarketUsd)],
      ['paper loss', exactUsd(s.paperLossUsd)],
      ['socialized loss', exactUsd(s.socializedLossUsd)],
      ['insurance fund used', exactUsd(s.insuranceFundUsedUsd)],
      ['insolvent protocols', list(s.insolventProtocols)],
      ['stressed protocols', list(s.stressedProtocols)],
      ['protocols with a paper loss only', list(s.paperLossProtocols)],
      ['prices settled when the run ended', s.pricesSettled ? 'yes' : 'no: still moving in the last step'],
      ['liquidity frozen by breakers, worst step', exactUsd(s.liquidityFrozenPeakUsd)],
      ['unprofitable liquidations, worst step', exactUsd(s.unprofitablePeakUsd)],
      ['throttled liquidations, worst step', exactUsd(s.throttledPeakUsd)],
    ],
  };
}

export function worstPricesTable(m: ReportModel): Table {
  const assets = new Map(m.run.assets.map((a) => [a.id, a] as const));
  return {
    head: ['asset', 'initial', 'lowest', 'largest fall', 'final'],
    align: ['left', 'right', 'right', 'right', 'right'],
    rows: m.run.summary.worstPrices.map((w) => {
      const a = assets.get(w.asset);
      return [
        w.asset,
        a ? a.initialPriceUsd.toPrecision(6) : '-',
        w.minPriceUsd.toPrecision(6),
        pct(w.maxDrawdown, 2),
        a ? a.finalPriceUsd.toPrecision(6) : '-',
      ];
    }),
  };
}

/** Indices of the series at a quarter, half, three quarters and the end of the run. */
function checkpoints(m: ReportModel): { index: number; label: string }[] {
  const n = m.run.series.step.length;
  if (n === 0) return [];
  const idx = [...new Set([1, 2, 3, 4].map((k) => Math.max(0, Math.ceil((k * n) / 4) - 1)))];
  return idx.map((i) => ({
    index: i,
    label: `at ${Number(stepEnd(m.time, m.run.series.step[i] ?? i).toFixed(1))} ${m.time.unit}`,
  }));
}

export function priceCheckpointTable(m: ReportModel): Table {
  const cps = checkpoints(m);
  const initial = new Map(m.run.assets.map((a) => [a.id, a.initialPriceUsd] as const));
  return {
    head: ['asset', 'initial price', ...cps.map((c) => c.label), 'lowest'],
    align: ['left', 'right', ...cps.map(() => 'right' as const), 'right'],
    rows: m.priceAssets.map((id) => {
      const p0 = initial.get(id)!;
      const prices = m.run.series.priceUsd[id]!;
      const low = minOf(prices);
      return [
        id,
        p0.toPrecision(6),
        ...cps.map((c) => pct(prices[c.index]! / p0)),
        `${pct(low / p0)} at ${stepLabel(m.time, m.run.series.step[prices.indexOf(low)] ?? 0)}`,
      ];
    }),
  };
}

export function lossCheckpointTable(m: ReportModel): Table {
  const cps = checkpoints(m);
  const start = new Map(m.run.protocols.map((p) => [p.id, Number(p.equityStartUsd)] as const));
  return {
    head: ['protocol', 'equity at start', ...cps.map((c) => `lost ${c.label}`), 'most lost'],
    align: ['left', 'right', ...cps.map(() => 'right' as const), 'right'],
    rows: m.lossProtocols.map((id) => {
      const e0 = start.get(id)!;
      const eq = m.run.series.equityUsd[id]!;
      const lost = eq.map((e) => e0 - e);
      const worst = maxOf(lost);
      return [
        id,
        usd(e0),
        ...cps.map((c) => usd(lost[c.index]!)),
        `${usd(worst)} at ${stepLabel(m.time, m.run.series.step[lost.indexOf(worst)] ?? 0)}`,
      ];
    }),
  };
}

export function lossTable(m: ReportModel): Table {
  return { head: LOSS_HEAD, align: LOSS_ALIGN, rows: m.lossTable.map(lossCells) };
}

/** The perp books' liquidation waterfall (docs/model.md §15); no rows when the network has none. */
export function perpTable(m: ReportModel): Table {
  return { head: PERP_HEAD, align: PERP_ALIGN, rows: (m.run.perps ?? []).map(perpCells) };
}

/** The loss measures (docs/model.md §16) of every protocol that has one. */
export function measureTable(m: ReportModel): Table {
  return {
    head: MEASURE_HEAD,
    align: MEASURE_ALIGN,
    rows: m.run.protocols.filter(hasMeasure).map(measureCells),
  };
}

export function failureItems(m: ReportModel): FailureItem[] {
  return m.run.failures.map((f) => ({
    title: `${stepLabel(m.time, f.step)}: ${f.protocol} ${f.status}`,
    hops: f.path.map(hopText),
  }));
}

export function activationsTable(m: ReportModel): Table {
  return {
    head: ['breaker', 'from step', 'to step', 'liquidity frozen, worst step'],
    align: ['left', 'right', 'right', 'right'],
    rows: m.run.breakerActivations.map((b) => [
      b.breaker,
      String(b.startStep),
      String(b.endStep),
      money(b.liquidityFrozenPeakUsd),
    ]),
  };
}

/** Depositor runs per protocol with a run rule (docs/model.md §19), or undefined when the run has none. */
export function depositorRunsTable(m: ReportModel): Table | undefined {
  const runs = m.run.depositorRuns;
  if (!runs) return undefined;
  return { head: DEPOSITOR_RUN_HEAD, align: DEPOSITOR_RUN_ALIGN, rows: runs.map(depositorRunCells) };
}

const verdictCell = (r: BreakerRunSummary): Cell =>
  r.worse ? { text: verdict(r), strong: true } : verdict(r);

export function breakerTable(m: ReportModel): Table | undefined {
  const c = m.breakers;
  if (!c) return undefined;
  return {
    head: BREAKER_HEAD,
    align: BREAKER_ALIGN,
    rows: c.runs.map((r) => [...breakerCells(r).slice(0, -1).map(String), verdictCell(r)]),
  };
}

export function worseItems(m: ReportModel): WorseItem[] {
  const c = m.breakers;
  if (!c) return [];
  const base = c.runs[0]!;
  return c.runs
    .filter((r) => r.worse)
    .map((r) => ({
      run: r.label === 'all' ? 'all breakers' : r.label,
      why: reasons(r, base),
      added: r.addedFailures.map((f) => ({
        title: `${stepLabel(m.time, f.step)}: ${f.protocol} ${f.status} (${f.statusWithout} without)`,
        hops: f.path.map(hopText),
      })),
      avoided: r.avoidedFailures,
      markets: r.badDebtIncreases
        .slice(0, 5)
        .map((x) => `${x.market} (${x.protocol}): ${usd(x.badDebtUsd)}, ${usd(x.badDebtWithoutUsd)} without`),
    }));
}

export function phaseTable(s: PhaseSweep): Table {
  const p = s.phase;
  const { row, col } = phaseAxes(s);
  return {
    head: [`${row.title} \\ ${col.title}`, ...col.labels],
    align: ['right', ...p.cols.map(() => 'right' as const)],
    rows: p.rows.map((_, i) => [row.labels[i]!, ...p.badDebtUsd[i]!.map(money)]),
  };
}

/** The realised path edges (deduplicated by their two ends) with their channels. */
export function pathEdges(m: ReportModel): { from: string; to: string; channels: string[] }[] {
  return m.graph.edges.filter((e) => e.onPath).map((e) => ({ from: e.from, to: e.to, channels: e.channels }));
}

export interface BacktestEventTable {
  event: string;
  /** "a01-black-thursday-2020: Black Thursday (MakerDAO)" */
  title: string;
  /** "4/4 inside: passes (listed as passing)", or "... (listed as not passing yet)". */
  total: string;
  listedPassing: boolean;
  table: Table;
}

function backtestEventTable(e: EventScore): BacktestEventTable {
  return {
    event: e.event,
    title: `${e.event}: ${e.name}`,
    total: eventTotal(e),
    listedPassing: e.listedPassing,
    table: {
      head: SCORECARD_HEAD,
      align: SCORECARD_ALIGN,
      // An outcome outside its band stands out in strong type.
      rows: e.outcomes.map((o) => {
        const cells: Cell[] = scorecardCells(o);
        if (!o.inside) cells[cells.length - 1] = { text: 'NO', strong: true };
        return cells;
      }),
    },
  };
}

/** The scorecard of each event, in the order run. */
export function backtestTables(b: BacktestResult): BacktestEventTable[] {
  return b.events.map(backtestEventTable);
}

/** The signals drawn: threshold, peak and when each first crossed its threshold. */
export function signalTable(m: ReportModel): Table {
  const thresholds = m.run.signals?.thresholds;
  return {
    head: ['signal', 'on', 'threshold', 'peak', 'peak at', 'crossed at'],
    align: ['left', 'left', 'right', 'right', 'right', 'right'],
    rows: m.signalSeries.map((x) => [
      x.signal,
      `${x.on} ${x.target}`,
      String(thresholds![x.signal]),
      x.peak.toFixed(4),
      stepLabel(m.time, x.peakStep),
      x.crossedStep === null ? 'never' : stepLabel(m.time, x.crossedStep),
    ]),
  };
}
