// Terminal rendering of a breaker A/B test: the runs side by side, and why a breaker made things worse.
import type { BreakerComparison, BreakerRunSummary } from '../analysis/breaker-test';
import { pct, usd } from './format';
import { renderPathHop } from './run-text';
import { legendLines, STATUS_LEGEND, VERDICT_LEGEND } from './status-legend';
import { table } from './table';

const signed = (x: number) => (x > 0 ? `+${usd(x)}` : x < 0 ? `-${usd(-x)}` : '0');

/** Columns of the breaker comparison (the terminal and the report share them). */
export const BREAKER_HEAD = [
  'run',
  'bad debt',
  'change',
  'insolvent',
  'stressed',
  'liquidated',
  'worst price',
  'liquidity frozen, worst step',
  'activations',
  'latent bad debt',
  'stopped',
  'verdict',
];
export const BREAKER_ALIGN: ('left' | 'right')[] = [
  'left',
  'right',
  'right',
  'right',
  'right',
  'right',
  'left',
  'right',
  'right',
  'right',
  'left',
  'left',
];

/** One run's row of the comparison, its verdict last. */
export const breakerCells = (r: BreakerRunSummary): (string | number)[] => [
  r.label,
  usd(r.badDebtUsd),
  r.label === 'none' ? '' : signed(r.badDebtChangeUsd),
  r.insolventProtocols.length,
  r.stressedProtocols.length,
  usd(r.liquidatedUsd),
  r.worstPrice ? `${r.worstPrice.asset} -${pct(r.worstPrice.maxDrawdown)}` : '-',
  usd(r.liquidityFrozenPeakUsd),
  r.activations,
  usd(r.latentBadDebtUsd),
  r.stopped.length > 0 ? r.stopped.join(', ') : '-',
  verdict(r),
];

export function renderBreakerComparison(
  c: BreakerComparison,
  options: { maxFailures?: number } = {},
): string {
  const max = options.maxFailures ?? 10;
  const out: string[] = [];
  out.push(
    `Breakers on scenario "${c.scenario.name}" (network "${c.network.name}", as of ${c.network.asOf})`,
  );
  out.push('Each run: no breaker, each breaker alone, all of them; compared with the run without any.');
  out.push('');
  out.push(table(BREAKER_HEAD, c.runs.map(breakerCells), BREAKER_ALIGN));
  out.push(...legendLines('Verdicts (against the run without any breaker):', VERDICT_LEGEND));
  out.push(...legendLines('Statuses counted (the worst each protocol reached):', STATUS_LEGEND));
  const worse = c.runs.filter((r) => r.worse);
  if (worse.length === 0) {
    out.push('No breaker run has more bad debt or more insolvent protocols than the run without any.');
    return out.join('\n') + '\n';
  }
  for (const r of worse) {
    out.push('');
    out.push(`WORSE with ${r.label === 'all' ? 'all breakers' : r.label}: ${reasons(r, c.runs[0]!)}`);
    if (r.addedFailures.length > 0) {
      out.push(`  Failures only with ${r.label === 'all' ? 'them' : 'it'} (${r.addedFailures.length}):`);
      for (const f of r.addedFailures.slice(0, max)) {
        out.push(`    step ${f.step}  ${f.protocol} ${f.status} (${f.statusWithout} without)`);
        for (const h of f.path) out.push(`        <- ${renderPathHop(h)}`);
      }
      if (r.addedFailures.length > max)
        out.push(`    ... ${r.addedFailures.length - max} more (--json for all)`);
    }
    if (r.avoidedFailures.length > 0) out.push(`  Failures avoided: ${r.avoidedFailures.join(', ')}`);
    if (r.badDebtIncreases.length > 0) {
      out.push('  Markets with more bad debt:');
      for (const m of r.badDebtIncreases.slice(0, 5))
        out.push(
          `    ${m.market} (${m.protocol}): ${usd(m.badDebtUsd)}, ${usd(m.badDebtWithoutUsd)} without`,
        );
    }
  }
  return out.join('\n') + '\n';
}

/** baseline, WORSE, better or no change: a run's verdict against the run without any breaker. */
export function verdict(r: BreakerRunSummary): string {
  if (r.label === 'none') return 'baseline';
  if (r.worse) return 'WORSE';
  if (r.badDebtChangeUsd < 0 || r.insolventChange < 0) return 'better';
  return 'no change';
}

/** Why a run is worse than the one without any breaker, in words. */
export function reasons(r: BreakerRunSummary, base: BreakerRunSummary): string {
  const why: string[] = [];
  if (r.badDebtChangeUsd > 0)
    why.push(
      `bad debt ${usd(r.badDebtUsd)} against ${usd(base.badDebtUsd)} without (${signed(r.badDebtChangeUsd)})`,
    );
  if (r.insolventChange > 0)
    why.push(
      `${r.insolventProtocols.length} insolvent protocols against ${base.insolventProtocols.length} without`,
    );
  return why.join('; ');
}
