// A swept parameter in words for the heatmap and its table: `scenario.events[0].path.overSteps` becomes
// "event 1: spread over (minutes)" with values in minutes, a relative change -0.1 becomes "-10%".
import { parsePath, type Segment } from '../analysis/sweep-path';
import { usd } from './format';

/** One axis of the heatmap: its title with the unit, and each value as it is shown. */
export interface SweepAxis {
  title: string;
  labels: string[];
}

/** Field names with words that say more than the name split at its capitals. */
const FIELD_WORDS: Record<string, string> = {
  change: 'price change',
  changes: 'price changes',
  overSteps: 'spread over',
  atStep: 'starting at',
  durationSteps: 'lasting',
  everySteps: 'every',
  windowSteps: 'window',
  horizonSteps: 'horizon',
  cooldownSteps: 'cooldown',
  quietSteps: 'quiet steps before stopping',
  steps: 'sold over',
  stepSeconds: 'step length',
  ltv: 'loan-to-value',
};

/** Singular words for the arrays a path may pass through (`events[0]` is "event 1"). */
const SINGULAR: Record<string, string> = {
  events: 'event',
  breakers: 'breaker',
  protocols: 'protocol',
  markets: 'market',
  cohorts: 'cohort',
  assets: 'asset',
  oracles: 'oracle',
  venues: 'venue',
  claims: 'claim',
  holdings: 'holding',
  actions: 'action',
};

type Unit = 'minutes' | 'steps' | 'change' | 'percent' | 'usd' | 'seconds' | 'number';

function unitOf(key: string, stepSeconds: number | undefined): Unit {
  if (key === 'stepSeconds' || /Sec(onds)?$/.test(key)) return 'seconds';
  if (/Steps?$/.test(key) || key === 'steps') return stepSeconds ? 'minutes' : 'steps';
  if (/Usd$/.test(key)) return 'usd';
  if (/^changes?$/.test(key)) return 'change';
  if (/(share|threshold|ltv|bonus|fee|ratio|deviation)$/i.test(key)) return 'percent';
  return 'number';
}

const UNIT_WORDS: Record<Unit, string> = {
  minutes: 'minutes',
  steps: 'steps',
  change: '%',
  percent: '%',
  usd: 'USD',
  seconds: 's',
  number: '',
};

/** A number without float noise: 0.1 * 100 is 10, not 10.000000000000002. */
const clean = (x: number) => String(Number(x.toPrecision(12)));

function label(value: number, unit: Unit, stepSeconds: number | undefined): string {
  switch (unit) {
    case 'minutes':
      return clean((value * stepSeconds!) / 60);
    case 'change':
      return `${value > 0 ? '+' : ''}${clean(value * 100)}%`;
    case 'percent':
      return `${clean(value * 100)}%`;
    case 'usd':
      return usd(value);
    default:
      return clean(value);
  }
}

const words = (key: string) =>
  FIELD_WORDS[key] ??
  key
    .replace(/(Usd|Sec|Steps)$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();

/** Where a path points, in words: "event 1", "protocol aave-v3-core, every market". */
function context(segments: readonly Segment[]): string {
  const parts: string[] = [];
  for (const seg of segments)
    for (const sel of seg.selectors) {
      const noun = SINGULAR[seg.key] ?? seg.key;
      if (sel.kind === 'index') parts.push(`${noun} ${sel.index + 1}`);
      else if (sel.kind === 'all') parts.push(`every ${noun}`);
      else if (sel.key === 'id') parts.push(`${noun} ${sel.value}`);
      else parts.push(`each ${noun} with ${sel.key} ${sel.value}`);
    }
  return parts.join(', ');
}

/** The axis of a swept parameter: `path` as written to `--set`, its values, the scenario's step length. */
export function sweepAxis(
  path: string,
  values: readonly number[],
  stepSeconds: number | undefined,
): SweepAxis {
  let parsed;
  try {
    parsed = parsePath(path);
  } catch {
    return { title: path, labels: values.map(clean) };
  }
  const key = parsed.segments.at(-1)!.key;
  const unit = unitOf(key, stepSeconds);
  const where = context(parsed.segments);
  const unitWords = UNIT_WORDS[unit];
  const title = `${where ? `${where}: ` : ''}${words(key)}${unitWords ? ` (${unitWords})` : ''}`;
  return { title, labels: values.map((v) => label(v, unit, stepSeconds)) };
}

/** The rows and columns of a sweep's phase table in words (steps as minutes when the step length is known). */
export function phaseAxes(s: {
  stepSeconds?: number;
  phase: { rowParam: string; colParam: string; rows: number[]; cols: number[] };
}): { row: SweepAxis; col: SweepAxis } {
  const p = s.phase;
  return {
    row: sweepAxis(p.rowParam, p.rows, s.stepSeconds),
    col: sweepAxis(p.colParam, p.cols, s.stepSeconds),
  };
}
