// `contagion inspect` through the built binary: counts, exposures and loops, as text and JSON.
import { runBin } from '../helpers/cli';
import { TINY_FILE } from '../helpers/fixtures';

describe('contagion inspect', () => {
  it('lists counts, the largest exposures and both kinds of loop of the tiny network', () => {
    const r = runBin(['inspect', TINY_FILE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Network "tiny" as of 2025-10-31');
    expect(r.stdout).toMatch(
      /│ protocols +│ +5 │ cdp 1, lending 1, lst-issuer 1, stablecoin-issuer 1, vault 1/,
    );
    expect(r.stdout).toMatch(/lender\/emode-wsteth-eth │ wstETH\/ETH +│ ETH .* 14\.29x/);
    expect(r.stdout).toMatch(/lender -> vault -> lender/);
  });

  it('prints JSON with --json', () => {
    const r = runBin(['inspect', TINY_FILE, '--json', '--top', '3']);
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
});
