// A pool that drains (docs/model.md §3.6): a two-coin pool's balances set its asset's price impact. Worked
// examples: constant product (Uniswap v2) by hand, stableswap (Curve) by its invariant, and a sale in a run.
import { ammBalance, ammPrice, ammQuote, ammSell } from '../../src/engine/amm-curve';
import { runSimulation } from '../../src/engine/run';
import { InputError } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';

const R = 1_000_000;

describe('the pool curve', () => {
  it('at amplification 0 is the constant product x·y = R²', () => {
    // x·y = R²: at x = 2R, y = R/2 and the price y/x = 1/4; at x = 5R, 1/25.
    expect(ammQuote(2 * R, 0, 2 * R)).toBeCloseTo(R / 2, 6);
    expect(ammPrice(2 * R, 0, R)).toBeCloseTo(0.25, 12);
    expect(ammSell(1, 4 * R, 0, R)).toBeCloseTo(1 / 25, 12);
    // From a price of 1/4 (x = 2R), selling R more tokens: (R / 3R)² = 1/9.
    expect(ammSell(0.25, R, 0, R)).toBeCloseTo(1 / 9, 10);
  });

  it('prices a balanced pool at 1 and keeps its stableswap invariant', () => {
    for (const amp of [0, 1, 10, 100]) {
      expect(ammPrice(R, amp, R)).toBeCloseTo(1, 12);
      const D = 2 * R;
      for (const x of [0.3 * R, 1.7 * R, 2.5 * R, 10 * R]) {
        const y = ammQuote(x, amp, D);
        // 4A(x + y) + D = 4AD + D³ / (4xy) (Curve's StableSwap, two coins), relative to D.
        expect((4 * amp * (x + y) + D - 4 * amp * D - (D * D * D) / (4 * x * y)) / D).toBeCloseTo(0, 9);
      }
    }
  });

  it('finds the balance that prices m, so a sale from any price moves along one curve', () => {
    const x = ammBalance(0.4, 100, R);
    expect(ammPrice(x, 100, R)).toBeCloseTo(0.4, 9);
    // Selling 2R in one go equals selling R twice.
    expect(ammSell(ammSell(1, R, 100, R), R, 100, R)).toBeCloseTo(ammSell(1, 2 * R, 100, R), 9);
  });

  it('has a 2% depth (quote paid out until the price is 0.98) of about 0.01 R at A = 0 and 0.66 R at A = 100', () => {
    const depth2 = (amp: number) => R - ammQuote(ammBalance(0.98, amp, R), amp, 2 * R);
    // A = 0: x = R / sqrt(0.98), y = R · sqrt(0.98), so R (1 - sqrt(0.98)) = 0.010050 R.
    expect(depth2(0) / R).toBeCloseTo(1 - Math.sqrt(0.98), 9);
    expect(depth2(100) / R).toBeCloseTo(0.6587, 3);
  });

  it('at high amplification is flat near balance and collapses as the quote side empties', () => {
    // A = 100: half the reserve sold moves the price less than 1%; three reserves sold take it below 0.001,
    // where a constant-product pool of the same reserve is still at 1/16.
    expect(ammSell(1, 0.5 * R, 100, R)).toBeGreaterThan(0.99);
    expect(ammSell(1, 3 * R, 100, R)).toBeLessThan(0.001);
    expect(ammSell(1, 3 * R, 0, R)).toBeCloseTo(1 / 16, 12);
  });
});

/** TOK on one venue with a constant-product pool of reserve 1M USD per side, at $2; a sale of `usd` at step 0. */
function run(
  usd: string,
  amm: Record<string, unknown> = { reserveUsd: '1000000', amplification: 0 },
  extra = {},
) {
  const net = parseNetwork(
    {
      format: 'contagion/network@1',
      name: 'amm-lab',
      asOf: '2025-11-03',
      assets: [{ id: 'TOK', priceUsd: '2' }],
      venues: [
        {
          id: 'pool',
          kind: 'dex',
          liquidity: [{ asset: 'TOK', depthUsd2pct: '10000', resilienceHalfLifeSec: 1e9, amm }],
        },
        ...(Object.keys(extra).length > 0 ? [extra] : []),
      ],
    },
    'amm-lab.json',
  );
  const scenario = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'sale into the pool',
      stepSeconds: 12,
      horizonSteps: 1,
      quietSteps: 0,
      events: [{ type: 'sale', asset: 'TOK', atStep: 0, usd }],
    },
    'amm-lab-scenario.json',
    net,
  );
  const { ctx } = runSimulation(net, scenario);
  return ctx.s.assets.price[ctx.s.names.assets.indexOf('TOK')]!;
}

describe('a sale into a pool in a run', () => {
  it('moves the price along the pool: 2M USD at $2 is 1M tokens into 500k, so $2 · (1/3)²', () => {
    // The pool holds 500k TOK and 1M USD (reserve 1M USD at $2); selling 1M tokens leaves 1.5M TOK,
    // price 2 · (0.5M / 1.5M)² = 0.2222.
    expect(run('2000000')).toBeCloseTo(2 / 9, 9);
  });

  it("moves on a small sale as the log-linear impact of the pool's own 2% depth (about 1% of its reserve)", () => {
    // The pool's own 2% depth is about 1% of its reserve (10.05k USD), the depth the venue states (10k), so a
    // small sale moves both alike; 2M USD would take a log-linear venue to 2 · exp(-2M / (10k / 0.0202)) ≈ 0.
    const small = run('2000');
    expect(small).toBeCloseTo(2 * Math.pow(500_000 / (500_000 + 1000), 2), 9);
    expect(small).toBeCloseTo(2 * Math.exp(-2000 / (10000 / -Math.log(0.98))), 3);
  });

  it('is refused on an asset priced per venue', () => {
    const net = {
      format: 'contagion/network@1',
      name: 'amm-lab',
      asOf: '2025-11-03',
      assets: [{ id: 'TOK', priceUsd: '1', pricedPerVenue: true }],
      venues: [
        {
          id: 'pool',
          kind: 'dex',
          liquidity: [
            {
              asset: 'TOK',
              depthUsd2pct: '1',
              resilienceHalfLifeSec: 60,
              amm: { reserveUsd: '100', amplification: 0 },
            },
          ],
        },
      ],
    };
    expect(() => parseNetwork(net, 'amm-lab.json')).toThrow(/which is priced per venue/);
  });

  it('is refused on an asset that trades on another venue too, naming the file and path', () => {
    const other = {
      id: 'cex',
      kind: 'cex',
      liquidity: [{ asset: 'TOK', depthUsd2pct: '1', resilienceHalfLifeSec: 60 }],
    };
    expect(() => run('1', undefined, other)).toThrow(InputError);
    expect(() => run('1', undefined, other)).toThrow(
      /amm-lab\.json.*venues.*0.*liquidity.*0.*amm.*must trade on no other venue/s,
    );
  });
});
