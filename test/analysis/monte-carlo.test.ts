// Monte Carlo: seeded jump-diffusion paths, determinism, tail statistics and the severity ordering.
import {
  CALIBRATION,
  generator,
  jumpDiffusionPath,
  normal,
  uniform,
} from '../../src/analysis/jump-diffusion';
import {
  monteCarloPaths,
  PathRunner,
  planMonteCarlo,
  summarizeMonteCarlo,
  tail,
} from '../../src/analysis/monte-carlo';
import { serialRunner, type SweepBase } from '../../src/analysis/sweep';
import { runMonteCarlo } from '../../src/analysis/sweep-pool';
import { UsageError } from '../../src/model/errors';
import { labRaw } from '../helpers/lab';

const base = (): SweepBase => ({
  network: labRaw(),
  scenario: {
    format: 'contagion/scenario@1',
    name: 'lab-mc',
    stepSeconds: 60,
    horizonSteps: 60,
    events: [
      { type: 'price', asset: 'COL', atStep: 0, path: { shape: 'gap', change: -0.2 } },
      { type: 'depth', asset: 'COL', atStep: 0, multiplier: 0.5 },
    ],
  },
  networkFile: 'lab.json',
  scenarioFile: 'lab-scenario.json',
});
const opts = { paths: 40, seed: 7, asset: 'COL', severity: 'severe' as const };

describe('random draws', () => {
  it('are reproducible from the seed and in range', () => {
    const a = generator(3);
    const b = generator(3);
    for (let i = 0; i < 100; i++) {
      const u = uniform(a);
      expect(u).toBe(uniform(b));
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
    const g = generator(1);
    const xs = Array.from({ length: 4000 }, () => normal(g));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
  });

  it('severer levels fall further on average', () => {
    const meanEnd = (sev: keyof typeof CALIBRATION) => {
      const g = generator(11);
      let t = 0;
      for (let i = 0; i < 300; i++) t += jumpDiffusionPath(CALIBRATION[sev], 30, 60, g).at(-1)!;
      return t / 300;
    };
    const [a, s, v] = [meanEnd('adverse'), meanEnd('severe'), meanEnd('very-severe')];
    expect(s).toBeLessThan(a);
    expect(v).toBeLessThan(s);
    expect(a).toBeLessThan(0);
  });
});

describe('Monte Carlo plans', () => {
  it('replace the price events of the asset with one series and keep the others', () => {
    const plan = planMonteCarlo(base(), opts);
    expect(plan.jobs).toHaveLength(40);
    const events = (plan.jobs[0]!.scenario as any).events;
    expect(events.map((e: any) => e.type)).toEqual(['depth', 'price']);
    expect(events[1].path.shape).toBe('series');
    expect(events[1].path.changes).toHaveLength(60);
  });

  it('same seed, same paths and statistics; another seed, other paths', async () => {
    const one = planMonteCarlo(base(), opts);
    const two = planMonteCarlo(base(), opts);
    expect(two.jobs).toEqual(one.jobs);
    const other = planMonteCarlo(base(), { ...opts, seed: 8 });
    expect(other.jobs).not.toEqual(one.jobs);
    const r1 = summarizeMonteCarlo(one, await serialRunner(one.jobs));
    const r2 = summarizeMonteCarlo(two, await serialRunner(two.jobs));
    expect(r2).toEqual(r1);
    const b = r1.badDebtUsd;
    expect(Number(b.var95)).toBeLessThanOrEqual(Number(b.es95));
    expect(Number(b.var99)).toBeLessThanOrEqual(Number(b.es99));
    expect(Number(b.var95)).toBeLessThanOrEqual(Number(b.var99));
    expect(Number(b.es99)).toBeLessThanOrEqual(Number(b.max));
    for (const p of r1.protocols) expect(p.pInsolvent).toBeLessThanOrEqual(p.pStressed);
  });

  it('runs each path from its changes alone exactly as from its whole raw job', async () => {
    const plan = planMonteCarlo(base(), opts);
    const fromJobs = await serialRunner(plan.jobs);
    expect(await runMonteCarlo(plan, 1)).toEqual(fromJobs);
    const paths = [...monteCarloPaths(plan)];
    expect(paths).toHaveLength(40);
    expect(paths[3]).toEqual((plan.jobs[3]!.scenario as any).events[1].path.changes);
    const runner = new PathRunner(plan.spec);
    expect(runner.run(5, paths[5]!)).toEqual(fromJobs[5]);
    expect(new Set(fromJobs.map((o) => o.badDebtUsd)).size).toBeGreaterThan(1);
  });

  it('rejects a path that is not a price series', () => {
    const runner = new PathRunner(planMonteCarlo(base(), opts).spec);
    expect(() => runner.run(2, [0, -1.5])).toThrow(/path 2: point 1 is -1.5/);
    expect(() => runner.run(2, [Number.POSITIVE_INFINITY])).toThrow(UsageError);
  });

  it('rejects a non-integer seed and an unknown asset', () => {
    expect(() => planMonteCarlo(base(), { ...opts, seed: 1.5 })).toThrow(UsageError);
    expect(() => planMonteCarlo(base(), { ...opts, asset: 'NOPE' })).toThrow(/NOPE/);
  });
});

describe('tail statistics', () => {
  it('VaR is the ceil(p n)-th smallest and ES the mean from it up', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(tail(xs, 0.95)).toEqual({ valueAtRisk: 95, expectedShortfall: 97.5 });
    expect(tail(xs, 0.99)).toEqual({ valueAtRisk: 99, expectedShortfall: 99.5 });
    expect(tail([], 0.95)).toEqual({ valueAtRisk: 0, expectedShortfall: 0 });
  });
});
