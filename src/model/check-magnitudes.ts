// Bounds on the size of a network's balance sheets at initial prices, so the engine's cents ledger stays exact.
import { balanceSheets } from './balance-sheet';
import { Dec } from './decimal';
import { type InputIssue, jsonPath } from './errors';
import type { Network } from './network';

/**
 * Largest total of either side of one protocol's balance sheet, and of one market's collateral, in USD at
 * initial prices. The ledger books whole cents in floats, exact below 2^53 cents (about 90 trillion USD);
 * a trillion leaves room for prices rising tenfold (the most a price path may) and for sums over a run.
 */
export const MAX_BALANCE_USD = 1e12;

/** Problems of a reference-valid network whose balance sheets are too large for the ledger. */
export function checkMagnitudes(net: Network, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const limit = new Dec(MAX_BALANCE_USD);
  const say = (what: string, usd: Dec) =>
    `${what} ${usd.toFixed(0)} USD at initial prices: at most 1e12 USD (what the cents ledger carries exactly)`;
  balanceSheets(net).forEach((sheet, i) => {
    if (sheet.assetsUsd.gt(limit))
      issues.push({ file, path: jsonPath(['protocols', i]), reason: say('assets of', sheet.assetsUsd) });
    if (sheet.liabilitiesUsd.gt(limit))
      issues.push({
        file,
        path: jsonPath(['protocols', i]),
        reason: say('liabilities of', sheet.liabilitiesUsd),
      });
  });
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd] as const));
  net.protocols.forEach((p, i) =>
    p.markets.forEach((m, k) => {
      const px = price.get(m.collateral) ?? new Dec(0);
      const collateral = m.cohorts.reduce((s, c) => s.add(c.collateralAmount.mul(px)), new Dec(0));
      if (collateral.gt(limit))
        issues.push({
          file,
          path: jsonPath(['protocols', i, 'markets', k]),
          reason: say('collateral of', collateral),
        });
    }),
  );
  return issues;
}
