// What each status word of the outputs means (a protocol's healthy / paper-loss / stressed / insolvent, a
// breaker run's verdict) and each loss measure, worded once and printed next to the tables that show them: the
// terminal and the report share it.
import { STRESS_ASSET_SHARE, STRESS_EQUITY_SHARE } from '../engine/constants';
import { pct } from './format';

/** A status word and its meaning, in the order a reader meets them. */
export type LegendEntry = readonly [word: string, meaning: string];

/** Protocol statuses: the worst a protocol reached during the run (docs/model.md §8, §16). */
export const STATUS_LEGEND: readonly LegendEntry[] = [
  ['healthy', 'neither short nor stressed at any step, at market prices'],
  [
    'paper-loss',
    'short or stressed at market prices only: marked at its own oracles (each no higher than what backs the ' +
      'asset), it is neither, and it has no bad debt; the loss is a market discount its oracles do not see',
  ],
  [
    'stressed',
    `bad debt, or a loss beyond its insurance fund, at its own marks, larger than both ${pct(STRESS_EQUITY_SHARE, 0)} ` +
      `of its initial equity and ${pct(STRESS_ASSET_SHARE, 1)} of its initial assets, at some step`,
  ],
  [
    'insolvent',
    'in default at the clearing at some step: its assets, insurance fund and claims (at what they recover) fall ' +
      'short of its liabilities, at market prices and at its own marks; an insolvent protocol is counted as ' +
      'stressed too',
  ],
];

/** The loss measures of a run (docs/model.md §16), as the run ends. */
export const LOSS_LEGEND: readonly LegendEntry[] = [
  ['bad debt', 'realised: debt left without collateral and written off'],
  [
    'latent bad debt',
    'debt above the collateral of positions still open, at the oracles their markets liquidate on and at market prices',
  ],
  [
    'paper loss',
    "the part of a protocol's loss at market prices that its own marks do not see: market prices below both its " +
      "oracles' readings and what backs the asset",
  ],
  [
    'socialized loss',
    'losses a protocol passes to its users by its own rules (perp auto-deleveraging); 0 without such rules',
  ],
  [
    'insurance fund used',
    'the part of the loss absorbed by the insurance fund (capital outside the reserves)',
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
