// A one-bank laboratory network as raw JSON: one lender "bank" with one market "bank/x" of X (price 100,
// market oracle "x") against a dollar debt asset on a fixed oracle at $1, LTV 0.75, LT 0.8, bonus 5%, and one
// dex "v" holding the depth the caller gives.
import { fixedOracle, marketOracle } from './oracles';

export interface OneBankOptions {
  name: string;
  asOf: string;
  /** The debt asset; its fixed oracle is its id in lower case. A debt other than USD adds USD as an asset. */
  debt: 'USD' | 'D';
  /** The dex's liquidity entries. */
  liquidity: { asset: string; depthUsd2pct: string; resilienceHalfLifeSec: number }[];
  /** The bank's USD holdings. */
  holdingsUsd: string;
  externalLiabilitiesUsd: string;
  cohorts: { collateralAmount: string; debtAmount: string }[];
  /** Close factor 1 and full liquidation below HF 1 (absent: the format's defaults). */
  closeOut?: boolean;
}

export function oneBankRaw(o: OneBankOptions): Record<string, unknown> {
  return {
    format: 'contagion/network@1',
    name: o.name,
    asOf: o.asOf,
    assets: [
      { id: 'X', priceUsd: '100' },
      { id: o.debt, priceUsd: '1' },
      ...(o.debt === 'USD' ? [] : [{ id: 'USD', priceUsd: '1' }]),
    ],
    venues: [{ id: 'v', kind: 'dex', liquidity: o.liquidity }],
    oracles: [marketOracle('x', 'X'), fixedOracle(o.debt.toLowerCase(), o.debt, '1')],
    protocols: [
      {
        id: 'bank',
        kind: 'lending',
        holdings: [{ asset: 'USD', amount: o.holdingsUsd }],
        externalLiabilitiesUsd: o.externalLiabilitiesUsd,
        markets: [
          {
            id: 'bank/x',
            collateral: 'X',
            debt: o.debt,
            loanToValue: 0.75,
            liquidationThreshold: 0.8,
            liquidationBonus: 0.05,
            ...(o.closeOut ? { closeFactor: 1, fullLiquidationHf: 1 } : {}),
            collateralOracle: 'x',
            debtOracle: o.debt.toLowerCase(),
            cohorts: o.cohorts,
          },
        ],
      },
    ],
  };
}
