// Withdrawal queues on conversion links and receipt tokens of lending pools (docs/model.md §18): a receipt
// whose pool has no idle liquidity cannot be redeemed and keeps its discount, a link event resizes a queue's
// throughput and delay for its duration, and a redemption drains the pool's idle liquidity.
import { simulate } from '../../src/engine/run';
import { idleLiquidity, poolUtilization } from '../../src/engine/pools';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { InputError } from '../../src/model/errors';
import type { Network } from '../../src/model/network';
import { fixedOracle } from '../helpers/oracles';

/** A pool lending ETH against COL, with `idle` ETH and receipts (aWETH) redeemable into ETH through a link. */
function receiptNetwork(idle: string, link: Record<string, unknown> = {}): Network {
  return parseNetwork(
    {
      format: 'contagion/network@1',
      name: 'receipt',
      asOf: '2025-07-01',
      assets: [
        { id: 'COL', priceUsd: '100' },
        { id: 'ETH', priceUsd: '3600' },
        { id: 'aWETH', priceUsd: '3600', peg: { target: 'ETH', issuer: 'pool' } },
      ],
      convertibility: [
        {
          id: 'withdraw',
          from: 'ETH',
          to: 'aWETH',
          rate: 1,
          direction: 'redeem',
          converter: 'pool',
          ...link,
        },
      ],
      venues: [
        {
          id: 'dex',
          kind: 'dex',
          liquidity: [
            { asset: 'ETH', depthUsd2pct: '1000000000', resilienceHalfLifeSec: 3600 },
            { asset: 'aWETH', depthUsd2pct: '1000000', resilienceHalfLifeSec: 3600 },
          ],
        },
      ],
      oracles: [fixedOracle('col', 'COL', '100'), fixedOracle('eth', 'ETH', '3600')],
      protocols: [
        {
          id: 'pool',
          kind: 'lending',
          holdings: [{ asset: 'ETH', amount: idle }],
          issues: [{ asset: 'aWETH', supply: '1000' }],
          insuranceFundUsd: '10000000',
          markets: [
            {
              id: 'pool/col-eth',
              collateral: 'COL',
              debt: 'ETH',
              loanToValue: 0.8,
              liquidationThreshold: 0.85,
              liquidationBonus: 0.05,
              collateralOracle: 'col',
              debtOracle: 'eth',
              cohorts: [{ collateralAmount: '60000', debtAmount: '800' }],
            },
          ],
        },
      ],
    },
    'receipt.json',
  );
}

const scenario = (net: Network, events: unknown[], stepSeconds = 12, horizonSteps = 3) =>
  parseScenario(
    { format: 'contagion/scenario@1', name: 'queue', stepSeconds, horizonSteps, events },
    'queue.json',
    net,
  );

/** Market price of an asset after step t. */
const priceAt = (ctx: ReturnType<typeof simulate>['ctx'], asset: string, t: number) =>
  ctx.stats.pricePath[t]![ctx.s.names.assets.indexOf(asset)]!;
/** The receipt's market price over ETH's after step t. */
const ratioAt = (ctx: ReturnType<typeof simulate>['ctx'], t: number) =>
  priceAt(ctx, 'aWETH', t) / priceAt(ctx, 'ETH', t);

const SELL_RECEIPT = { type: 'price', asset: 'aWETH', atStep: 1, path: { shape: 'gap', change: -0.05 } };

describe('a receipt token and the idle liquidity of its pool', () => {
  it('at 100% utilization the redemption link pays out nothing and the receipt keeps its 5% discount', () => {
    const net = receiptNetwork('0');
    const { ctx } = simulate(net, scenario(net, [SELL_RECEIPT]));
    expect(poolUtilization(ctx.s, 0)).toBe(1);
    expect(idleLiquidity(ctx, 0)).toBe(0);
    expect(ratioAt(ctx, 1)).toBeCloseTo(0.95, 12);
  });

  it('with idle ETH the discount is redeemed away; the redemption is capped by the idle liquidity', () => {
    const ample = receiptNetwork('2000');
    expect(ratioAt(simulate(ample, scenario(ample, [SELL_RECEIPT])).ctx, 1)).toBeCloseTo(1, 9);
    // 200 ETH idle: the 200 aWETH redeemed, bought from $3,420 along the impact curve (-D ln(1 - 684,000 / D)
    // USD at their average fill), lift the receipt by 1 / (1 - 684,000 / D), D = 1M / -ln 0.98 = 49,496,638
    // USD, to 0.95 / 0.986181 = 0.963312 of ETH, and no further.
    const thin = receiptNetwork('200');
    const { ctx } = simulate(thin, scenario(thin, [SELL_RECEIPT]));
    const D = 1e6 / -Math.log(0.98);
    const lifted = 0.95 / (1 - (200 * 3600 * 0.95) / D);
    expect(lifted).toBeCloseTo(0.963312, 5);
    expect(ratioAt(ctx, 1)).toBeCloseTo(lifted, 4);
    expect(ratioAt(ctx, 1)).toBeLessThan(0.97);
    expect(idleLiquidity(ctx, 0)).toBe(0);
    expect(poolUtilization(ctx.s, 0)).toBe(1);
    expect(ctx.s.protocols.issueSupply[0]).toBeCloseTo(800, 9); // 200 receipts burnt
  });
});

describe('withdrawal queues resized by scenario events', () => {
  it('a queue whose throughput is cut to 0 holds the discount until the event ends', () => {
    const net = receiptNetwork('2000', { capacityPerDay: '10000000' });
    const cut = { type: 'link', link: 'withdraw', atStep: 1, durationSteps: 2, capacityPerDay: 0 };
    const { ctx } = simulate(net, scenario(net, [SELL_RECEIPT, cut], 12, 5));
    expect(ratioAt(ctx, 1)).toBeLessThan(0.951); // decaying a little, but not redeemed
    expect(ratioAt(ctx, 2)).toBeLessThan(0.952);
    // 10M a day is 1,389 aWETH per 12 s, enough for the ~740 the gap takes: back at the floor.
    expect(ratioAt(ctx, 3)).toBeCloseTo(1, 9);
    const uncut = simulate(net, scenario(net, [SELL_RECEIPT], 12, 5)).ctx;
    expect(ratioAt(uncut, 1)).toBeCloseTo(1, 9);
  });

  it('a longer delay lowers the floor: a 1% discount is inside the band of a one-year queue at 5%', () => {
    const net = receiptNetwork('2000', { costOfCapital: 0.05 });
    const gap = { type: 'price', asset: 'aWETH', atStep: 1, path: { shape: 'gap', change: -0.01 } };
    expect(ratioAt(simulate(net, scenario(net, [gap])).ctx, 1)).toBeCloseTo(1, 9);
    const slow = { type: 'link', link: 'withdraw', atStep: 0, delaySec: 365 * 86400 };
    // Floor exp(-0.05) = 0.9512 of ETH: the 1% discount is not traded.
    expect(ratioAt(simulate(net, scenario(net, [gap, slow])).ctx, 1)).toBeCloseTo(0.99, 6);
  });

  it('a link event that changes nothing is an input error naming its path', () => {
    const net = receiptNetwork('2000');
    expect(() => scenario(net, [{ type: 'link', link: 'withdraw', atStep: 0 }])).toThrow(InputError);
    expect(() => scenario(net, [{ type: 'link', link: 'withdraw', atStep: 0 }])).toThrow(
      /\$\.events\[0\]: a link event needs at least one of open, capacityPerDay or delaySec/,
    );
  });
});
