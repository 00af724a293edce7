// Static against dynamic margins and a risk controller on the sample network (docs/model.md §20): one table of
// bad debt and forced liquidations over seeded Monte Carlo paths of ETH, and its figures checked against runs.
import { join } from 'node:path';
import { compareDefences } from '../../src/analysis/defence-test';
import { monteCarloJob, monteCarloPaths, planMonteCarlo } from '../../src/analysis/monte-carlo';
import { parseJob, type SweepBase } from '../../src/analysis/sweep';
import { runScenario } from '../../src/engine/run';
import { UsageError } from '../../src/model/errors';
import { readJsonFile } from '../../src/model/read-file';
import { renderDefenceComparison } from '../../src/report/defences-text';
import { defencesLabRaw, STALE_CASE_COHORTS } from '../helpers/defences-lab';

const DATA = join(__dirname, '..', '..', 'data');
const scenarioFile = join(DATA, 'scenarios', 'defences', 'eth-crash-dynamic-margins.json');
const networkFile = join(DATA, 'networks', 'ethereum-2025-10.json');
const base = (): SweepBase => ({
  scenario: readJsonFile(scenarioFile),
  scenarioFile,
  network: readJsonFile(networkFile),
  networkFile,
});

describe('contagion defences on the sample', () => {
  it('puts static and dynamic margins in one table of bad debt and forced liquidations over 50 ETH paths', () => {
    // The dynamic margins alone (the controller is compared in the next test): two variants of 50 paths.
    const b = base();
    const marginsOnly = { ...b, scenario: { ...(b.scenario as object), controllers: [] } };
    const c = compareDefences(marginsOnly, { paths: 50, seed: 11, asset: 'ETH', severity: 'severe' });
    expect(c.rows.map((r) => [r.label, r.runs])).toEqual([
      ['static', 50],
      ['margins', 50],
    ]);
    const [statics, margins] = c.rows;
    // Static margins force nothing; the dynamic ones force liquidations on the way down (the model's figures).
    expect(statics!.forcedLiquidatedMeanUsd).toBe(0);
    expect(margins!.forcedLiquidatedMeanUsd).toBeGreaterThan(1e8);
    expect(statics!.badDebtMeanUsd).toBeGreaterThan(0);
    // The model's finding on these paths (docs/model.md §20.5): less bad debt with dynamic margins.
    expect(margins!.badDebtMeanUsd).toBeLessThan(statics!.badDebtMeanUsd);
    expect(margins!.worse).toBe(false);
    expect(margins!.defences).toEqual([
      'margins:aave-weth-usdc-vol',
      'margins:spark-weth-dai-vol',
      'margins:compound-weth-vol',
      'margins:euler-weth-usdc-vol',
    ]);
    // Each row's change is its mean bad debt less the static one's.
    for (const r of c.rows)
      expect(r.badDebtChangeUsd).toBeCloseTo(r.badDebtMeanUsd - statics!.badDebtMeanUsd, 2);
    const text = renderDefenceComparison(c);
    expect(text).toContain('bad debt, mean');
    expect(text).toContain('forced by defences, mean');
    expect(text).toContain('same 50 Monte Carlo paths of ETH (seed 11, severe)');
    expect(text.split('\n').filter((l) => /^│ (static|margins) /.test(l))).toHaveLength(2);
  }, 300_000);

  it('reports the means of the runs themselves: each path run on its own gives the same figures', () => {
    const mc = { paths: 3, seed: 5, asset: 'ETH', severity: 'severe' as const };
    const c = compareDefences(base(), mc);
    expect(c.rows.map((r) => r.label)).toEqual(['static', 'margins', 'edge', 'all']);
    const raw = base().scenario as Record<string, unknown>;
    const variant = (margins: boolean): SweepBase => ({
      ...base(),
      scenario: { ...raw, dynamicMargins: margins ? raw.dynamicMargins : [], controllers: [] },
    });
    for (const [label, margins] of [
      ['static', false],
      ['margins', true],
    ] as const) {
      const plan = planMonteCarlo(variant(margins), mc);
      const summaries = [...monteCarloPaths(plan)].map((changes, i) => {
        const { network, scenario } = parseJob(monteCarloJob(plan.spec, i, changes));
        return runScenario(network, scenario).summary;
      });
      const mean = (xs: number[]) => Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100;
      const row = c.rows.find((r) => r.label === label)!;
      expect(row.badDebtMeanUsd).toBe(mean(summaries.map((s) => Number(s.badDebtUsd))));
      expect(row.liquidatedMeanUsd).toBe(mean(summaries.map((s) => Number(s.liquidatedUsd))));
      expect(row.forcedLiquidatedMeanUsd).toBe(
        mean(summaries.map((s) => Number(s.forcedLiquidatedUsd ?? 0))),
      );
    }
  }, 300_000);

  it('lists the failures only a controller brings, with paths that end at it', () => {
    // The stale-controller case of test/engine/defences.test.ts: a dip of 8% that passes, a controller that
    // keeps reading the dip and tightens to 0.65 (live and without a controller nobody fails).
    const c = compareDefences({
      network: defencesLabRaw('1250000', STALE_CASE_COHORTS),
      networkFile: 'lab.json',
      scenarioFile: 'dip.json',
      scenario: {
        format: 'contagion/scenario@1',
        name: 'dip',
        stepSeconds: 12,
        horizonSteps: 60,
        events: [
          { type: 'price', asset: 'X', atStep: 2, path: { shape: 'gap', change: -0.08 } },
          { type: 'price', asset: 'X', atStep: 4, path: { shape: 'gap', change: 0.08 / 0.92 } },
        ],
        controllers: [
          {
            id: 'risk',
            signal: { kind: 'drawdown', oracle: 'x', windowSteps: 50 },
            markets: ['bank/x'],
            rules: [{ above: 0.05, liquidationThreshold: 0.65 }],
            maxChangePerUpdate: 0.02,
            cooldownSteps: 2,
            failures: [{ kind: 'stale', atStep: 3 }],
          },
        ],
      },
    });
    expect(c.rows.map((r) => [r.label, r.worse])).toEqual([
      ['static', false],
      ['risk', true],
    ]);
    const [added] = c.rows[1]!.addedFailures;
    expect(added).toMatchObject({ protocol: 'bank', status: 'stressed', statusWithout: 'healthy' });
    expect(added!.path.at(-1)!.from).toBe('controller:risk');
    const text = renderDefenceComparison(c);
    expect(text).toContain('Failures only with risk (1):');
    expect(text).toMatch(/<- controller:risk =\[liquidation/);
  });

  it('needs a scenario with defences', () => {
    const b = base();
    const raw = b.scenario as Record<string, unknown>;
    expect(() =>
      compareDefences({ ...b, scenario: { ...raw, dynamicMargins: [], controllers: [] } }),
    ).toThrow(UsageError);
  });
});
