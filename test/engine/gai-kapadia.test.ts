// The Gai–Kapadia (2010) contagion window on random networks (docs/model.md §6): with a 4% capital buffer, 20% of
// assets interbank and zero recovery, one default spreads widely for average degrees roughly between 1 and 8
// and rarely outside. Seeded random networks, run through the engine's clearing with LGD 1.
import prand from 'pure-rand';
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';

const N = 100;

/**
 * Banks taken down by one bank's failure, per trial. Amounts are in units of `usdPerUnit` USD: 100 (assets of
 * 100 USD per bank) or 1 (natural units: assets 1, a buffer of 0.04).
 */
function contagionCounts(z: number, trials: number, seed: number, usdPerUnit = 100): number[] {
  const rng = prand.xoroshiro128plus(seed);
  const u = () => prand.unsafeUniformIntDistribution(0, 1e9, rng) / 1e9;
  const counts: number[] = [];
  const amount = (x: number) => String((x * usdPerUnit) / 100);
  for (let trial = 0; trial < trials; trial++) {
    const claims: number[][] = Array.from({ length: N }, () => []);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) if (i !== j && u() < z / (N - 1)) claims[i]!.push(j);
    const claimsOn = new Array<number>(N).fill(0);
    claims.forEach((list) => list.forEach((j) => (claimsOn[j]! += 20 / list.length)));
    const protocols = claims.map((list, i) => ({
      id: `b${i}`,
      kind: 'bank',
      otherAssetsUsd: amount(list.length > 0 ? 80 : 100),
      claims: list.map((j) => ({ on: `b${j}`, amountUsd: amount(20 / list.length) })),
      externalLiabilitiesUsd: amount(Math.max(0, 96 - claimsOn[i]!)),
      onDefault: { mode: 'loss-given-default', lossGivenDefault: 1 },
    }));
    const net = parseNetwork(
      {
        format: 'contagion/network@1',
        name: 'gk',
        asOf: '2010-01-01',
        assets: [{ id: 'USD', priceUsd: '1' }],
        protocols,
      },
      'gk.json',
    );
    const victim = `b${Math.floor(u() * N)}`;
    const scenario = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'one default',
        stepSeconds: 12,
        horizonSteps: 1,
        events: [{ type: 'exploit', protocol: victim, atStep: 0, lossUsd: amount(100) }],
      },
      's.json',
      net,
    );
    counts.push(runScenario(net, scenario).summary.insolventProtocols.length - 1);
  }
  return counts;
}

/** Share of trials in which one bank's failure takes down more than 5% of the others. */
function contagionFrequency(z: number, trials: number, seed: number): number {
  return contagionCounts(z, trials, seed).filter((defaults) => defaults > 0.05 * N).length / trials;
}

describe('Gai–Kapadia contagion window', () => {
  const frequency = (z: number) => contagionFrequency(z, 40, 1000 + Math.round(z * 10));

  it('is closed below an average degree of 1: the network falls apart into small pieces', () => {
    expect(frequency(0.5)).toBeLessThan(0.1);
  });

  it('is open in between: contagion is frequent at an average degree of 3', () => {
    expect(frequency(3)).toBeGreaterThan(0.3);
  });

  it('is closed at high degree: each exposure (20/z) is too small to sink a 4% buffer', () => {
    expect(frequency(12)).toBeLessThan(0.1);
  });

  it('follows the same ties-solvent cascade in natural units (assets 1, buffer 0.04) as in units of 100 USD', () => {
    // At an average degree of 5, a bank with five claims that loses one loses exactly its 0.04 buffer: a tie,
    // solvent, whatever float rounding the sum 0.8 + 4 x 0.04 gets.
    expect(contagionCounts(5, 30, 12, 1)).toEqual(contagionCounts(5, 30, 12, 100));
  });
});
