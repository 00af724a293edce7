// Run modes: a prepared network and a summary-only run change how much work a run does, never its numbers.
import { join } from 'node:path';
import { CALIBRATION, generator, jumpDiffusionPath } from '../../src/analysis/jump-diffusion';
import type { RunContext } from '../../src/engine/context';
import { prepareNetwork } from '../../src/engine/prepared';
import { buildResult, buildResultParts, buildSummary } from '../../src/engine/result';
import { runScenario, runSimulation } from '../../src/engine/run';
import { Dec } from '../../src/model/decimal';
import { InternalError } from '../../src/model/errors';
import { parseBreakers, parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { labNetwork } from '../helpers/lab';

const DATA = join(__dirname, '..', '..', 'data');
const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
const scenario = (name: string) => parseScenario(readJsonFile(join(DATA, 'scenarios', name)), name, net);
const SCENARIOS = [
  'eth-crash-30pct.json',
  'steth-liquidity-gap.json',
  'stream-fund-manager-loss.json',
  'usdc-issuer-loss.json',
  'perp-cascade-2025-10-10.json',
];
const breakersOf = (horizonSteps: number) =>
  parseBreakers(
    readJsonFile(join(DATA, 'scenarios', 'breakers-pause-on-deviation.json')),
    'breakers-pause-on-deviation.json',
    net,
    horizonSteps,
  ).breakers;

/** Per protocol: the sum of its booked rows (a full run), or the sums its rows were folded into. */
function bookedByProtocol(ctx: RunContext): number[] {
  const ledger = ctx.ledger;
  if (!ledger.keepRows) return Array.from(ledger.bookedCents);
  const sums = new Array<number>(ctx.s.protocols.n).fill(0);
  for (let i = 0; i < ledger.events.length; i++)
    sums[ledger.events.to.data[i]!]! += ledger.events.cents.data[i]!;
  return sums;
}

/** A summary-only run and a full run of the same scenario agree on everything a summary-only run keeps. */
function expectSameRun(fast: ReturnType<typeof runSimulation>, full: ReturnType<typeof runSimulation>): void {
  expect(fast.stepsRun).toBe(full.stepsRun);
  expect(buildSummary(fast.ctx)).toEqual(buildSummary(full.ctx));
  expect(fast.ctx.ledger.equityCents).toEqual(full.ctx.ledger.equityCents);
  expect(fast.ctx.ledger.loanUsd).toEqual(full.ctx.ledger.loanUsd);
  expect(bookedByProtocol(fast.ctx)).toEqual(bookedByProtocol(full.ctx));
  expect(fast.ctx.stats.firstStressed).toEqual(full.ctx.stats.firstStressed);
  expect(fast.ctx.stats.firstInsolvent).toEqual(full.ctx.stats.firstInsolvent);
  expect(fast.ctx.s.assets.minPrice).toEqual(full.ctx.s.assets.minPrice);
  expect(fast.ctx.s.protocols.recovery).toEqual(full.ctx.s.protocols.recovery);
}

describe.each(SCENARIOS)('%s', (name) => {
  const sc = scenario(name);
  const prepared = prepareNetwork(net, sc.stepSeconds);

  it.each([false, true])('summary-only on a prepared network = full run (breakers: %s)', (withBreakers) => {
    const extraBreakers = withBreakers ? breakersOf(sc.horizonSteps) : [];
    const full = runSimulation(net, sc, { extraBreakers });
    const fast = runSimulation(net, sc, { extraBreakers, prepared, summaryOnly: true });
    expectSameRun(fast, full);
    // No rows are kept: each step's are folded into per-protocol sums.
    expect(fast.ctx.ledger.events).toHaveLength(0);
    expect(full.ctx.ledger.events.length).toBeGreaterThan(0);
    // What only the full result reads is left out.
    expect(fast.ctx.stats.causes).toHaveLength(0);
    expect(fast.ctx.stats.pricePath).toHaveLength(0);
    expect(full.ctx.stats.pricePath).toHaveLength(full.stepsRun);
  });
});

describe('a prepared network', () => {
  const sc = scenario('eth-crash-30pct.json');
  const prepared = prepareNetwork(net, sc.stepSeconds);

  it('gives byte-identical full results, run after run (runs never write into it)', () => {
    const fresh = JSON.stringify(runScenario(net, sc));
    expect(JSON.stringify(runScenario(net, sc, { prepared }))).toBe(fresh);
    expect(JSON.stringify(runScenario(net, sc, { prepared }))).toBe(fresh);
    const other = scenario('usdc-issuer-loss.json');
    expect(JSON.stringify(runScenario(net, other, { prepared }))).toBe(
      JSON.stringify(runScenario(net, other)),
    );
  });

  it('is not used for another network or another step length', () => {
    const copy = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
    const slow = { ...sc, stepSeconds: sc.stepSeconds * 2 };
    const ctxOther = runSimulation(copy, sc, { prepared }).ctx;
    expect(ctxOther.network).toBe(copy);
    expect(ctxOther.s).not.toBe(prepared.state);
    expect(buildSummary(runSimulation(net, slow, { prepared, summaryOnly: true }).ctx)).toEqual(
      buildSummary(runSimulation(net, slow).ctx),
    );
  });

  it('refuses to build a full result from a summary-only run', () => {
    const { ctx, stepsRun } = runSimulation(net, sc, { prepared, summaryOnly: true });
    expect(() => buildResult(ctx, stepsRun)).toThrow(InternalError);
  });
});

describe('Monte Carlo paths (steps whose revaluations are deferred)', () => {
  const sc = scenario('eth-crash-30pct.json');
  const prepared = prepareNetwork(net, sc.stepSeconds);
  const rng = generator(5);
  /** The crash scenario with its ETH event replaced by a jump-diffusion series, as a Monte Carlo path runs it. */
  const pathScenario = (severity: keyof typeof CALIBRATION, breakers: boolean) => {
    const changes = jumpDiffusionPath(CALIBRATION[severity], sc.horizonSteps, sc.stepSeconds, rng);
    const raw = readJsonFile(join(DATA, 'scenarios', 'eth-crash-30pct.json')) as Record<string, unknown>;
    const events = [
      { type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'series', everySteps: 1, changes } },
    ];
    return { scenario: parseScenario({ ...raw, events }, 'path.json', net), breakers };
  };
  const cases = [
    pathScenario('adverse', false),
    pathScenario('severe', false),
    pathScenario('very-severe', false),
    pathScenario('severe', true),
    pathScenario('very-severe', true),
  ];

  it.each(cases.map((c, i) => [i, c] as const))('path %i: summary-only = full run', (_, c) => {
    const extraBreakers = c.breakers ? breakersOf(c.scenario.horizonSteps) : [];
    const full = runSimulation(net, c.scenario, { extraBreakers });
    const fast = runSimulation(net, c.scenario, { extraBreakers, prepared, summaryOnly: true });
    expectSameRun(fast, full);
    expect(full.ctx.stats.firstStressed.some((x) => x >= 0)).toBe(true);
  });
});

