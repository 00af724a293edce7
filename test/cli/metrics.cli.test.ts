// `contagion metrics` through the built binary: DebtRank and centralities per protocol, JSON, bad input.
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';
import { TINY_FILE, tinyRaw } from '../helpers/fixtures';

/** The tiny network with the lender and the vault renamed to ids that are properties of every object. */
function prototypeIdsFile(): string {
  const rename: Record<string, string> = { lender: 'constructor', vault: 'toString' };
  const json = JSON.stringify(tinyRaw(), (k, v) =>
    (k === 'id' || k === 'on') && typeof v === 'string' && Object.hasOwn(rename, v) ? rename[v] : v,
  );
  return join(tempFiles({ 'network.json': json }), 'network.json');
}

describe('contagion metrics', () => {
  it('ranks the tiny network’s protocols by DebtRank with both rules and the centralities', () => {
    const r = runBin(['metrics', TINY_FILE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Systemic importance of the protocols of "tiny" as of 2025-10-31');
    expect(r.stdout).toMatch(
      /DebtRank +│ differential +│ distressed +│ defaulted +│ betweenness +│ PageRank +│ eigenvector/,
    );
    // Lido first: the lender's wstETH-backed loans exceed the lender's buffer.
    expect(r.stdout.indexOf('│ lido')).toBeLessThan(r.stdout.indexOf('│ circle'));
    expect(r.stdout).toContain('Betweenness on distances -ln(share)');
  });

  it('prints JSON with --json, sorted by DebtRank, every value in [0, 1]', () => {
    const r = runBin(['metrics', TINY_FILE, '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.exposures).toBe('claims-tokens-collateral');
    expect(x.protocols[0].protocol).toBe('lido');
    for (const p of x.protocols) {
      expect(p.debtRank).toBeGreaterThanOrEqual(0);
      expect(p.debtRank).toBeLessThanOrEqual(1);
      expect(typeof p.pagerank).toBe('number');
    }
    const claims = JSON.parse(runBin(['metrics', TINY_FILE, '--json', '--exposures', 'claims']).stdout);
    expect(claims.impactEdges).toBe(3);
  });

  it('runs on the sample by default and skips the centralities when asked', () => {
    const r = runBin(['metrics', '--json', '--no-centrality']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.protocols.length).toBeGreaterThan(20);
    expect(x.protocols.every((p: { betweenness: unknown }) => p.betweenness === null)).toBe(true);
  });

  it('gives Lido a non-zero DebtRank on the sample through collateral, and names the exposures used', () => {
    const r = runBin(['metrics', '--no-centrality']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Exposures used by DebtRank: claims on the protocol, held tokens it issues, and loans against collateral it issues',
    );
    const lido = (args: string[]) =>
      JSON.parse(runBin(['metrics', '--json', '--no-centrality', ...args]).stdout).protocols.find(
        (p: { protocol: string }) => p.protocol === 'lido',
      );
    // Lenders whose markets take wstETH as collateral (Aave, Spark, Compound, Morpho, Euler, Sky) are
    // exposed to Lido; nobody holds a claim on Lido or its tokens outside a market.
    const withCollateral = lido([]);
    expect(withCollateral.debtRank).toBeGreaterThan(0.05);
    expect(withCollateral.distressed).toBeGreaterThanOrEqual(6);
    expect(lido(['--exposures', 'claims-and-tokens']).debtRank).toBe(0);
  });

  it('runs on protocol ids "constructor" and "toString" with the numbers of the same network named otherwise', () => {
    const file = prototypeIdsFile();
    const r = runBin(['metrics', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const renamed = JSON.parse(r.stdout);
    const original = JSON.parse(runBin(['metrics', TINY_FILE, '--json']).stdout);
    const byId = (x: { protocols: { protocol: string }[] }, id: string) =>
      x.protocols.find((p) => p.protocol === id);
    expect({ ...byId(renamed, 'constructor'), protocol: 'lender' }).toEqual(byId(original, 'lender'));
    expect({ ...byId(renamed, 'toString'), protocol: 'vault' }).toEqual(byId(original, 'vault'));
    expect(typeof byId(renamed, 'toString')!).toBe('object');
    expect(runBin(['metrics', file]).stdout).toMatch(/│ constructor +│ lending/);
    for (const args of [
      ['inspect', file],
      ['loops', file],
      ['paths', '--network', file, '--from', 'protocol:toString'],
    ]) {
      const other = runBin(args);
      expect([args[0], other.code, other.stderr]).toEqual([args[0], 0, '']);
    }
  });

  it('exits 2 on a bad --exposures or a missing file', () => {
    const r = runBin(['metrics', '--exposures', 'everything']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected one of claims, claims-and-tokens, claims-tokens-collateral');
    expect(runBin(['metrics', 'no/such.json']).code).toBe(2);
  });
});
