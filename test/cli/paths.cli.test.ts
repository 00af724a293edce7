// `contagion paths` through the built binary: ranked paths with hop types and shares, --to, JSON, bad ids.
import { runBin } from '../helpers/cli';
import { TINY_FILE } from '../helpers/fixtures';

describe('contagion paths', () => {
  it('lists the paths from Circle on the tiny network, each hop with its type and share', () => {
    const r = runBin(['paths', '--from', 'protocol:circle', '--network', TINY_FILE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Exposure paths from protocol:circle to every protocol exposed to it (at most 6 hops)',
    );
    expect(r.stdout).toMatch(
      /│ 1 │ +38\.10% │ +2 │ protocol:circle =\[issuance 100\.0%\]=> asset:USDC =\[holding 38\.1%\]=> protocol:maker/,
    );
    expect(r.stdout).toMatch(/=\[claim 100\.0%\]=> protocol:vault/);
    expect(r.stdout).toContain('Protocols reached (3)');
  });

  it('prints JSON with --json, keeping --k paths', () => {
    const r = runBin(['paths', '--from', 'asset:ETH', '--k', '3', '--json', '--network', TINY_FILE]);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.from).toBe('asset:ETH');
    expect(x.paths).toHaveLength(3);
    expect(x.paths[0].hops[0]).toMatchObject({
      from: 'asset:ETH',
      type: expect.any(String),
      share: expect.any(Number),
    });
    expect(x.paths[0].share).toBeGreaterThanOrEqual(x.paths[2].share);
  });

  it('says plainly when --to cannot be reached, and exits 0', () => {
    const r = runBin(['paths', '--from', 'asset:ETH', '--to', 'protocol:circle', '--network', TINY_FILE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No exposure path from asset:ETH to protocol:circle within 6 hops.');
    const j = runBin([
      'paths',
      '--from',
      'asset:ETH',
      '--to',
      'protocol:circle',
      '--json',
      '--network',
      TINY_FILE,
    ]);
    expect(JSON.parse(j.stdout).paths).toEqual([]);
  });

  it('finds the sample’s paths from ETH to the wstETH loops by default', () => {
    const r = runBin(['paths', '--from', 'asset:ETH', '--to', 'protocol:aave-v3-prime', '--k', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /asset:ETH =\[peg 100\.0%\]=> asset:wstETH =\[collateral [\d.]+%\]=> protocol:aave-v3-prime/,
    );
  });

  it('exits 2 with a clear message on an unknown id, a wrong kind or a missing --from', () => {
    const unknown = runBin(['paths', '--from', 'asset:DOGE', '--network', TINY_FILE]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--from: no asset "DOGE" in the network');
    const to = runBin(['paths', '--from', 'asset:ETH', '--to', 'protocol:nobody', '--network', TINY_FILE]);
    expect(to.code).toBe(2);
    expect(to.stderr).toContain('--to: no protocol "nobody" in the network');
    const kind = runBin(['paths', '--from', 'oracle:eth-usd', '--network', TINY_FILE]);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('--from must name asset:ID or protocol:ID');
    expect(runBin(['paths']).code).toBe(2);
    expect(runBin(['paths', '--from', 'asset:ETH', '--k', '0']).code).toBe(2);
  });
});
