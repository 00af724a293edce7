// Terminal rendering of parameter sweeps (variants and the phase table) and of Monte Carlo results.
import type { MonteCarloResult } from '../analysis/monte-carlo';
import type { SweepResult } from '../analysis/sweep';
import { pct, usd } from './format';
import { phaseAxes } from './sweep-axis';
import { table } from './table';

const money = (s: string) => usd(Number(s));

export function renderSweep(r: SweepResult): string {
  const names = r.parameters.map((p) => p.path);
  const out: string[] = [];
  out.push(
    `Sweep (${r.mode}, ${r.variants.length} variants) of scenario "${r.scenario}" on network "${r.network}"`,
  );
  out.push('');
  out.push(
    table(
      ['#', ...names, 'bad debt', 'insolvent', 'liquidated', 'worst drawdown'],
      r.variants.map((v) => [
        v.index,
        ...names.map((n) => v.params[n]!),
        money(v.badDebtUsd),
        v.insolventCount,
        money(v.liquidatedUsd),
        pct(v.worstDrawdown),
      ]),
      ['right', ...names.map(() => 'right' as const), 'right', 'right', 'right', 'right'],
    ),
  );
  if (r.phase) {
    const p = r.phase;
    const { row, col } = phaseAxes({ stepSeconds: r.stepSeconds, phase: p });
    out.push('');
    out.push(`Bad debt by ${row.title} (rows, ${p.rowParam}) and ${col.title} (columns, ${p.colParam}):`);
    out.push(
      table(
        [`${row.title} \\ ${col.title}`, ...col.labels],
        p.rows.map((_, i) => [row.labels[i]!, ...p.badDebtUsd[i]!.map(money)]),
        ['right', ...p.cols.map(() => 'right' as const)],
      ),
    );
  }
  return out.join('\n') + '\n';
}

export function renderMonteCarlo(r: MonteCarloResult): string {
  const b = r.badDebtUsd;
  const out: string[] = [];
  out.push(
    `Monte Carlo: ${r.paths} ${r.severity} jump-diffusion paths of ${r.asset} (seed ${r.seed}), scenario "${r.scenario}" on network "${r.network}"`,
  );
  out.push('');
  out.push(
    table(
      ['measure', 'USD'],
      [
        ['mean bad debt', money(b.mean)],
        ['bad debt VaR 95%', money(b.var95)],
        ['bad debt ES 95%', money(b.es95)],
        ['bad debt VaR 99%', money(b.var99)],
        ['bad debt ES 99%', money(b.es99)],
        ['worst bad debt', money(b.max)],
        ['liquidations at risk (95th pct)', money(r.liquidationsAtRisk95Usd)],
      ],
      ['left', 'right'],
    ),
  );
  out.push(`Median worst drawdown: ${pct(r.medianWorstDrawdown)}`);
  out.push('');
  if (r.protocols.length === 0) out.push('No protocol became stressed or insolvent on any path.');
  else
    out.push(
      table(
        ['protocol', 'P(insolvent)', 'P(stressed or insolvent)'],
        r.protocols.map((p) => [p.id, pct(p.pInsolvent), pct(p.pStressed)]),
        ['left', 'right', 'right'],
      ),
    );
  return out.join('\n') + '\n';
}