describe('deferred valuation out of its exact range', () => {
  it('runs again booking every change, with the same summary', () => {
    // A holding worth 10^16 USD: beyond 2^50 cents, where whole cents could stop adding up exactly. Validation
    // refuses such a file (balance sheets are at most 1e12 USD), so the amounts are set on the parsed network:
    // a run can still grow that far from valid inputs.
    const big = labNetwork({});
    big.protocols[0]!.holdings[0]!.amount = new Dec('100000000000000');
    big.protocols[0]!.issues[0]!.supply = new Dec('99000000000000');
    const sc = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'big',
        stepSeconds: 12,
        horizonSteps: 30,
        events: [
          {
            type: 'price',
            asset: 'COL',
            atStep: 0,
            path: {
              shape: 'series',
              everySteps: 1,
              changes: Array.from({ length: 20 }, (_, i) => -0.01 * i),
            },
          },
        ],
      },
      'big.json',
      big,
    );
    const full = runSimulation(big, sc);
    const fast = runSimulation(big, sc, { prepared: prepareNetwork(big, sc.stepSeconds), summaryOnly: true });
    expect(buildSummary(fast.ctx)).toEqual(buildSummary(full.ctx));
    expect(fast.ctx.ledger.equityCents).toEqual(full.ctx.ledger.equityCents);
    // The run that counts is the one that booked every change.
    expect(fast.ctx.ledger.keepRows).toBe(true);
    expect(fast.ctx.ledger.outOfRange).toBe(false);
  });
});

describe('the result in parts (the ledger rows as columns)', () => {
  it.each(SCENARIOS)('%s: the parts are the whole result, row for row', (name) => {
    const { ctx, stepsRun } = runSimulation(net, scenario(name));
    const whole = buildResult(ctx, stepsRun);
    const { result, ledger } = buildResultParts(ctx, stepsRun);
    expect(ledger.length).toBe(whole.ledger.length);
    expect(ledger.length).toBeGreaterThan(0);
    expect(Array.from({ length: ledger.length }, (_, i) => ledger.row(i))).toEqual(whole.ledger);
    expect(JSON.stringify({ ...result, ledger: ledger.rows() })).toBe(JSON.stringify(whole));
  });
});
