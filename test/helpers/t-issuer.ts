// A network of one issuer "iss" of T as raw JSON: 20 CASH of reserves that pay redemptions (link "iss-t",
// CASH for T both ways), 80 of other reserves, 100 T issued and 10 of capital outside the reserves (its
// insurance fund); T trades on dex "dex" with $1,000 of depth within 2% and a 600 s half-life.

export interface TIssuerExtras {
  /** Assets besides CASH and T. */
  assets?: Record<string, unknown>[];
  /** The oracles (none if absent). */
  oracles?: Record<string, unknown>[];
  /** Protocols besides the issuer. */
  protocols?: Record<string, unknown>[];
}

export function tIssuerRaw(name: string, extras: TIssuerExtras = {}): Record<string, unknown> {
  return {
    format: 'contagion/network@1',
    name,
    asOf: '2025-01-01',
    assets: [
      { id: 'CASH', priceUsd: '1' },
      { id: 'T', priceUsd: '1', peg: { target: 'USD', issuer: 'iss' } },
      ...(extras.assets ?? []),
    ],
    convertibility: [{ id: 'iss-t', from: 'CASH', to: 'T', rate: 1, direction: 'both', converter: 'iss' }],
    venues: [
      {
        id: 'dex',
        kind: 'dex',
        liquidity: [{ asset: 'T', depthUsd2pct: '1000', resilienceHalfLifeSec: 600 }],
      },
    ],
    ...(extras.oracles ? { oracles: extras.oracles } : {}),
    protocols: [
      {
        id: 'iss',
        kind: 'stablecoin-issuer',
        holdings: [{ asset: 'CASH', amount: '20' }],
        otherAssetsUsd: '80',
        issues: [{ asset: 'T', supply: '100' }],
        insuranceFundUsd: '10',
      },
      ...(extras.protocols ?? []),
    ],
  };
}
