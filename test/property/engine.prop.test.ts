// Invariants of the engine over random networks and scenarios (fast-check).
import fc from 'fast-check';
import { runScenario, simulate } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { networkRaw } from '../helpers/arbitraries';
import { banksNetwork } from '../helpers/classic';

/** Random events on a random network: price gaps and linear moves, depth cuts, exploits, runs. */
const scenarioFor = (raw: any) =>
  fc
    .array(
      fc.oneof(
        fc.record({
          type: fc.constant('price'),
          asset: fc.constantFrom(...raw.assets.map((a: any) => a.id)),
          atStep: fc.nat(9),
          path: fc.oneof(
            fc.record({ shape: fc.constant('gap'), change: fc.double({ min: -0.9, max: 0.5, noNaN: true }) }),
            fc.record({
              shape: fc.constant('linear'),
              change: fc.double({ min: -0.9, max: 0.5, noNaN: true }),
              overSteps: fc.integer({ min: 1, max: 8 }),
            }),
          ),
        }),
        fc.record({
          type: fc.constant('depth'),
          asset: fc.constantFrom(...raw.assets.map((a: any) => a.id)),
          atStep: fc.nat(9),
          multiplier: fc.double({ min: 0.05, max: 2, noNaN: true }),
        }),
        fc.record({
          type: fc.constant('exploit'),
          protocol: fc.constantFrom(...raw.protocols.map((p: any) => p.id)),
          atStep: fc.nat(9),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        fc.record({
          type: fc.constant('run'),
          protocol: fc.constantFrom(...raw.protocols.map((p: any) => p.id)),
          atStep: fc.nat(9),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((events) => ({
      format: 'contagion/scenario@1',
      name: 'random',
      stepSeconds: 12,
      horizonSteps: 15,
      seed: 1,
      events,
    }));

const world = networkRaw.chain((raw) => scenarioFor(raw).map((scenario) => ({ raw, scenario })));

const shuffled = <T>(xs: T[]): T[] => [...xs].reverse();

describe('engine invariants on random networks', () => {
  it('the ledger reconciles, recoveries stay in [0, 1], no holding or position goes negative', () => {
    fc.assert(
      fc.property(world, ({ raw, scenario }) => {
        const net = parseNetwork(raw, 'n.json');
        const { ctx, result } = simulate(net, parseScenario(scenario, 's.json', net)); // throws if the ledger is off
        for (const p of result.protocols) expect(p.recovery).toBeGreaterThanOrEqual(0);
        for (const p of result.protocols) expect(p.recovery).toBeLessThanOrEqual(1);
        expect(Math.min(...ctx.s.protocols.holdAmount, 0)).toBeGreaterThanOrEqual(-1e-9);
        expect(Math.min(...ctx.s.cohorts.collateral, 0)).toBeGreaterThanOrEqual(0);
        expect(Math.min(...ctx.s.cohorts.debt, 0)).toBeGreaterThanOrEqual(0);
        for (const a of result.assets) expect(a.minPriceUsd).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic, and the order of the input lists does not matter', () => {
    fc.assert(
      fc.property(world, ({ raw, scenario }) => {
        const net = parseNetwork(raw, 'n.json');
        const s = parseScenario(scenario, 's.json', net);
        const a = JSON.stringify(runScenario(net, s));
        expect(JSON.stringify(runScenario(net, s))).toBe(a);
        const reordered = parseNetwork(
          {
            ...raw,
            assets: shuffled(raw.assets),
            protocols: shuffled(raw.protocols),
            oracles: shuffled(raw.oracles),
          },
          'n.json',
        );
        expect(JSON.stringify(runScenario(reordered, parseScenario(scenario, 's.json', reordered)))).toBe(a);
      }),
      { numRuns: 40 },
    );
  });
});

describe('clearing-only model', () => {
  it("a larger exogenous loss never lowers anyone's loss", () => {
    const banks = fc.integer({ min: 2, max: 6 }).chain((n) =>
      fc.record({
        owes: fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }), {
          minLength: n,
          maxLength: n,
        }),
        external: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: n, maxLength: n }),
        externalLiabilities: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n, maxLength: n }),
        victim: fc.nat(n - 1),
        small: fc.integer({ min: 0, max: 30 }),
        extra: fc.integer({ min: 1, max: 30 }),
      }),
    );
    fc.assert(
      fc.property(banks, (b) => {
        const owes = b.owes.map((row, i) => row.map((x, j) => (i === j ? 0 : x)));
        const net = banksNetwork({ owes, external: b.external, externalLiabilities: b.externalLiabilities });
        const lossesWith = (usd: number) => {
          const s = parseScenario(
            {
              format: 'contagion/scenario@1',
              name: 'loss',
              stepSeconds: 12,
              horizonSteps: 1,
              events: [{ type: 'exploit', protocol: `b${b.victim + 1}`, atStep: 0, lossUsd: String(usd) }],
            },
            's.json',
            net,
          );
          return runScenario(net, s).protocols.map((p) => Number(p.lossUsd));
        };
        const smaller = lossesWith(b.small);
        const larger = lossesWith(b.small + b.extra);
        larger.forEach((l, i) => expect(l).toBeGreaterThanOrEqual(smaller[i]! - 0.01));
      }),
      { numRuns: 100 },
    );
  });
});
