// Terminal rendering of systemic importance: DebtRank (both rules) and centralities per protocol.
import type { DebtRankExposures, SystemicResult } from '../analysis/systemic';
import { pct, usd } from './format';
import { table } from './table';

const EXPOSURE_WORDS: Record<DebtRankExposures, string> = {
  claims: 'claims on the protocol',
  'claims-and-tokens': 'claims on the protocol and held tokens it issues',
  'claims-tokens-collateral':
    'claims on the protocol, held tokens it issues, and loans against collateral it issues (valued as the balance sheet: min(debt, collateral))',
};

const num = (x: number | null, digits = 4) => (x === null ? '-' : x.toFixed(digits));

export function renderMetrics(r: SystemicResult, options: { top?: number } = {}): string {
  const top = options.top ?? r.protocols.length;
  const out: string[] = [];
  out.push(`Systemic importance of the protocols of "${r.network.name}" as of ${r.network.asOf}`);
  out.push(
    `DebtRank of each protocol's default on its own (h = 1); centralities on ${r.dependenceEdges} dependence edges.`,
  );
  out.push(`Exposures used by DebtRank: ${EXPOSURE_WORDS[r.exposures]} (${r.impactEdges} links).`);
  out.push('');
  const rows = r.protocols.slice(0, top);
  out.push(
    table(
      [
        'protocol',
        'kind',
        'assets',
        'buffer',
        'DebtRank',
        'differential',
        'distressed',
        'defaulted',
        'betweenness',
        'PageRank',
        'eigenvector',
      ],
      rows.map((p) => [
        p.protocol,
        p.kind,
        usd(p.assetsUsd),
        usd(p.bufferUsd),
        pct(p.debtRank, 2),
        pct(p.debtRankDifferential, 2),
        p.distressed,
        p.defaulted,
        num(p.betweenness),
        num(p.pagerank),
        num(p.eigenvector),
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  if (rows.length < r.protocols.length)
    out.push(`... ${r.protocols.length - rows.length} more (--json for all)`);
  out.push(
    [
      'DebtRank: share of the value of all protocols (weights: assets) lost to distress beyond the defaulted',
      "protocol's own; Battiston et al. (2012) passes each distress on once, the differential rule of",
      'Bardoscia et al. (2015) passes on every increment. buffer = equity + insurance fund; distressed and',
      'defaulted count other protocols with h > 0 and h = 1 (Battiston). Betweenness on distances -ln(share);',
      'PageRank and eigenvector on shares, importance flowing to the protocols others depend on.',
    ].join('\n'),
  );
  if (r.eigenvectorConverged === false && r.protocols.some((p) => p.betweenness !== null))
    out.push('Eigenvector centrality did not converge on this graph (shown as -).');
  return out.join('\n') + '\n';
}
