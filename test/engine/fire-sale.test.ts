// A Cifuentes–Ferrucci–Shin (2005) fire-sale spiral: leveraged holders of one asset are forced to sell it into
// finite depth; sales lower the price, which forces more sales. With deep markets a shock is absorbed; below a
// depth the same shock collapses the price. (The mechanism is the paper's; the figures are the model's own.)
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { oneBankRaw } from '../helpers/one-bank';

/** Ten cohorts of X against USD with health factors 1.15, 1.25, ... 2.05 at price 100 (LT 0.8). */
function holders(depthUsd2pct: number) {
  const cohorts = Array.from({ length: 10 }, (_, i) => {
    const hf = 1.15 + i * 0.1;
    return { collateralAmount: '10000', debtAmount: String((10000 * 100 * 0.8) / hf) };
  });
  const net = parseNetwork(
    oneBankRaw({
      name: 'fire sale',
      asOf: '2005-01-01',
      debt: 'USD',
      liquidity: [
        { asset: 'X', depthUsd2pct: String(depthUsd2pct), resilienceHalfLifeSec: 1e9 },
        { asset: 'USD', depthUsd2pct: '1e15', resilienceHalfLifeSec: 60 },
      ],
      holdingsUsd: '10000000',
      externalLiabilitiesUsd: '15000000',
      cohorts,
      closeOut: true,
    }),
    'fire-sale.json',
  );
  const scenario = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'shock',
      stepSeconds: 12,
      horizonSteps: 60,
      events: [{ type: 'price', asset: 'X', atStep: 1, path: { shape: 'gap', change: -0.15 } }],
    },
    'shock.json',
    net,
  );
  return runScenario(net, scenario);
}

const finalPrice = (depth: number) => holders(depth).assets.find((a) => a.id === 'X')!.finalPriceUsd;

describe('fire-sale spiral (Cifuentes, Ferrucci & Shin 2005)', () => {
  it('a deep market absorbs a 15% shock: one cohort is sold, the price stays near 85', () => {
    const run = holders(1e9);
    expect(run.assets.find((a) => a.id === 'X')!.finalPriceUsd).toBeGreaterThan(84);
    expect(run.summary.badDebtUsd).toBe('0.00');
  });

  it('a thin market turns the same shock into a collapse with bad debt', () => {
    const run = holders(1e5);
    expect(run.assets.find((a) => a.id === 'X')!.finalPriceUsd).toBeLessThan(50);
    expect(Number(run.summary.badDebtUsd)).toBeGreaterThan(0);
    expect(Number(run.summary.liquidatedUsd)).toBeGreaterThan(Number(holders(1e9).summary.liquidatedUsd));
  });

  it('the final price never rises as depth falls, and drops sharply somewhere in between', () => {
    const depths = [1e9, 1e8, 1e7, 1e6, 5e5, 2e5, 1e5];
    const prices = depths.map(finalPrice);
    for (let i = 1; i < prices.length; i++) expect(prices[i]!).toBeLessThanOrEqual(prices[i - 1]! + 1e-9);
    const biggestDrop = Math.max(...prices.slice(1).map((p, i) => prices[i]! - p));
    expect(biggestDrop).toBeGreaterThan(15);
  });
});
