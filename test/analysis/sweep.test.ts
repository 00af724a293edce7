// Sweeps: the parameter path syntax, value lists and ranges, grid and zip, validation of variants, monotonicity.
import {
  combinations,
  outcomeOf,
  parseJob,
  planSweep,
  runSweep,
  type SweepBase,
} from '../../src/analysis/sweep';
import { runScenario } from '../../src/engine/run';
import { applyValue, parsePath, parseSet, parseValues, resolvePath } from '../../src/analysis/sweep-path';
import { UsageError } from '../../src/model/errors';
import { labRaw } from '../helpers/lab';

const scenarioRaw = (change = -0.2) => ({
  format: 'contagion/scenario@1',
  name: 'lab-gap',
  stepSeconds: 12,
  horizonSteps: 30,
  events: [
    { type: 'price', asset: 'COL', atStep: 0, path: { shape: 'gap', change } },
    { type: 'oracle-stale', oracle: 'col', atStep: 0, extraLatencySec: 12 },
  ],
});
const base = (): SweepBase => ({
  network: labRaw(),
  scenario: scenarioRaw(),
  networkFile: 'lab.json',
  scenarioFile: 'lab-scenario.json',
});

describe('parameter paths', () => {
  it('reads ids, indices, wildcards and field matches', () => {
    const net = labRaw();
    // Keys reach own fields only, never the object's prototype.
    expect(() => resolvePath(net, parsePath('network.constructor'))).toThrow('no field "constructor"');
    expect(resolvePath(net, parsePath('network.oracles[col].latencySec'))).toHaveLength(1);
    expect(resolvePath(net, parsePath('network.oracles[*].latencySec'))).toHaveLength(4);
    expect(resolvePath(net, parsePath('network.venues[*].liquidity[asset=COL].depthUsd2pct'))).toHaveLength(
      1,
    );
    expect(resolvePath(net, parsePath('network.venues[0].liquidity[*].depthUsd2pct'))).toHaveLength(3);
    const p = parsePath('network.protocols[lender].markets[lender/m].liquidationThreshold');
    applyValue(net, p, 0.8);
    expect(net.protocols[1].markets[0].liquidationThreshold).toBe(0.8);
  });

  it('keeps numeric strings as strings and numbers as numbers', () => {
    const net = labRaw();
    applyValue(net, parsePath('network.venues[*].liquidity[asset=COL].depthUsd2pct'), 5000);
    expect(net.venues[0].liquidity[0].depthUsd2pct).toBe('5000');
    const sc = scenarioRaw();
    applyValue(sc, parsePath('scenario.events[1].extraLatencySec'), 60);
    expect(sc.events[1]!.extraLatencySec).toBe(60);
  });

  it.each([
    'network.oracles[nope].latencySec',
    'network.oracles[col].latencySecs',
    'network.oracles[9].latencySec',
    'network.oracles[col].id',
    'network.oracles[col]',
    'scenario.events[0].path',
    'scenario.nothing',
  ])('rejects %s', (text) => {
    const doc = text.startsWith('network') ? labRaw() : scenarioRaw();
    expect(() => resolvePath(doc, parsePath(text))).toThrow(UsageError);
  });

  it('rejects a path without a known root', () => {
    expect(() => parsePath('events[0].atStep')).toThrow(/must start with/);
    expect(() => parseSet('scenario.horizonSteps')).toThrow(UsageError);
  });

  it('splits PATH=VALUES at the first = outside brackets', () => {
    const s = parseSet('network.venues[*].liquidity[asset=COL].depthUsd2pct=1000,2000');
    expect(s.path.text).toBe('network.venues[*].liquidity[asset=COL].depthUsd2pct');
    expect(s.values).toEqual([1000, 2000]);
  });
});

describe('values', () => {
  it('reads lists and inclusive ranges', () => {
    expect(parseValues('0:120:30', 'x')).toEqual([0, 30, 60, 90, 120]);
    expect(parseValues('0.1:0.3:0.1', 'x')).toEqual([0.1, 0.2, 0.3]);
    expect(parseValues('-0.5:-0.1:0.2,1e3', 'x')).toEqual([-0.5, -0.3, -0.1, 1000]);
    expect(parseValues('5:5:1', 'x')).toEqual([5]);
  });
  it.each(['', '1,,2', 'abc', '1:0:1', '0:1:0', '0:1:-1', '0:1', '1x'])('rejects "%s"', (spec) => {
    expect(() => parseValues(spec, 'x')).toThrow(UsageError);
  });
});

