// Generated networks: valid, seeded (same seed, same network), sized as asked, starting with 5% equity.
import { balanceSheets } from '../../src/model/balance-sheet';
import { generateNetwork } from '../../src/model/generate';
import { parseNetwork } from '../../src/model/parse-network';

describe('generateNetwork', () => {
  it('makes a valid network of the asked size', () => {
    const net = parseNetwork(
      generateNetwork({ protocols: 40, cohorts: 500, claims: 200, seed: 3 }),
      'g.json',
    );
    expect(net.protocols).toHaveLength(40);
    expect(net.protocols.reduce((t, p) => t + p.markets.reduce((u, m) => u + m.cohorts.length, 0), 0)).toBe(
      500,
    );
    expect(net.protocols.reduce((t, p) => t + p.claims.length, 0)).toBeLessThanOrEqual(200);
  });

  it('is seeded: the same seed gives the same network, another seed another', () => {
    const a = JSON.stringify(generateNetwork({ protocols: 20, cohorts: 100, claims: 50, seed: 9 }));
    expect(JSON.stringify(generateNetwork({ protocols: 20, cohorts: 100, claims: 50, seed: 9 }))).toBe(a);
    expect(JSON.stringify(generateNetwork({ protocols: 20, cohorts: 100, claims: 50, seed: 10 }))).not.toBe(
      a,
    );
  });

  it('starts every protocol with about 5% equity', () => {
    const net = parseNetwork(
      generateNetwork({ protocols: 30, cohorts: 300, claims: 300, seed: 1 }),
      'g.json',
    );
    for (const s of balanceSheets(net)) expect(s.equityUsd.div(s.assetsUsd).toNumber()).toBeCloseTo(0.05, 4);
  });
});
