// `contagion defences` through the built binary: the table of static and dynamic margins and the controller,
// JSON, Monte Carlo paths, and inputs it refuses.
import { join } from 'node:path';
import { runBin } from '../helpers/cli';

const DATA = join(__dirname, '..', '..', 'data');
const SCENARIO = join(DATA, 'scenarios', 'defences', 'eth-crash-dynamic-margins.json');
const PLAIN = join(DATA, 'scenarios', 'eth-crash-30pct.json');

describe('contagion defences', () => {
  it('is listed in the help', () => {
    expect(runBin(['--help']).stdout).toMatch(/defences \[options\] +compare static and dynamic margins/);
  });

  it('prints one table of bad debt and forced liquidations for static, margins, the controller and all', () => {
    // The sample scenario with defences is the default.
    const r = runBin(['defences']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Defences on scenario "eth-crash-dynamic-margins"');
    expect(r.stdout).toContain('forced by defences, mean');
    expect(r.stdout).toMatch(/│ static +│ .*│ baseline +│/);
    // On the scenario's own path the margins' tightening sells more collateral into the fall than it saves:
    // a little more bad debt than static margins, so the comparison flags it.
    expect(r.stdout).toMatch(/│ margins +│ .*│ WORSE +│/);
    expect(r.stdout).toMatch(/│ edge +│ .*│ WORSE +│/);
    expect(r.stdout).toMatch(/│ all +│/);
  });

  it('prints JSON with --json, on Monte Carlo paths with --monte-carlo and --seed', () => {
    const r = runBin(['defences', '--scenario', SCENARIO, '--monte-carlo', '2', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.format).toBe('contagion/defences-test@1');
    expect(x.monteCarlo).toEqual({ paths: 2, seed: 3, asset: 'ETH', severity: 'severe' });
    expect(x.rows.map((row: { label: string; runs: number }) => [row.label, row.runs])).toEqual([
      ['static', 2],
      ['margins', 2],
      ['edge', 2],
      ['all', 2],
    ]);
    expect(x.rows[0].forcedLiquidatedMeanUsd).toBe(0);
    expect(x.rows[1].forcedLiquidatedMeanUsd).toBeGreaterThan(0);
  });

  it('refuses a scenario without defences, and Monte Carlo without a seed (exit 2)', () => {
    const plain = runBin(['defences', '--scenario', PLAIN]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('no defences to compare');
    const noSeed = runBin(['defences', '--scenario', SCENARIO, '--monte-carlo', '2']);
    expect(noSeed.code).toBe(2);
    expect(noSeed.stderr).toContain('--monte-carlo needs --seed');
  });
});
