// Order within a step (docs/model.md §3.7): a protocol that fails on its own losses is round 0 of the step's
// clearing; one that fails only because a claim it holds was marked down in that clearing is round 1.
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';

// A owes 100 outside and 50 to B; B holds that claim, 10 in cash and owes 55; C holds nothing of A's.
// An exploit takes 80 of A's 160 assets: A's resources 80 < 150, so A defaults with recovery 80/150 = 8/15.
// B's claim is worth 50 x 8/15 = 26.67, its resources 36.67 < 55: B defaults, but only through A's marks.
const network = parseNetwork(
  {
    format: 'contagion/network@1',
    name: 'rounds',
    asOf: '2025-01-01',
    assets: [{ id: 'USD', priceUsd: '1' }],
    protocols: [
      { id: 'a', kind: 'bank', otherAssetsUsd: '160', externalLiabilitiesUsd: '100' },
      {
        id: 'b',
        kind: 'bank',
        otherAssetsUsd: '10',
        claims: [{ on: 'a', amountUsd: '50' }],
        externalLiabilitiesUsd: '55',
      },
      { id: 'c', kind: 'bank', otherAssetsUsd: '10', externalLiabilitiesUsd: '5' },
    ],
  },
  'rounds.json',
);
const run = runScenario(
  network,
  parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'rounds',
      stepSeconds: 12,
      horizonSteps: 2,
      events: [{ type: 'exploit', protocol: 'a', atStep: 0, lossUsd: '80' }],
    },
    'rounds-scenario.json',
    network,
  ),
);
const protocol = (id: string) => run.protocols.find((p) => p.id === id)!;

describe('clearing rounds within a step', () => {
  it('puts the exploited protocol in round 0 and its creditor in round 1 of the same step', () => {
    expect(protocol('a')).toMatchObject({
      firstInsolventStep: 0,
      firstInsolventRound: 0,
      firstStressedRound: 0,
    });
    expect(protocol('b')).toMatchObject({
      firstInsolventStep: 0,
      firstInsolventRound: 1,
      firstStressedRound: 1,
    });
    expect(protocol('a').recovery).toBeCloseTo(8 / 15, 12);
    expect(protocol('c')).toMatchObject({
      status: 'healthy',
      firstStressedRound: null,
      firstInsolventRound: null,
    });
  });

  it('lists failures by step, then round', () => {
    expect(run.failures.map((f) => [f.protocol, f.step, f.round])).toEqual([
      ['a', 0, 0],
      ['b', 0, 1],
    ]);
  });
});
