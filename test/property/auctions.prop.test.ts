// Invariants of liquidation auctions and chain conditions (docs/model.md §17) over random networks whose
// markets liquidate by random Dutch or English auctions under random congestion (fast-check).
import fc from 'fast-check';
import { runScenario, simulate } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { networkRaw } from '../helpers/arbitraries';

const dutch = fc.record({
  kind: fc.constant('dutch'),
  penalty: fc.double({ min: 0, max: 0.2, noNaN: true }),
  startMultiplier: fc.double({ min: 0.8, max: 1.5, noNaN: true }),
  decay: fc.oneof(
    fc.record({
      shape: fc.constant('exponential'),
      stepSec: fc.integer({ min: 1, max: 120 }),
      cut: fc.double({ min: 0.5, max: 1, noNaN: true }),
    }),
    fc.record({ shape: fc.constant('linear'), durationSec: fc.integer({ min: 12, max: 600 }) }),
  ),
  resetBelow: fc.double({ min: 0, max: 0.9, noNaN: true }),
  keeperCostUsd: fc.constantFrom('0', '5'),
  keeperRewardFlat: fc.constantFrom('0', '300'),
  keeperRewardShare: fc.constantFrom(0, 0.001),
});
const english = fc.record({
  kind: fc.constant('english'),
  penalty: fc.double({ min: 0, max: 0.2, noNaN: true }),
  bidDurationSec: fc.integer({ min: 1, max: 60 }),
  auctionLengthSec: fc.integer({ min: 12, max: 120 }),
  minIncrement: fc.double({ min: 0, max: 0.1, noNaN: true }),
  keepers: fc.double({ min: 0, max: 4, noNaN: true }),
  lotCollateral: fc.constantFrom('1', '10', '1000'),
});

/** A random network with an auction rule on some markets, and a crash under congestion. */
const world = networkRaw.chain((raw) =>
  fc
    .record({
      rules: fc.array(fc.option(fc.oneof(dutch, english), { nil: undefined }), {
        minLength: 8,
        maxLength: 8,
      }),
      change: fc.double({ min: -0.9, max: -0.1, noNaN: true }),
      levels: fc.array(fc.double({ min: 1, max: 8, noNaN: true }), { minLength: 1, maxLength: 4 }),
      delay: fc.integer({ min: 0, max: 60 }),
    })
    .map(({ rules, change, levels, delay }) => {
      let k = 0;
      for (const p of raw.protocols)
        for (const m of p.markets ?? []) {
          const rule = rules[k++ % rules.length];
          if (rule) (m as Record<string, unknown>).auction = rule;
        }
      const scenario = {
        format: 'contagion/scenario@1',
        name: 'random auctions',
        stepSeconds: 12,
        horizonSteps: 25,
        events: [
          ...raw.assets
            .filter((a: any) => !a.peg)
            .map((a: any) => ({
              type: 'price',
              asset: a.id,
              atStep: 1,
              path: { shape: 'linear', change, overSteps: 5 },
            })),
          {
            type: 'chain',
            atStep: 0,
            blockTimeSec: 12,
            congestion: { everySteps: 3, levels },
            inclusionDelaySecPerLevel: delay,
          },
        ],
      };
      return { raw, scenario };
    }),
);

describe('auction invariants on random networks', () => {
  it('the ledger reconciles, nothing goes negative, every auction closed or open is counted once', () => {
    fc.assert(
      fc.property(world, ({ raw, scenario }) => {
        const net = parseNetwork(raw, 'n.json');
        const { ctx, result } = simulate(net, parseScenario(scenario, 's.json', net)); // throws if the ledger is off
        expect(Math.min(...ctx.s.protocols.holdAmount, 0)).toBeGreaterThanOrEqual(-1e-9);
        for (const a of ctx.s.auctions.open) {
          expect(a.lot).toBeGreaterThanOrEqual(0);
          expect(a.raised).toBeGreaterThanOrEqual(0);
        }
        const A = result.auctions;
        if (!A) return;
        expect(A.closed + A.open).toBeCloseTo(A.started, 6);
        expect(A.zeroBid).toBeLessThanOrEqual(A.closed + 1e-9);
        expect(Number(A.shortfallUsd)).toBeLessThanOrEqual(
          Number(result.summary.badDebtUsd) + 0.01 * A.markets.length,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(world, ({ raw, scenario }) => {
        const net = parseNetwork(raw, 'n.json');
        const s = parseScenario(scenario, 's.json', net);
        expect(JSON.stringify(runScenario(net, s))).toBe(JSON.stringify(runScenario(net, s)));
      }),
      { numRuns: 15 },
    );
  });
});
