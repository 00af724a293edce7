// The scorecard of `contagion backtest` as terminal text: one table per event, a total per event and overall.
import type { BacktestResult, EventScore, OutcomeScore } from '../analysis/backtest/score';
import type { ModelValue } from '../analysis/backtest/read-outcome';
import { table } from './table';

/** A measured or model value: a number to 4 significant digits, a set as {a, b}, an ordering as yes/no. */
export function formatValue(v: ModelValue): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length === 0 ? 'none' : `{${v.join(', ')}}`;
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1e9) return `${(v / 1e9).toPrecision(4)}B`;
  if (abs >= 1e6) return `${(v / 1e6).toPrecision(4)}M`;
  if (abs >= 1e3) return `${(v / 1e3).toPrecision(4)}k`;
  return v.toPrecision(4);
}

/** One scorecard line, as the test suite prints it when a passing event leaves its band. */
export function scorecardLine(event: string, o: OutcomeScore): string {
  const ratio = o.ratio === null ? '-' : o.ratio.toFixed(3);
  return `${event} ${o.id}: ${o.quantity}: measured ${formatValue(o.measured)}, model ${formatValue(o.model)}, ratio ${ratio}, band ${o.band}: ${o.inside ? 'inside' : 'OUTSIDE'}`;
}

/** The scorecard's columns, shared by the terminal and the report. */
export const SCORECARD_HEAD = ['outcome', 'quantity', 'measured', 'model', 'ratio', 'band', 'inside'];
export const SCORECARD_ALIGN: ('left' | 'right')[] = [
  'left',
  'left',
  'right',
  'right',
  'right',
  'left',
  'left',
];

/** One outcome's cells, in the order of SCORECARD_HEAD. */
export function scorecardCells(o: OutcomeScore): string[] {
  return [
    o.id,
    o.quantity,
    formatValue(o.measured),
    formatValue(o.model),
    o.ratio === null ? '-' : o.ratio.toFixed(3),
    o.band,
    o.inside ? 'yes' : 'NO',
  ];
}

/** An event's total line: how many outcomes are inside, whether it passes, and how it is listed. */
export function eventTotal(e: EventScore): string {
  const listed = e.listedPassing ? 'listed as passing' : 'listed as not passing yet';
  return `${e.inside}/${e.total} inside: ${e.passes ? 'passes' : 'does not pass'} (${listed})`;
}

/** The overall total, and the events that left a band while listed as passing. */
export function backtestTotals(r: BacktestResult): string[] {
  const lines = [
    `overall: ${r.inside}/${r.total} outcomes inside their bands; ${r.eventsPassing}/${r.eventsTotal} events pass`,
  ];
  if (r.regressions.length > 0)
    lines.push(`regressions (listed as passing, now outside a band): ${r.regressions.join(', ')}`);
  return lines;
}

function eventText(e: EventScore): string {
  const rows = e.outcomes.map(scorecardCells);
  return [`${e.event}: ${e.name}`, table(SCORECARD_HEAD, rows, SCORECARD_ALIGN), eventTotal(e), ''].join(
    '\n',
  );
}

export function renderBacktest(r: BacktestResult): string {
  return [...r.events.map(eventText), ...backtestTotals(r)].join('\n') + '\n';
}
