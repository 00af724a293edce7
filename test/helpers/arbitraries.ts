// fast-check arbitraries: random valid network files (raw JSON) of a few protocols.
import fc from 'fast-check';

/** A random valid network: base assets, protocols with holdings, claims on each other and simple markets. */
export const networkRaw = fc
  .record({
    assets: fc.integer({ min: 1, max: 4 }),
    protocols: fc.integer({ min: 1, max: 6 }),
    seed: fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }),
  })
  .map(({ assets, protocols, seed }) => {
    let k = 0;
    const next = () => seed[k++ % seed.length]!;
    const assetIds = Array.from({ length: assets }, (_, i) => `A${i}`);
    return {
      format: 'contagion/network@1',
      name: 'random',
      asOf: '2025-01-01',
      assets: assetIds.map((id, i) => ({ id, priceUsd: String(1 + next() + i) })),
      oracles: assetIds.map((id) => ({
        id: `o-${id}`,
        asset: id,
        source: 'market',
        heartbeatSec: 3600,
        deviation: 0.005,
        latencySec: 12,
      })),
      venues: [
        {
          id: 'v',
          kind: 'dex',
          liquidity: assetIds.map((a) => ({ asset: a, depthUsd2pct: '100000', resilienceHalfLifeSec: 600 })),
        },
      ],
      protocols: Array.from({ length: protocols }, (_, i) => ({
        id: `p${i}`,
        kind: 'lending',
        holdings: [{ asset: assetIds[next() % assets]!, amount: String(next()) }],
        claims: Array.from({ length: protocols }, (_, j) => j)
          .filter((j) => j !== i && next() % 3 === 0)
          .map((j) => ({ on: `p${j}`, amountUsd: String(next()) })),
        externalLiabilitiesUsd: String(next()),
        markets:
          assets > 1
            ? [
                {
                  id: `p${i}/m`,
                  collateral: 'A0',
                  debt: 'A1',
                  loanToValue: 0.5,
                  liquidationThreshold: 0.6,
                  liquidationBonus: 0.05,
                  collateralOracle: 'o-A0',
                  debtOracle: 'o-A1',
                  cohorts: [{ collateralAmount: String(1 + next()), debtAmount: String(next()) }],
                },
              ]
            : [],
      })),
    };
  });
