// Scores a historical event: runs its scenario with the engine as is and compares each outcome to its band.
import { runScenario } from '../../engine/run';
import type { RunResult } from '../../engine/result';
import type { Network } from '../../model/network';
import type { Expected } from '../../model/parse-expected';
import type { Scenario } from '../../model/parse-scenario';
import type { OutcomeParsed, QuantityParsed } from '../../model/schema/expected';
import { describeNumberBand, insideNumberBand, ratioOf } from './bands';
import { readModelValue, readsField, type ModelValue } from './read-outcome';

export const BACKTEST_FORMAT = 'contagion/backtest@1';

/** One event's inputs, validated. */
export interface BacktestEvent {
  id: string;
  network: Network;
  scenario: Scenario;
  expected: Expected;
}

export interface OutcomeScore {
  id: string;
  quantity: string;
  reads: string;
  measured: ModelValue;
  model: ModelValue;
  ratio: number | null;
  band: string;
  inside: boolean;
  quality: string;
}

export interface EventScore {
  event: string;
  name: string;
  /** The expected file lists the event as passing. */
  listedPassing: boolean;
  /** Every outcome inside its band. */
  passes: boolean;
  inside: number;
  total: number;
  outcomes: OutcomeScore[];
}

export interface BacktestResult {
  format: typeof BACKTEST_FORMAT;
  events: EventScore[];
  inside: number;
  total: number;
  eventsPassing: number;
  eventsTotal: number;
  /** Events listed as passing with an outcome outside its band. */
  regressions: string[];
}

/** The quantity in words: "bad debt of maker", "lowest price of DAI". */
export function describeQuantity(q: QuantityParsed): string {
  switch (q.kind) {
    case 'bad-debt':
      return `bad debt of ${q.protocol ?? 'all'}`;
    case 'liquidated':
      return `liquidated at ${q.protocol ?? 'all'}`;
    case 'loss':
      return `loss of ${q.protocol}`;
    case 'min-price':
      return `lowest price of ${q.asset}`;
    case 'max-price':
      return `highest price of ${q.asset}`;
    case 'seized':
      return `${q.asset} seized`;
    case 'failed':
      return `${q.status} among ${q.protocols.join(', ')}`;
    case 'order':
      return `${q.first} ${q.status} before ${q.second}`;
    case 'adl-volume':
      return `auto-deleveraged at ${q.protocol}`;
    case 'pnl-collateral':
      return `paper PnL counted as collateral at ${q.protocol}`;
  }
}

/** Scores one outcome against a finished run. */
export function scoreOutcome(o: OutcomeParsed, run: RunResult): OutcomeScore {
  const model = readModelValue(o.quantity, run);
  const common = {
    id: o.id,
    quantity: describeQuantity(o.quantity),
    reads: readsField(o.quantity),
    measured: o.measured.value,
    model,
    quality: o.measured.quality,
  };
  if (o.band.kind === 'exact') {
    const inside = Array.isArray(o.measured.value)
      ? JSON.stringify([...o.measured.value].sort()) === JSON.stringify(model)
      : o.measured.value === model;
    return { ...common, ratio: null, band: 'exact', inside };
  }
  const measured = o.measured.value as number;
  const value = model as number;
  return {
    ...common,
    ratio: ratioOf(measured, value),
    band: describeNumberBand(o.band),
    inside: insideNumberBand(o.band, measured, value),
  };
}

/** Runs one event and scores every outcome. */
export function scoreEvent(e: BacktestEvent): EventScore {
  const run = runScenario(e.network, e.scenario);
  const outcomes = e.expected.outcomes.map((o) => scoreOutcome(o, run));
  const inside = outcomes.filter((o) => o.inside).length;
  return {
    event: e.id,
    name: e.expected.name,
    listedPassing: e.expected.passing,
    passes: inside === outcomes.length,
    inside,
    total: outcomes.length,
    outcomes,
  };
}

/** Scores events in order; `onDone` is told how many are done (progress bars). */
export function runBacktest(
  events: readonly BacktestEvent[],
  onDone?: (done: number) => void,
): BacktestResult {
  const scored: EventScore[] = [];
  for (const e of events) {
    scored.push(scoreEvent(e));
    onDone?.(scored.length);
  }
  return backtestResultOf(scored);
}

/** The scorecard of events already scored, in the order given. */
export function backtestResultOf(scored: readonly EventScore[]): BacktestResult {
  return {
    format: BACKTEST_FORMAT,
    events: [...scored],
    inside: scored.reduce((s, e) => s + e.inside, 0),
    total: scored.reduce((s, e) => s + e.total, 0),
    eventsPassing: scored.filter((e) => e.passes).length,
    eventsTotal: scored.length,
    regressions: scored.filter((e) => e.listedPassing && !e.passes).map((e) => e.event),
  };
}
