// Terminal rendering of static exposure paths: top paths with each hop's type and share, protocols reached.
import type { ExposurePath, PathsResult } from '../analysis/exposure-paths';
import { pct } from './format';
import { table } from './table';

/** `asset:ETH =[peg 100.0%]=> asset:wstETH =[collateral 92.0%]=> protocol:x` */
export function renderExposurePath(p: ExposurePath): string {
  return [p.nodes[0], ...p.hops.map((h) => `=[${h.type} ${pct(h.share)}]=> ${h.to}`)].join(' ');
}

export function renderPaths(r: PathsResult): string {
  const out: string[] = [];
  const scope = r.to ? `to ${r.to}` : 'to every protocol exposed to it';
  out.push(`Exposure paths from ${r.from} ${scope} (at most ${r.maxLength} hops)`);
  out.push(
    'A hop u =[type share]=> v: if u were worth nothing, v would lose that share of its assets (a protocol)\n' +
      "or of its price (an asset); a path's share is the product of its hops' shares.",
  );
  if (r.from.startsWith('asset:') && !r.to && r.maxLength === 6)
    out.push(
      'The stored-network query `exposure-paths` reaches the same protocols; it shows each one with its path\n' +
        'of fewest hops, where this lists the path that transmits the largest share.',
    );
  out.push('');
  if (r.paths.length === 0) {
    out.push(
      r.to
        ? `No exposure path from ${r.from} to ${r.to} within ${r.maxLength} hops.`
        : `No protocol is exposed to ${r.from} within ${r.maxLength} hops.`,
    );
    return out.join('\n') + '\n';
  }
  out.push(
    `Top ${r.paths.length} path${r.paths.length === 1 ? '' : 's'}${r.truncated ? ' (search cut short)' : ''}`,
  );
  out.push(
    table(
      ['#', 'share', 'hops', 'path'],
      r.paths.map((p, i) => [i + 1, pct(p.share, 2), p.hops.length, renderExposurePath(p)]),
      ['right', 'right', 'right', 'left'],
    ),
  );
  if (!r.to) {
    out.push('');
    out.push(`Protocols reached (${r.reached.length}), by the share of their best path`);
    out.push(
      table(
        ['protocol', 'best share', 'hops', 'best path'],
        r.reached.map((x) => [x.protocol, pct(x.share, 2), x.path.hops.length, x.path.nodes.join(' > ')]),
        ['left', 'right', 'right', 'left'],
      ),
    );
  }
  return out.join('\n') + '\n';
}
