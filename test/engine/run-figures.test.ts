// Figures of a run that summarise many steps: a realised path's price change compounds over steps, lowest prices
// and drawdowns are taken from the prices stages leave, and summary totals add up the printed parts.
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';

const network = (assets: unknown[], protocols: unknown[], convertibility: unknown[] = []) =>
  parseNetwork(
    { format: 'contagion/network@1', name: 'figures', asOf: '2025-01-01', assets, protocols, convertibility },
    'figures.json',
  );
const scenarioOn = (net: ReturnType<typeof network>, horizonSteps: number, events: unknown[]) =>
  parseScenario(
    { format: 'contagion/scenario@1', name: 'figures', stepSeconds: 12, horizonSteps, events },
    'figures-scenario.json',
    net,
  );
const cents = (usd: string) => BigInt(usd.replace('.', ''));

describe('figures over steps', () => {
  it("compounds a realised path's price change: a 30% fall over ten steps carries -0.3", () => {
    // A fund holds 1 COL (100 USD) and owes 70.50: it defaults at the last step of the fall, when COL is 70.
    const net = network(
      [{ id: 'COL', priceUsd: '100' }],
      [
        {
          id: 'fund',
          kind: 'vault',
          holdings: [{ asset: 'COL', amount: '1' }],
          externalLiabilitiesUsd: '70.50',
        },
      ],
    );
    const run = runScenario(
      net,
      scenarioOn(net, 12, [
        { type: 'price', asset: 'COL', atStep: 0, path: { shape: 'linear', change: -0.3, overSteps: 10 } },
      ]),
    );
    const [failure] = run.failures;
    expect(failure).toMatchObject({ protocol: 'fund', status: 'insolvent', step: 9 });
    const hop = failure!.path.find((h) => h.from === 'event:0' && h.to === 'asset:COL');
    // Adding the ten step changes (-3%, -3.09%, ..., -4.11%) would give -0.353.
    expect(hop!.priceChange).toBeCloseTo(-0.3, 12);
  });

  it('takes the lowest price from the prices stages leave, not from inside the peg stage', () => {
    // X is backed by iss, which loses half its reserves (recovery 0.5), but redeeming USD for X holds it at 0.88
    // every step: on its way there the peg stage sets 0.5 first, which is not a price X ever ends a stage at.
    const net = network(
      [
        { id: 'USD', priceUsd: '1' },
        { id: 'X', priceUsd: '1', peg: { target: 'USD', issuer: 'iss' } },
      ],
      [
        {
          id: 'iss',
          kind: 'stablecoin-issuer',
          holdings: [{ asset: 'USD', amount: '100' }],
          issues: [{ asset: 'X', supply: '100' }],
        },
      ],
      [{ from: 'USD', to: 'X', rate: 1, fee: 0.12, direction: 'redeem' }],
    );
    const run = runScenario(
      net,
      scenarioOn(net, 5, [{ type: 'exploit', protocol: 'iss', atStep: 0, share: 0.5 }]),
    );
    const x = run.assets.find((a) => a.id === 'X')!;
    expect(run.protocols.find((p) => p.id === 'iss')!.recovery).toBeCloseTo(0.5, 12);
    expect(run.series.priceUsd['X']!.every((p) => Math.abs(p - 0.88) < 1e-12)).toBe(true);
    expect(x.minPriceUsd).toBeCloseTo(0.88, 12);
    expect(x.maxDrawdown).toBeCloseTo(0.12, 12);
    expect(run.summary.worstPrices).toEqual([
      { asset: 'X', minPriceUsd: x.minPriceUsd, maxDrawdown: x.maxDrawdown },
    ]);
  });

  it("sums the summary's bad debt and liquidations from the per-protocol figures as printed", () => {
    const DATA = join(__dirname, '..', '..', 'data');
    const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
    const file = join(DATA, 'scenarios', 'eth-crash-30pct.json');
    const run = runScenario(net, parseScenario(readJsonFile(file), file, net));
    const total = (pick: (p: (typeof run.protocols)[number]) => string) =>
      run.protocols.reduce((t, p) => t + cents(pick(p)), 0n);
    expect(cents(run.summary.badDebtUsd)).toBe(total((p) => p.badDebtUsd));
    expect(cents(run.summary.liquidatedUsd)).toBe(total((p) => p.liquidatedUsd));
    expect(cents(run.summary.badDebtUsd)).toBeGreaterThan(0n);
  });

  it('reports liquidity frozen as the worst single step, not a sum over steps', () => {
    // A withdrawal pause on a fund owing 70.50 holds those 70.50 back on each of its five steps.
    const net = network(
      [{ id: 'COL', priceUsd: '100' }],
      [
        {
          id: 'fund',
          kind: 'vault',
          holdings: [{ asset: 'COL', amount: '1' }],
          externalLiabilitiesUsd: '70.50',
        },
      ],
    );
    const run = runScenario(
      net,
      scenarioOn(net, 8, [{ type: 'depth', asset: 'COL', atStep: 0, multiplier: 1 }]),
      {
        extraBreakers: [
          {
            id: 'pause',
            scope: { protocols: ['fund'] },
            trigger: { kind: 'drawdown', asset: 'COL', windowSteps: 1, threshold: 0 },
            actions: [{ kind: 'pause-withdrawals' }],
            durationSteps: 5,
            cooldownSteps: 100,
          },
        ],
      },
    );
    expect(run.breakerActivations).toEqual([
      { breaker: 'pause', startStep: 0, endStep: 5, liquidityFrozenPeakUsd: '70.50' },
    ]);
    expect(run.summary.liquidityFrozenPeakUsd).toBe('70.50');
    expect(run.summary.unprofitablePeakUsd).toBe('0.00');
  });
});
