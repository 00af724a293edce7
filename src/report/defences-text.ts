// Terminal rendering of a defence comparison (docs/model.md §20): static and dynamic margins and each risk
// controller side by side, bad debt beside the liquidations the defences' own tightening forced.
import type { DefenceComparison, DefenceRow } from '../analysis/defence-test';
import { pct, usd } from './format';
import { renderPathHop } from './run-text';
import { table } from './table';

const signed = (x: number) => (x > 0 ? `+${usd(x)}` : x < 0 ? `-${usd(-x)}` : '0');

/** Columns of the defence comparison. */
export const DEFENCE_HEAD = [
  'run',
  'bad debt, mean',
  'change',
  'bad debt, VaR 95%',
  'liquidated, mean',
  'forced by defences, mean',
  'P(insolvent)',
  'P(stressed)',
  'verdict',
];
const ALIGN: ('left' | 'right')[] = [
  'left',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
  'right',
  'left',
];

/** One variant's row, its verdict last. */
export const defenceCells = (r: DefenceRow): (string | number)[] => [
  r.label,
  usd(r.badDebtMeanUsd),
  r.label === 'static' ? '' : signed(r.badDebtChangeUsd),
  usd(r.badDebtVar95Usd),
  usd(r.liquidatedMeanUsd),
  usd(r.forcedLiquidatedMeanUsd),
  pct(r.pInsolvent),
  pct(r.pStressed),
  r.label === 'static' ? 'baseline' : r.worse ? 'WORSE' : 'ok',
];

export function renderDefenceComparison(c: DefenceComparison): string {
  const out: string[] = [];
  out.push(`Defences on scenario "${c.scenario}" (network "${c.network}")`);
  const mc = c.monteCarlo;
  out.push(
    mc
      ? `Each variant on the same ${mc.paths} Monte Carlo paths of ${mc.asset} (seed ${mc.seed}, ${mc.severity}).`
      : 'Each variant on the scenario as given (one run each).',
  );
  out.push('static: the thresholds of the network; margins: the dynamic margins; then each controller; all.');
  out.push('');
  out.push(table(DEFENCE_HEAD, c.rows.map(defenceCells), ALIGN));
  out.push('');
  out.push(
    'forced by defences: debt repaid by liquidations that only the tightening of a defence made possible, booked\n' +
      'from margins:<id> or controller:<id>. WORSE: more mean bad debt, or a higher chance of an\n' +
      'insolvency, than with static margins.',
  );
  for (const r of c.rows) {
    if (r.addedFailures.length === 0) continue;
    out.push('');
    out.push(`Failures only with ${r.label} (${r.addedFailures.length}):`);
    for (const f of r.addedFailures.slice(0, 10)) {
      out.push(`  step ${f.step}  ${f.protocol} ${f.status} (${f.statusWithout} with static margins)`);
      for (const h of f.path) out.push(`      <- ${renderPathHop(h)}`);
    }
    if (r.addedFailures.length > 10) out.push(`  ... ${r.addedFailures.length - 10} more (--json for all)`);
  }
  return out.join('\n') + '\n';
}
