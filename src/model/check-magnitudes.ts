// Bounds on the size of a network's balance sheets at initial prices, so the engine's cents ledger stays exact.
// The bounds are decided in doubles with a bound on their rounding error, from the rows as written (no
// decimal.js value per cohort or claim); only a network with a total near or above a bound is summed again
// exactly in decimal.js, which then gives the messages.
import { balanceSheets, parPricer } from './balance-sheet';
import { claimColumns, forEachClaim } from './claim-rows';
import { cohortAmounts } from './cohort-rows';
import { Dec } from './decimal';
import { type InputIssue, jsonPath } from './errors';
import type { Network } from './network';

/**
 * Largest total of either side of one protocol's balance sheet, and of one market's collateral, in USD at
 * initial prices. The ledger books whole cents in floats, exact below 2^53 cents (about 90 trillion USD);
 * a trillion leaves room for prices rising tenfold (the most a price path may) and for sums over a run.
 */
export const MAX_BALANCE_USD = 1e12;

/**
 * A bound on the rounding error of a double sum of products, as a share of the sum of the terms' magnitudes:
 * each amount and price is rounded once to a double, each product and each addition once more, each by at
 * most 2^-53 relative, so a sum of n terms stays within about 4n * 2^-53 of it; this allows for up to about
 * two billion terms.
 */
const DOUBLE_SUM_MARGIN = 1e-6;

/**
 * Whether every total `checkMagnitudes` bounds is certainly within the limit, from doubles: each total is
 * summed with the sum of its terms' magnitudes, and counts as within only if it stays within the limit after
 * the largest rounding error the doubles can carry.
 */
export function certainlyWithinLimits(net: Network): boolean {
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd.toNumber()] as const));
  const px = (id: string) => price.get(id) ?? 0;
  const exactPar = parPricer(net);
  const parOf = new Map<string, number>();
  const par = (id: string) => {
    let v = parOf.get(id);
    if (v === undefined) parOf.set(id, (v = exactPar(id).toNumber()));
    return v;
  };
  const within = (total: number, magnitude: number) =>
    total + DOUBLE_SUM_MARGIN * magnitude <= MAX_BALANCE_USD;
  // Each protocol's claims on others (an asset), and the claims of others on each one (a liability).
  const { claimsHeld, claimsOn } = claimTotals(net);
  let ok = true;
  net.protocols.forEach((p, pi) => {
    const own = new Set(p.issues.map((i) => i.asset));
    let assets = p.otherAssetsUsd.toNumber();
    let assetsMagnitude = Math.abs(assets);
    for (const h of p.holdings) {
      const v = h.amount.toNumber() * px(h.asset);
      assets += v;
      assetsMagnitude += Math.abs(v);
    }
    // Claim amounts are non-negative: their sum is its own magnitude.
    assets += claimsHeld[pi]!;
    assetsMagnitude += claimsHeld[pi]!;
    for (const m of p.markets) {
      const debtPx = own.has(m.debt) ? par(m.debt) : px(m.debt);
      const collPx = px(m.collateral);
      let loans = 0;
      let collateral = 0;
      // A plain loop over the columns (sums held in a closure would be boxed on every add).
      const amounts = cohortAmounts(m);
      for (let i = amounts.start; i < amounts.start + amounts.count; i++) {
        const cv = amounts.collateral[i]! * collPx;
        collateral += cv;
        loans += Math.min(amounts.debt[i]! * debtPx, cv);
      }
      // Amounts and prices are non-negative, so each sum is its own magnitude.
      if (!within(collateral, collateral)) ok = false;
      assets += loans;
      assetsMagnitude += Math.abs(loans);
    }
    let liabilities = p.externalLiabilitiesUsd.toNumber();
    let liabilitiesMagnitude = Math.abs(liabilities) + (claimsOn.get(p.id) ?? 0);
    liabilities += claimsOn.get(p.id) ?? 0;
    for (const i of p.issues) {
      const v = i.supply.toNumber() * par(i.asset);
      liabilities += v;
      liabilitiesMagnitude += Math.abs(v);
    }
    if (!within(assets, assetsMagnitude) || !within(liabilities, liabilitiesMagnitude)) ok = false;
  });
  return ok;
}

/** Problems of a reference-valid network whose balance sheets are too large for the ledger. */
export function checkMagnitudes(net: Network, file: string): InputIssue[] {
  const perps = perpMagnitudes(net, file);
  if (certainlyWithinLimits(net)) return perps;
  const issues: InputIssue[] = [];
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
  return [...issues, ...perps];
}

const limit = new Dec(MAX_BALANCE_USD);
const say = (what: string, usd: Dec) =>
  `${what} ${usd.toFixed(0)} USD at initial prices: at most 1e12 USD (what the cents ledger carries exactly)`;

/** Perp books (few rows, summed exactly): each side's notional at entry and the margin of all cohorts. */
function perpMagnitudes(net: Network, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  net.protocols.forEach((p, i) =>
    (p.perps ?? []).forEach((b, k) => {
      const path = jsonPath(['protocols', i, 'perps', k]);
      for (const side of ['long', 'short'] as const) {
        const notional = b.cohorts
          .filter((c) => c.side === side)
          .reduce((t, c) => t.add(c.size.mul(c.entryPriceUsd)), new Dec(0));
        if (notional.gt(limit)) issues.push({ file, path, reason: say(`${side} notional of`, notional) });
      }
      const margin = b.cohorts.reduce((t, c) => t.add(c.marginUsd), new Dec(0));
      if (margin.gt(limit)) issues.push({ file, path, reason: say('margin of', margin) });
    }),
  );
  return issues;
}

/**
 * Each protocol's claims held, and the claims on each protocol id, summed in file order. When every
 * protocol's claims are columns over one list of ids, the sums by debtor are kept by index (no lookup by id
 * per claim): each debtor's amounts are added in the same order either way.
 */
function claimTotals(net: Network): { claimsHeld: number[]; claimsOn: Map<string, number> } {
  const claimsOn = new Map<string, number>();
  const columns = net.protocols.map(claimColumns);
  const ids = columns[0]?.ids;
  if (ids && columns.every((c) => c?.ids === ids)) {
    const on = new Float64Array(ids.length);
    const seen = new Uint8Array(ids.length);
    const claimsHeld = columns.map((c) => {
      const { debtor, amountUsd, start, count } = c!;
      let held = 0;
      for (let k = start; k < start + count; k++) {
        held += amountUsd[k]!;
        on[debtor[k]!]! += amountUsd[k]!;
        seen[debtor[k]!] = 1;
      }
      return held;
    });
    for (let j = 0; j < ids.length; j++) if (seen[j]) claimsOn.set(ids[j]!, on[j]!);
    return { claimsHeld, claimsOn };
  }
  const claimsHeld = net.protocols.map((p) => {
    let held = 0;
    forEachClaim(p, (on, amountUsd) => {
      held += amountUsd;
      claimsOn.set(on, (claimsOn.get(on) ?? 0) + amountUsd);
    });
    return held;
  });
  return { claimsHeld, claimsOn };
}
