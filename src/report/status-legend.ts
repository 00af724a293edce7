// What each status word of the outputs means (a protocol's healthy / stressed / insolvent, a breaker run's
// verdict), worded once and printed next to the tables that show them: the terminal and the report share it.
import { STRESS_ASSET_SHARE, STRESS_EQUITY_SHARE } from '../engine/constants';
import { pct } from './format';

/** A status word and its meaning, in the order a reader meets them. */
export type LegendEntry = readonly [word: string, meaning: string];

/** Protocol statuses: the worst a protocol reached during the run (docs/model.md, Engine, "Status"). */
export const STATUS_LEGEND: readonly LegendEntry[] = [
  ['healthy', 'neither stressed nor insolvent at any step'],
  [
    'stressed',
    `bad debt, or a loss beyond its insurance fund larger than both ${pct(STRESS_EQUITY_SHARE, 0)} of its initial ` +
      `equity and ${pct(STRESS_ASSET_SHARE, 1)} of its initial assets, at some step`,
  ],
  [
    'insolvent',
    'in default at the clearing at some step: its assets, insurance fund and claims (at what they recover) fall ' +
      'short of its liabilities; an insolvent protocol is counted as stressed too',
  ],
];

/** Verdicts of the breaker comparison, each run against the run without any breaker. */
export const VERDICT_LEGEND: readonly LegendEntry[] = [
  ['baseline', 'the run without any breaker, which the others are compared with'],
  ['better', 'less bad debt or fewer insolvent protocols, and neither more'],
  ['no change', 'the same bad debt and the same number of insolvent protocols'],
  ['WORSE', 'more bad debt or more insolvent protocols'],
];

/** The legend as terminal lines: a title, then one indented `word  meaning` line per entry. */
export function legendLines(title: string, entries: readonly LegendEntry[]): string[] {
  const width = Math.max(...entries.map(([w]) => w.length));
  return [title, ...entries.map(([w, m]) => `  ${w.padEnd(width)}  ${m}`)];
}
