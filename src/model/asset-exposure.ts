// What each protocol stands to lose on each asset it touches, in parts (held, lent against, lent, offset by
// the tokens it issues whose par follows the asset): the asset -> protocol exposure of docs/model.md §5.1,
// shared by the exposure graph and by the stored graph's relationships.
import { marketLoansUsd, parPricer } from './balance-sheet';
import { ZERO } from './decimal';
import type { Network } from './network';

/** What an asset -> protocol exposure is made of, USD at initial prices. */
export interface AssetExposureParts {
  /** The asset held. */
  holdingUsd: number;
  /** Loans of the protocol's markets against the asset as collateral, at min(debt value, collateral value). */
  collateralUsd: number;
  /** Loans of the protocol's markets whose debt is the asset (not its own issued token). */
  loanUsd: number;
  /** Tokens the protocol issues whose par follows the asset (it is pegged to it, directly or down a chain). */
  issuedOffsetUsd: number;
}

/** The parts less the offset: what a fall of the asset to nothing takes from the protocol (may be <= 0). */
export const netExposureUsd = (x: AssetExposureParts): number =>
  x.holdingUsd + x.collateralUsd + x.loanUsd - x.issuedOffsetUsd;

/** Per protocol id, per asset id (in the order first met): the parts of its exposure. */
export function assetExposureParts(net: Network): Map<string, Map<string, AssetExposureParts>> {
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd.toNumber()] as const));
  const byId = new Map(net.assets.map((a) => [a.id, a] as const));
  const par = parPricer(net);
  const priceDec = new Map(net.assets.map((a) => [a.id, a.priceUsd] as const));
  const px = (a: string) => priceDec.get(a) ?? ZERO;

  /** The assets whose price an asset's par follows: its peg target, the target's target, ... */
  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    const seen = new Set<string>([id]);
    let cur = byId.get(id);
    while (cur?.peg && cur.peg.target !== 'USD' && !seen.has(cur.peg.target)) {
      out.push(cur.peg.target);
      seen.add(cur.peg.target);
      cur = byId.get(cur.peg.target);
    }
    return out;
  };

  const out = new Map<string, Map<string, AssetExposureParts>>();
  for (const p of net.protocols) {
    const own = new Set(p.issues.map((i) => i.asset));
    const parts = new Map<string, AssetExposureParts>();
    const get = (a: string) => {
      let x = parts.get(a);
      if (!x) {
        x = { holdingUsd: 0, collateralUsd: 0, loanUsd: 0, issuedOffsetUsd: 0 };
        parts.set(a, x);
      }
      return x;
    };
    for (const h of p.holdings) get(h.asset).holdingUsd += h.amount.toNumber() * (price.get(h.asset) ?? 0);
    for (const m of p.markets) {
      const loans = marketLoansUsd(m, own, px, par).toNumber();
      get(m.collateral).collateralUsd += loans;
      if (m.debt !== m.collateral && !own.has(m.debt)) get(m.debt).loanUsd += loans;
    }
    for (const i of p.issues) {
      const usd = i.supply.mul(par(i.asset)).toNumber();
      for (const a of ancestors(i.asset)) if (parts.has(a)) get(a).issuedOffsetUsd += usd;
    }
    out.set(p.id, parts);
  }
  return out;
}
