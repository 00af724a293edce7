// `contagion inspect` through the built binary: counts, exposures and loops, as text and JSON.
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';
import { TINY_FILE } from '../helpers/fixtures';

describe('contagion inspect', () => {
  it('lists counts, the largest exposures and both kinds of loop of the tiny network', () => {
    const r = runBin(['inspect', TINY_FILE, '--all-cycles']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Network "tiny" as of 2025-10-31');
    expect(r.stdout).toMatch(
      /│ protocols +│ +5 │ cdp 1, lending 1, lst-issuer 1, stablecoin-issuer 1, vault 1/,
    );
    expect(r.stdout).toMatch(/lender\/emode-wsteth-eth │ wstETH\/ETH +│ ETH .* 14\.29x/);
    expect(r.stdout).toMatch(/lender -> vault -> lender/);
  });

  it('prints JSON with --json', () => {
    const r = runBin(['inspect', TINY_FILE, '--json', '--top', '3', '--all-cycles']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.exposures).toHaveLength(3);
    expect(x.exposures[0]).toMatchObject({
      holder: 'lido',
      channel: 'holding',
      on: 'asset:ETH',
      usd: 200000,
    });
    expect(x.exposures[1]).toMatchObject({ holder: 'lender', channel: 'collateral', on: 'asset:wstETH' });
    expect(x.loops.markets[0].market).toBe('lender/emode-wsteth-eth');
    expect(x.loops.cycles[0].protocols).toEqual(['lender', 'vault']);
    expect(x.counts.oracles).toEqual({ 'exchange-rate': 1, fixed: 1, market: 2, proxy: 1 });
  });

  it('lists the wstETH e-mode loop and a cross-protocol claims cycle of the sample network by default', () => {
    const r = runBin(['inspect']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Network ".*" as of 2025-10-31/);
    expect(r.stdout).toMatch(/│ [^│]*wsteth[^│]* │ wstETH\/W?ETH +│ ETH /i);
    expect(r.stdout).toMatch(/cycles of the claims graph \([1-9]\d*/);
    expect(r.stdout).toMatch(/ -> .* -> .*│ +\d+\.\d{4}x │/);
  });

  it('fails with exit 2 and the problem on an invalid network', () => {
    const r = runBin(['inspect', 'no/such/file.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/file.json: $: file not found');
  });

  it('leaves trivial claims cycles out by default, says so, and lists them with --all-cycles', () => {
    const gen = tempFiles({});
    const file = join(gen, 'generated.json');
    expect(
      runBin(['generate', '--protocols', '40', '--claims', '120', '--seed', '3', '--out', file]).code,
    ).toBe(0);
    // Generated claims are small shares of their holders: every cycle here is trivial at 1.01, 4 reach 1.0001.
    const dflt = runBin(['inspect', file, '--json', '--max-cycle-length', '5']);
    const some = runBin([
      'inspect',
      file,
      '--json',
      '--max-cycle-length',
      '5',
      '--min-amplification',
      '1.0001',
    ]);
    const all = runBin(['inspect', file, '--json', '--max-cycle-length', '5', '--all-cycles']);
    expect(dflt.code).toBe(0);
    expect(all.code).toBe(0);
    const kept = JSON.parse(dflt.stdout).loops;
    const every = JSON.parse(all.stdout).loops;
    expect(kept.minAmplification).toBe(1.01);
    expect(every.minAmplification).toBe(1);
    expect(every.cycles).toHaveLength(39);
    expect(kept.cycles).toEqual([]);
    const amplified = JSON.parse(some.stdout).loops.cycles;
    expect(amplified).toEqual(every.cycles.slice(0, 4));
    expect(every.cycles[4].amplification).toBeLessThan(1.0001);
    const text = runBin(['inspect', file, '--max-cycle-length', '5']).stdout;
    expect(text).toContain('Trivial cycles, whose amplification is below 1.01x');
    expect(runBin(['inspect', file, '--max-cycle-length', '5', '--all-cycles']).stdout).not.toContain(
      'Trivial cycles',
    );
  });

  it('refuses an amplification threshold below 1', () => {
    const r = runBin(['inspect', '--min-amplification', '0.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--min-amplification must be a number of at least 1 (1 keeps every cycle), not "0.5"',
    );
  });
});
