// Each protocol's balance sheet at the network's initial prices (docs/model.md §1.6), in decimal.js.
import { Dec, ZERO } from './decimal';
import type { Market, Network, Protocol } from './network';

export interface BalanceSheet {
  protocol: string;
  holdingsUsd: Dec;
  otherAssetsUsd: Dec;
  claimsUsd: Dec;
  /** Loans of the protocol's markets, each cohort at min(debt value, collateral value). */
  loansUsd: Dec;
  assetsUsd: Dec;
  externalLiabilitiesUsd: Dec;
  /** Claims of other protocols on this one. */
  claimsOnUsd: Dec;
  /** Issued tokens at par: supply x rate x the target's price. */
  issuedUsd: Dec;
  liabilitiesUsd: Dec;
  equityUsd: Dec;
}

/**
 * A function giving the price of one unit of an asset at par (its peg target's price times the peg rate,
 * down the peg chain), or its own price if unpegged.
 */
export function parPricer(net: Network): (assetId: string) => Dec {
  const byId = new Map(net.assets.map((a) => [a.id, a] as const));
  return (assetId) => {
    let factor = new Dec(1);
    let cur = byId.get(assetId);
    const seen = new Set<string>();
    while (cur?.peg && !seen.has(cur.id)) {
      seen.add(cur.id);
      factor = factor.mul(cur.peg.rate);
      if (cur.peg.target === 'USD') return factor;
      cur = byId.get(cur.peg.target);
    }
    return cur ? factor.mul(cur.priceUsd) : ZERO;
  };
}

/**
 * The loans of one market as its lender's asset: each cohort at min(debt value, collateral value); a loan in
 * one of the lender's own issued tokens (`own`) is valued at par, like the liability it cancels.
 */
export function marketLoansUsd(
  m: Market,
  own: ReadonlySet<string>,
  px: (assetId: string) => Dec,
  par: (assetId: string) => Dec,
): Dec {
  const debtPx = own.has(m.debt) ? par(m.debt) : px(m.debt);
  const collPx = px(m.collateral);
  return m.cohorts.reduce(
    (s, c) => s.add(Dec.min(c.debtAmount.mul(debtPx), c.collateralAmount.mul(collPx))),
    ZERO,
  );
}

/** Balance sheets of every protocol, in the network's order. */
export function balanceSheets(net: Network): BalanceSheet[] {
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd] as const));
  const claimsOn = new Map<string, Dec>();
  for (const p of net.protocols) {
    for (const c of p.claims) claimsOn.set(c.on, (claimsOn.get(c.on) ?? ZERO).add(c.amountUsd));
  }
  const par = parPricer(net);
  return net.protocols.map((p) => sheetOf(p, price, par, claimsOn.get(p.id) ?? ZERO));
}

function sheetOf(
  p: Protocol,
  price: Map<string, Dec>,
  par: (a: string) => Dec,
  claimsOnUsd: Dec,
): BalanceSheet {
  const px = (a: string) => price.get(a) ?? ZERO;
  const own = new Set(p.issues.map((i) => i.asset));
  const holdingsUsd = p.holdings.reduce((s, h) => s.add(h.amount.mul(px(h.asset))), ZERO);
  const claimsUsd = p.claims.reduce((s, c) => s.add(c.amountUsd), ZERO);
  let loansUsd = ZERO;
  for (const m of p.markets) loansUsd = loansUsd.add(marketLoansUsd(m, own, px, par));
  const issuedUsd = p.issues.reduce((s, i) => s.add(i.supply.mul(par(i.asset))), ZERO);
  const assetsUsd = holdingsUsd.add(p.otherAssetsUsd).add(claimsUsd).add(loansUsd);
  const liabilitiesUsd = p.externalLiabilitiesUsd.add(claimsOnUsd).add(issuedUsd);
  return {
    protocol: p.id,
    holdingsUsd,
    otherAssetsUsd: p.otherAssetsUsd,
    claimsUsd,
    loansUsd,
    assetsUsd,
    externalLiabilitiesUsd: p.externalLiabilitiesUsd,
    claimsOnUsd,
    issuedUsd,
    liabilitiesUsd,
    equityUsd: assetsUsd.sub(liabilitiesUsd),
  };
}
