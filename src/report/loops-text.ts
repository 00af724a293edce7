// Terminal rendering of recursive leverage loops: pegged collateral/debt markets and claims cycles.
import type { Loops } from '../analysis/loops';
import { pct, times, usd } from './format';
import { table } from './table';

/** The table of loop markets (with their collateral value when `withCollateral`), or `  none`. */
export function marketLoopsTable(markets: Loops['markets'], withCollateral: boolean): string {
  if (markets.length === 0) return '  none';
  const head = [
    'market',
    'collateral/debt',
    'peg root',
    ...(withCollateral ? ['collateral'] : []),
    'debt',
    'LTV',
    'max leverage',
    'leverage taken',
  ];
  return table(
    head,
    markets.map((m) => [
      m.market,
      `${m.collateral}/${m.debt}`,
      m.pegRoot,
      ...(withCollateral ? [usd(m.collateralUsd)] : []),
      usd(m.debtUsd),
      pct(m.loanToValue),
      times(m.maxLeverage),
      times(m.leverage),
    ]),
    head.map((_, i) => (i < 3 ? 'left' : 'right')),
  );
}

/** The table of claims cycles with their hops, loop share and amplification, or `  none`. */
export function claimCyclesTable(cycles: Loops['cycles']): string {
  if (cycles.length === 0) return '  none';
  return table(
    ['cycle', 'hops (claim, share of holder)', 'loop share', 'amplification'],
    cycles.map((c) => [
      [...c.protocols, c.protocols[0]].join(' -> '),
      c.hops.map((h) => `${h.from}->${h.to} ${usd(h.amountUsd)} ${pct(h.share, 2)}`).join('\n'),
      pct(c.loopShare, 4),
      times(c.amplification, 4),
    ]),
    ['left', 'left', 'right', 'right'],
  );
}

export function renderLoops(name: string, asOf: string, x: Loops): string {
  const out: string[] = [];
  out.push(`Recursive leverage loops of "${name}" as of ${asOf}`);
  out.push('');
  out.push(`Markets whose collateral and debt share a peg root (${x.markets.length}), largest debt first`);
  out.push(marketLoopsTable(x.markets, true));
  out.push(
    'max leverage = 1 / (1 - LTV), looping to the limit; leverage taken = 1 / (1 - debt / collateral).',
  );
  out.push('');
  out.push(
    `Cycles of the claims graph (${x.cycles.length}${x.truncated ? ', list cut at the limit' : ''}), largest amplification first`,
  );
  out.push(claimCyclesTable(x.cycles));
  out.push(
    'loop share = product of claim / holder assets around the cycle; amplification = 1 / (1 - loop share).',
  );
  return out.join('\n') + '\n';
}