describe('grid and zip', () => {
  const a = parseSet('scenario.events[0].path.change=-0.1,-0.2,-0.3');
  const b = parseSet('network.oracles[col].latencySec=0,60');
  const c = parseSet('network.oracles[col].heartbeatSec=600,1200,3600');
  it('grid is the cartesian product, first parameter outermost', () => {
    expect(combinations([a, b], 'grid')).toEqual([
      [-0.1, 0],
      [-0.1, 60],
      [-0.2, 0],
      [-0.2, 60],
      [-0.3, 0],
      [-0.3, 60],
    ]);
  });
  it('zip pairs values and needs equal lengths', () => {
    expect(combinations([a, c], 'zip')).toHaveLength(3);
    expect(() => combinations([a, b], 'zip')).toThrow(/equal length/);
    expect(() => combinations([], 'grid')).toThrow(UsageError);
  });
});

describe('sweeps on the lab network', () => {
  it('validates every variant and names the parameter of a bad value', () => {
    const bad = parseSet('network.protocols[lender].markets[lender/m].liquidationThreshold=0.85,1.5');
    expect(() => planSweep(base(), [bad], 'grid')).toThrow(/liquidationThreshold=1\.5/);
    const fall = parseSet('scenario.events[0].path.change=-0.5,-1.5');
    expect(() => planSweep(base(), [fall], 'grid')).toThrow(UsageError);
  });

  it('a larger gap never lowers bad debt', async () => {
    const gaps = parseSet('scenario.events[0].path.change=-0.6:-0.05:0.05');
    const r = await runSweep(planSweep(base(), [gaps], 'grid'));
    const bad = r.variants.map((v) => Number(v.badDebtUsd)); // from -60% up to -5%
    for (let i = 1; i < bad.length; i++) expect(bad[i]!).toBeLessThanOrEqual(bad[i - 1]!);
    expect(bad[0]!).toBeGreaterThan(0);
    expect(bad.at(-1)).toBe(0);
    expect(r.phase).toBeUndefined();
  });

  it('reuse of the parsed network across variants changes no outcome (network, then step length varied)', async () => {
    const plan = planSweep(
      base(),
      [
        parseSet('network.oracles[col].latencySec=0,60,0'),
        parseSet('scenario.stepSeconds=12,24,12'),
        parseSet('scenario.events[0].path.change=-0.3,-0.4,-0.5'),
      ],
      'zip',
    );
    const r = await runSweep(plan);
    const alone = plan.jobs.map((job) => {
      const { network, scenario } = parseJob(job);
      return outcomeOf(runScenario(network, scenario).summary);
    });
    expect(r.variants).toHaveLength(3);
    for (const [i, o] of alone.entries()) expect(r.variants[i]).toMatchObject(o);
    expect(new Set(alone.map((o) => JSON.stringify(o))).size).toBe(3);
  });

  it('two grid parameters give a phase table of bad debt', async () => {
    const plan = planSweep(
      base(),
      [
        parseSet('scenario.events[0].path.change=-0.1,-0.3,-0.6'),
        parseSet('scenario.events[1].extraLatencySec=12,120'),
      ],
      'grid',
    );
    const r = await runSweep(plan);
    expect(r.variants).toHaveLength(6);
    expect(r.phase!.rows).toEqual([-0.1, -0.3, -0.6]);
    expect(r.phase!.cols).toEqual([12, 120]);
    expect(r.phase!.badDebtUsd[2]![1]).toBe(r.variants[5]!.badDebtUsd);
    expect(r.variants[5]!.params).toEqual({
      'scenario.events[0].path.change': -0.6,
      'scenario.events[1].extraLatencySec': 120,
    });
    expect(r.variants[5]!.worstDrawdown).toBeGreaterThan(0.5);
  });
});
