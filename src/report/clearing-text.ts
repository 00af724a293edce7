// Terminal rendering of a clearing house's resolution: orderly against chaotic, and who bore the loss.
import type { ClearingComparison, LossSummary } from '../analysis/clearing/clearing-house';
import type { Spillover } from '../analysis/clearing/spillover';
import { summarize } from '../analysis/clearing/clearing-house';
import { pct, usd } from './format';
import { table } from './table';

/** The comparison table: bad debt, worst price of each sold asset and every layer of the waterfall. */
export function clearingTable(cmp: ClearingComparison): string {
  const o = summarize(cmp, cmp.orderly);
  const c = summarize(cmp, cmp.chaotic);
  const row = (label: string, f: (s: LossSummary) => string) => [label, f(o), f(c)];
  const rows: string[][] = [row('bad debt (past the defaulters\u2019 margin)', (s) => usd(s.badDebtUsd))];
  o.assets.forEach((a, i) => {
    const price = (s: LossSummary) => {
      const x = s.assets[i]!;
      return `${x.worstPriceUsd.toFixed(2)} (${pct(x.worstPriceUsd / x.markUsd - 1)})`;
    };
    rows.push(row(`worst price of ${a.asset} (from ${a.markUsd.toFixed(2)})`, price));
    // Margin that arrives through a bridge after the chaotic case's one step is sold only in the orderly case.
    const soldChaotic = c.assets[i]!.soldUsd;
    const sold =
      Math.abs(soldChaotic - a.soldUsd) < 0.005
        ? `${usd(a.soldUsd)} of ${a.asset} at mark`
        : `the ${a.asset} sold (${usd(a.soldUsd)} orderly, ${usd(soldChaotic)} chaotic at mark)`;
    rows.push(row(`  raised by ${sold}`, (s) => usd(s.assets[i]!.proceedsUsd)));
  });
  if (o.lateMarginUsd > 0 || c.lateMarginUsd > 0)
    rows.push(
      row('margin on another chain arriving after the settlement (unused)', (s) => usd(s.lateMarginUsd)),
    );
  rows.push(row('borne by the defaulters\u2019 margin', (s) => usd(s.defaulterMarginUsd)));
  rows.push(row('borne by the defaulters\u2019 fund contributions', (s) => usd(s.defaulterFundUsd)));
  rows.push(row(`borne by the house\u2019s fund (${cmp.house.skinInTheGame})`, (s) => usd(s.houseFundUsd)));
  cmp.members.forEach((m, i) => {
    if (m.defaulted) return;
    rows.push(row(`borne by ${m.protocol}: fund contribution`, (s) => usd(s.members[i]!.fundUsd)));
    rows.push(row(`borne by ${m.protocol}: haircut`, (s) => usd(s.members[i]!.haircutUsd)));
  });
  rows.push(row('socialized in all', (s) => usd(s.socializedUsd)));
  if (o.unallocatedUsd > 0 || c.unallocatedUsd > 0)
    rows.push(row('left unallocated', (s) => usd(s.unallocatedUsd)));
  return table(['', `orderly (${cmp.orderly.steps} steps)`, 'chaotic (1 step)'], rows, [
    'left',
    'right',
    'right',
  ]);
}

/** The network's runs under the shock alone and with each sale. */
export function spilloverTable(sp: Spillover): string {
  const base = sp.runs[0]!;
  const assets = Object.keys(base.minPriceUsd);
  return table(
    [
      'network run',
      'bad debt',
      'added by the sale',
      'liquidated',
      ...assets.map((a) => `lowest ${a}`),
      'insolvent',
    ],
    sp.runs.map((r) => [
      r.case,
      usd(r.badDebtUsd),
      r === base ? '' : usd(r.badDebtUsd - base.badDebtUsd),
      usd(r.liquidatedUsd),
      ...assets.map((a) => r.minPriceUsd[a]!.toFixed(2)),
      r.insolventProtocols.join(', '),
    ]),
    ['left', 'right', 'right', 'right', ...assets.map(() => 'right' as const), 'left'],
  );
}

/** The members and their net positions, then the comparison (and the network's runs when given). */
export function renderClearing(name: string, cmp: ClearingComparison, sp?: Spillover): string {
  const members = table(
    ['member', 'chain', 'margin', 'fund', 'net (owed +, owes -)', 'status'],
    cmp.members.map((m) => [
      m.protocol,
      m.chain ?? '',
      usd(m.marginUsd),
      usd(m.fundUsd),
      usd(m.netUsd),
      m.defaulted ? 'defaults' : 'meets its call',
    ]),
    ['left', 'left', 'right', 'right', 'right', 'left'],
  );
  const saved = cmp.netting.grossUsd > 0 ? 1 - cmp.netting.netUsd / cmp.netting.grossUsd : 0;
  return [
    `Clearing house "${cmp.house.id}" of "${name}" (settled in ${cmp.settlementAsset})`,
    '',
    `Netting: ${usd(cmp.netting.grossUsd)} of claims net to ${usd(cmp.netting.netUsd)} (${pct(saved)} netted away).`,
    members,
    '',
    'Resolution of the defaulters\u2019 books: orderly (sold evenly over the steps) against chaotic (all in the default step)',
    clearingTable(cmp),
    '',
    ...(sp
      ? [
          `The network under the shock, alone and with each sale (engine runs of ${sp.horizonSteps} steps)`,
          spilloverTable(sp),
          '',
        ]
      : []),
  ].join('\n');
}
