// A network of one perp book as raw JSON: ETH at 1000 on market oracle "eth", USDC, and ETH-PERP (pegged to
// ETH, issued by "venue") on dex "book" with depth D (USD per unit of log price) and no resilience, booked
// by the perp venue "venue" (50,000 USDC held and owed) whose book "venue/eth" marks within 1% of the index
// at up to 25x.
import { DEPTH_LN } from '../../src/engine/constants';
import { marketOracle } from './oracles';

/** The venue with `venue` merged into its entry and `perp` into its book's (cohorts, backstop, funding). */
export function perpVenue(
  venue: Record<string, unknown>,
  perp: Record<string, unknown>,
): Record<string, unknown> {
  return {
    id: 'venue',
    kind: 'perp',
    holdings: [{ asset: 'USDC', amount: '50000' }],
    externalLiabilitiesUsd: '50000',
    ...venue,
    issues: [{ asset: 'ETH-PERP', supply: '0' }],
    perps: [
      {
        id: 'venue/eth',
        bookAsset: 'ETH-PERP',
        indexOracles: ['eth'],
        markBand: 0.01,
        marginTiers: [{ fromNotionalUsd: '0', maxLeverage: 25 }],
        ...perp,
      },
    ],
  };
}

/** The network with depth `depth` and `protocols` (the venue of perpVenue among them). */
export function onePerpBookRaw(depth: number, protocols: Record<string, unknown>[]): Record<string, unknown> {
  return {
    format: 'contagion/network@1',
    name: 'one perp book',
    asOf: '2025-10-10',
    assets: [
      { id: 'ETH', priceUsd: '1000' },
      { id: 'ETH-PERP', priceUsd: '1000', peg: { target: 'ETH', issuer: 'venue' } },
      { id: 'USDC', priceUsd: '1' },
    ],
    venues: [
      {
        id: 'book',
        kind: 'dex',
        liquidity: [
          { asset: 'ETH-PERP', depthUsd2pct: String(depth * DEPTH_LN), resilienceHalfLifeSec: 1e9 },
        ],
      },
    ],
    oracles: [marketOracle('eth', 'ETH')],
    protocols,
  };
}
