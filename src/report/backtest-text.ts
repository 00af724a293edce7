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

function eventText(e: EventScore): string {
  const rows = e.outcomes.map((o) => [
    o.id,
    o.quantity,
    formatValue(o.measured),
    formatValue(o.model),
    o.ratio === null ? '-' : o.ratio.toFixed(3),
    o.band,
    o.inside ? 'yes' : 'NO',
  ]);
  const listed = e.listedPassing ? 'listed as passing' : 'listed as not passing yet';
  const verdict = e.passes ? 'passes' : 'does not pass';
  return [
    `${e.event}: ${e.name}`,
    table(['outcome', 'quantity', 'measured', 'model', 'ratio', 'band', 'inside'], rows, [
      'left',
      'left',
      'right',
      'right',
      'right',
      'left',
      'left',
    ]),
    `${e.inside}/${e.total} inside: ${verdict} (${listed})`,
    '',
  ].join('\n');
}

export function renderBacktest(r: BacktestResult): string {
  const lines = r.events.map(eventText);
  lines.push(
    `overall: ${r.inside}/${r.total} outcomes inside their bands; ${r.eventsPassing}/${r.eventsTotal} events pass`,
  );
  if (r.regressions.length > 0)
    lines.push(`regressions (listed as passing, now outside a band): ${r.regressions.join(', ')}`);
  return lines.join('\n') + '\n';
}
