// A perp book's state built by hand for the worked examples of docs/model.md §15: cohorts as columns, no
// funding, no backstop quotes or partial orders unless a test sets them.
import { emptyBookStats, type PerpBookState } from '../../src/engine/perp-state';

/** One cohort of a hand-built book: side (+1 long, -1 short), size in base units, entry and margin in USD. */
export interface HandCohort {
  side: number;
  size: number;
  entry: number;
  margin: number;
}

/** A book at `mark` (also its index) with these cohorts, all at maintenance rate `mmRate`; `extra` overrides fields. */
export function handBook(
  mark: number,
  cohorts: HandCohort[],
  mmRate: number,
  extra: Partial<PerpBookState> = {},
): PerpBookState {
  return {
    id: 'eth-perp',
    venue: 0,
    bookAsset: 0,
    indexOracles: Int32Array.of(0),
    markBand: 0.01,
    funding: new Float64Array(0),
    backstop: -1,
    unwindUsdPerStep: 0,
    lending: new Float64Array(0),
    labels: cohorts.map(() => undefined),
    side: Int8Array.from(cohorts, (c) => c.side),
    size: Float64Array.from(cohorts, (c) => c.size),
    entry: Float64Array.from(cohorts, (c) => c.entry),
    margin: Float64Array.from(cohorts, (c) => c.margin),
    mmRate: Float64Array.from(cohorts, () => mmRate),
    debt: new Float64Array(cohorts.length),
    backstopSize: new Float64Array(2),
    backstopEntry: new Float64Array(2),
    backstopCash: new Float64Array(2),
    backstopMmRate: mmRate,
    makerShare: 0,
    makerSize: new Float64Array(2),
    makerEntry: new Float64Array(2),
    makerCash: new Float64Array(2),
    partialShare: 0,
    partialCooldown: 0,
    large: new Uint8Array(cohorts.length),
    cooldownLeft: new Float64Array(cohorts.length),
    index: mark,
    mark,
    stats: emptyBookStats(),
    ...extra,
  };
}
