// `contagion loops` through the built binary: pegged markets and claims cycles, text and JSON, bad input.
import { runBin } from '../helpers/cli';
import { TINY_FILE } from '../helpers/fixtures';

describe('contagion loops', () => {
  it('lists the e-mode loop with its leverage and the lender <-> vault cycle with its amplification', () => {
    const r = runBin(['loops', TINY_FILE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Recursive leverage loops of "tiny" as of 2025-10-31');
    expect(r.stdout).toMatch(/lender\/emode-wsteth-eth │ wstETH\/ETH +│ ETH .* 93\.0% │ +14\.29x │/);
    expect(r.stdout).toMatch(/lender -> vault -> lender/);
    // Loop share (30 / lender's assets) x (200 / 200): amplification 1 / (1 - loop share).
    expect(r.stdout).toMatch(/vault->lender \$200(\.00)? 100\.00%/);
  });

  it('prints JSON with --json', () => {
    const r = runBin(['loops', TINY_FILE, '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.network).toEqual({ name: 'tiny', asOf: '2025-10-31' });
    expect(x.markets[0]).toMatchObject({ market: 'lender/emode-wsteth-eth', pegRoot: 'ETH' });
    expect(x.markets[0].maxLeverage).toBeCloseTo(1 / 0.07, 9);
    expect(x.cycles[0].protocols).toEqual(['lender', 'vault']);
    expect(x.cycles[0].amplification).toBeGreaterThan(1);
    expect(x.truncated).toBe(false);
  });

  it('works on the sample by default, largest debt first', () => {
    const r = runBin(['loops', '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    for (let i = 1; i < x.markets.length; i++)
      expect(x.markets[i].debtUsd).toBeLessThanOrEqual(x.markets[i - 1].debtUsd);
    expect(x.cycles.length).toBeGreaterThan(0);
  });

  it('exits 2 on a missing file or a bad option', () => {
    const r = runBin(['loops', 'no/such.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such.json: $: file not found');
    expect(runBin(['loops', '--max-cycle-length', 'x']).code).toBe(2);
  });
});
