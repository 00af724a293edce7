// `contagion signals` through the built binary: a run's signals table, the Monte Carlo table (same seed, same
// bytes), and bad input.
import { join } from 'node:path';
import { ROOT, runBin } from '../helpers/cli';

const GAP = join(ROOT, 'data', 'scenarios', 'steth-liquidity-gap.json');

describe('contagion signals', () => {
  it('prints each signal that moved with its peak and the step it crossed its threshold', () => {
    const r = runBin(['signals', '--scenario', GAP]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Early-warning signals of scenario "steth-liquidity-gap"');
    // The stETH depth event at step 5 (85% gone) crosses first.
    expect(r.stdout).toMatch(
      /│ depth-lost\s+│ asset\s+│ stETH\s+│\s+0\.500 │\s+0\.8500 │\s+5 │\s+5 │\s+1\.0 min │/,
    );
    expect(r.stderr).toBe('');
  });

  it('scores every signal over seeded Monte Carlo paths: the same seed gives the same bytes', () => {
    const args = ['signals', '--monte-carlo', '4', '--seed', '11', '--horizon', '10', '--json'];
    const a = runBin(args);
    const b = runBin(args);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.format).toBe('contagion/signal-evaluation@1');
    expect(doc.paths).toBe(4);
    expect(doc.horizonSteps).toBe(10);
    expect(doc.signals).toHaveLength(9);
    // The sample's perp books have funding: the funding deviation is scored with the others.
    expect(doc.signals.map((x: { signal: string }) => x.signal)).toContain('funding-deviation');
    // On one thread or two: the same bytes (tallies add up in any order).
    expect(runBin([...args, '--workers', '1']).stdout).toBe(a.stdout);
    expect(runBin([...args, '--workers', '2']).stdout).toBe(a.stdout);
    const text = runBin(['signals', '--monte-carlo', '4', '--seed', '11', '--horizon', '10']);
    expect(text.stdout).toContain('ROC AUC');
    expect(text.stdout).toContain('within H = 10 steps (2.0 min)');
  });

  it('exits 2 on bad input', () => {
    expect(runBin(['signals', '--monte-carlo', '2']).code).toBe(2);
    expect(runBin(['signals', '--monte-carlo', '2', '--seed', '1', '--horizon', '0']).code).toBe(2);
    expect(runBin(['signals', '--monte-carlo', '2', '--seed', '1', '--asset', 'NOPE']).code).toBe(2);
  });
});
