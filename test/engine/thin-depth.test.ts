// A depth multiplier near 0 (two depth events of 1e-6 compose to 1e-12): exp(-q / D) of a purchase into such
// depth overflows to Infinity, and Infinity times a price already at its floor (0) is NaN. A flow whose log move
// is beyond MAX_LOG_IMPACT = 34.5 meets no depth: a sale takes the price to its floor, 0, a purchase leaves it
// (docs/model.md §3.6).
import { MAX_LOG_IMPACT, impactFactor } from '../../src/engine/impact-factor';
import { fillPrice } from '../../src/engine/perp-book';
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { oneBankRaw } from '../helpers/one-bank';

/**
 * A lender's one cohort of 10,000 X (at 100) against 600,000 D (at 1, on a fixed oracle), HF 1.333 at LT 0.8.
 * `thinAsset` keeps 1e-12 of its depth from step 0, when `usdSold` of it is sold; X gaps `change` at step 1.
 */
function thin(thinAsset: 'X' | 'D', usdSold: number, change: number) {
  const net = parseNetwork(
    oneBankRaw({
      name: 'thin depth',
      asOf: '2024-01-01',
      debt: 'D',
      liquidity: [
        { asset: 'X', depthUsd2pct: '1000000', resilienceHalfLifeSec: 1e9 },
        { asset: 'D', depthUsd2pct: '1000000', resilienceHalfLifeSec: 1e9 },
      ],
      holdingsUsd: '10000000',
      externalLiabilitiesUsd: '5000000',
      cohorts: [{ collateralAmount: '10000', debtAmount: '600000' }],
      closeOut: true,
    }),
    'thin.json',
  );
  const scenario = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'thin',
      stepSeconds: 12,
      horizonSteps: 5,
      events: [
        { type: 'depth', asset: thinAsset, atStep: 0, multiplier: 1e-6 },
        { type: 'depth', asset: thinAsset, atStep: 0, multiplier: 1e-6 },
        ...(usdSold > 0 ? [{ type: 'sale', asset: thinAsset, atStep: 0, usd: String(usdSold) }] : []),
        { type: 'price', asset: 'X', atStep: 1, path: { shape: 'gap', change } },
      ],
    },
    'thin-scenario.json',
    net,
  );
  return runScenario(net, scenario);
}

describe('price impact into a depth of almost nothing', () => {
  it('a flow beyond a factor e^34.5 meets no depth: a sale gives 0, a purchase 1', () => {
    expect(impactFactor(1e30, 1e-6)).toBe(0);
    expect(impactFactor(-1e30, 1e-6)).toBe(1);
    expect(impactFactor(-MAX_LOG_IMPACT, 1)).toBe(Math.exp(MAX_LOG_IMPACT));
    // Within the bound it is exp(-q / D): $1M into D = $50M moves the price by exp(-0.02).
    expect(impactFactor(1e6, 5e7)).toBeCloseTo(Math.exp(-0.02), 15);
  });

  it('a purchase of a debt asset whose price is at its floor leaves it there, with no NaN', () => {
    // Step 0: $1,000 of D sold into D = 1e6 / 0.0202 · 1e-12 = 4.95e-5 USD: q / D = 2.0e7, beyond the bound,
    // so D's market price goes to 0. Step 1: X gaps to 70, HF = 10,000 · 70 · 0.8 / 600,000 = 0.933 < 1, and
    // the liquidator buys the 600,000 D it repays into the same depth.
    const run = thin('D', 1000, -0.3);
    const d = run.assets.find((a) => a.id === 'D')!;
    expect(d.minPriceUsd).toBe(0);
    // The price decays back from 0 with a half-life of 1e9 s, by 1 - 2^(-12 / 1e9) = 8.3e-9 a step; at step 1
    // the liquidator buys 600,000 D at 8.3e-9, $0.005 into 4.95e-5 of depth: exp(100), which took the bank's
    // balance sheet to 3e41 USD before the bound and now meets no depth. Four steps of decay: 3.3e-8.
    expect(d.finalPriceUsd).toBeLessThan(1e-7);
    expect(JSON.stringify(run)).not.toMatch(/NaN|Infinity/);
  });

  it('a forced sale of collateral into 1e-12 of its depth takes its price to the floor', () => {
    const run = thin('X', 0, -0.3);
    const x = run.assets.find((a) => a.id === 'X')!;
    expect(x.minPriceUsd).toBe(0);
    expect(run.summary.liquidatedUsd).toBe('600000.00');
    expect(JSON.stringify(run)).not.toMatch(/NaN|Infinity/);
  });

  it('a perp book fills a purchase into no depth at the price it found, and a sale near 0', () => {
    const book = { price: 100, depth: 1e-6, flowUsd: 0, insuranceLeft: 0, backstopFree: 0 };
    expect(fillPrice(book, -1e6)).toBe(100);
    // A sale of 1e6 into 1e-6: the mean of 100 · exp(-q / D) over the trade, 100 / 1e12.
    expect(fillPrice(book, 1e6)).toBeCloseTo(1e-10, 20);
    // After a sale beyond the bound the book is at its floor; a purchase then fills at 0, not NaN.
    expect(fillPrice({ ...book, flowUsd: 1e6 }, -1e6)).toBe(0);
  });
});
