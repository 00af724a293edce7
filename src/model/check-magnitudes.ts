// Bounds on the size of a network's balance sheets at initial prices, so the engine's cents ledger stays exact.
// The sizes are summed in doubles from the cohort and claim rows (no decimal.js value per row: a bound needs no
// exact sum, and a million cohorts must stay cheap to check); each side is valued as the balance sheet is.
import { forEachClaim } from './claim-rows';
import { forEachCohortAmount } from './cohort-rows';
import { type InputIssue, jsonPath } from './errors';
import type { Network } from './network';
import { parPricer } from './balance-sheet';

/**
 * Largest total of either side of one protocol's balance sheet, and of one market's collateral, in USD at
 * initial prices. The ledger books whole cents in floats, exact below 2^53 cents (about 90 trillion USD);
 * a trillion leaves room for prices rising tenfold (the most a price path may) and for sums over a run.
 */
export const MAX_BALANCE_USD = 1e12;

/** Problems of a reference-valid network whose balance sheets are too large for the ledger. */
export function checkMagnitudes(net: Network, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const marketIssues: InputIssue[] = [];
  const say = (what: string, usd: number) =>
    `${what} ${usd.toFixed(0)} USD at initial prices: at most 1e12 USD (what the cents ledger carries exactly)`;
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd.toNumber()] as const));
  const px = (a: string) => price.get(a) ?? 0;
  const parDec = parPricer(net);
  const parCache = new Map<string, number>();
  const par = (a: string) => {
    let v = parCache.get(a);
    if (v === undefined) parCache.set(a, (v = parDec(a).toNumber()));
    return v;
  };
  const claimsOn = new Map<string, number>();
  for (const p of net.protocols)
    forEachClaim(p, (on, usd) => claimsOn.set(on, (claimsOn.get(on) ?? 0) + usd));
  net.protocols.forEach((p, i) => {
    const own = new Set(p.issues.map((x) => x.asset));
    let assets = p.otherAssetsUsd.toNumber();
    for (const h of p.holdings) assets += h.amount.toNumber() * px(h.asset);
    forEachClaim(p, (_, usd) => (assets += usd));
    p.markets.forEach((m, k) => {
      const debtPx = own.has(m.debt) ? par(m.debt) : px(m.debt);
      const collPx = px(m.collateral);
      let collateral = 0;
      forEachCohortAmount(m, (x, y) => {
        collateral += x * collPx;
        assets += Math.min(y * debtPx, x * collPx);
      });
      if (collateral > MAX_BALANCE_USD)
        marketIssues.push({
          file,
          path: jsonPath(['protocols', i, 'markets', k]),
          reason: say('collateral of', collateral),
        });
    });
    let liabilities = p.externalLiabilitiesUsd.toNumber() + (claimsOn.get(p.id) ?? 0);
    for (const x of p.issues) liabilities += x.supply.toNumber() * par(x.asset);
    if (assets > MAX_BALANCE_USD)
      issues.push({ file, path: jsonPath(['protocols', i]), reason: say('assets of', assets) });
    if (liabilities > MAX_BALANCE_USD)
      issues.push({ file, path: jsonPath(['protocols', i]), reason: say('liabilities of', liabilities) });
  });
  // Every protocol's own sides first, then the markets, as a reader scans the file.
  return [...issues, ...marketIssues];
}
