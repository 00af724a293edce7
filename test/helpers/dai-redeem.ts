// A two-stablecoin network as raw JSON: USDC issued by "circle" (1B supply, $2B of other assets) and DAI
// issued by the CDP "maker" (1B supply) against the USDC it holds, with one redemption link of DAI for USDC
// and one dex "dex"; no oracles and no sources.

export interface DaiRedeemOptions {
  name: string;
  /** The redemption link of DAI for USDC. */
  link: Record<string, unknown>;
  /** The dex's liquidity entries. */
  liquidity: { asset: string; depthUsd2pct: string; resilienceHalfLifeSec: number }[];
  /** The USDC maker holds. */
  makerUsdc: string;
}

export function daiRedeemRaw(o: DaiRedeemOptions): Record<string, unknown> {
  return {
    format: 'contagion/network@1',
    name: o.name,
    asOf: '2025-10-31',
    sources: {},
    assets: [
      { id: 'USDC', priceUsd: '1', peg: { target: 'USD', issuer: 'circle' } },
      { id: 'DAI', priceUsd: '1', peg: { target: 'USD', issuer: 'maker' } },
    ],
    convertibility: [o.link],
    venues: [{ id: 'dex', kind: 'dex', liquidity: o.liquidity }],
    oracles: [],
    protocols: [
      {
        id: 'circle',
        kind: 'stablecoin-issuer',
        otherAssetsUsd: '2000000000',
        issues: [{ asset: 'USDC', supply: '1000000000' }],
      },
      {
        id: 'maker',
        kind: 'cdp',
        holdings: [{ asset: 'USDC', amount: o.makerUsdc }],
        issues: [{ asset: 'DAI', supply: '1000000000' }],
      },
    ],
  };
}
