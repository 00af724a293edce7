// Terminal rendering of a network inspection: counts, largest exposures, loops.
import type { Inspection } from '../analysis/inspect';
import { pct, usd } from './format';
import { claimCyclesTable, marketLoopsTable } from './loops-text';
import { table } from './table';

export function renderInspection(x: Inspection): string {
  const c = x.counts;
  const kinds = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  const totalProtocols = Object.values(c.protocols).reduce((s, n) => s + n, 0);
  const totalOracles = Object.values(c.oracles).reduce((s, n) => s + n, 0);
  const lines: string[] = [];
  lines.push(`Network "${x.name}" as of ${x.asOf}`);
  lines.push('');
  lines.push(
    table(
      ['kind', 'count', 'detail'],
      [
        ['assets', c.assets.base + c.assets.pegged, `base ${c.assets.base}, pegged ${c.assets.pegged}`],
        ['protocols', totalProtocols, kinds(c.protocols)],
        ['markets', c.markets, `${c.cohorts} cohorts`],
        ['oracles', totalOracles, kinds(c.oracles)],
        ['venues', c.venues, ''],
        ['claims', c.claims, `${usd(x.totals.claimsUsd)} between protocols`],
        ['convertibility links', c.convertibility, ''],
        ['sources', c.sources, ''],
      ],
      ['left', 'right', 'left'],
    ),
  );
  lines.push(
    `Assets on all balance sheets ${usd(x.totals.assetsUsd)}; loans ${usd(x.totals.loansUsd)}; issued tokens ${usd(x.totals.issuedUsd)}`,
  );
  lines.push('');
  lines.push(`Largest exposures`);
  lines.push(
    table(
      ['holder', 'channel', 'on', 'USD', 'share of holder'],
      x.exposures.map((e) => [e.holder, e.channel, e.on, usd(e.usd), pct(e.share)]),
      ['left', 'left', 'left', 'right', 'right'],
    ),
  );
  lines.push('');
  lines.push(`Recursive leverage loops: markets with collateral pegged to debt (${x.loops.markets.length})`);
  lines.push(marketLoopsTable(x.loops.markets, false));
  lines.push('');
  lines.push(
    `Recursive leverage loops: cycles of the claims graph (${x.loops.cycles.length}${x.loops.truncated ? ', list truncated' : ''})`,
  );
  if (x.loops.minAmplification > 1)
    lines.push(
      `Trivial cycles, whose amplification is below ${x.loops.minAmplification}x (less than ` +
        `${pct(1 - 1 / x.loops.minAmplification, 2)} of a loss comes back around), are left out; --all-cycles lists them.`,
    );
  lines.push(claimCyclesTable(x.loops.cycles));
  return lines.join('\n') + '\n';
}
