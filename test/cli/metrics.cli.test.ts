// `contagion metrics` through the built binary: DebtRank and centralities per protocol, JSON, bad input.
import { runBin } from '../helpers/cli';
import { TINY_FILE } from '../helpers/fixtures';

describe('contagion metrics', () => {
  it('ranks the tiny network’s protocols by DebtRank with both rules and the centralities', () => {
    const r = runBin(['metrics', TINY_FILE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Systemic importance of the protocols of "tiny" as of 2025-10-31');
    expect(r.stdout).toMatch(
      /DebtRank +│ differential +│ distressed +│ defaulted +│ betweenness +│ PageRank +│ eigenvector/,
    );
    expect(r.stdout.indexOf('│ circle')).toBeLessThan(r.stdout.indexOf('│ lido'));
    expect(r.stdout).toContain('Betweenness on distances -ln(share)');
  });

  it('prints JSON with --json, sorted by DebtRank, every value in [0, 1]', () => {
    const r = runBin(['metrics', TINY_FILE, '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.exposures).toBe('claims-and-tokens');
    expect(x.protocols[0].protocol).toBe('circle');
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

  it('exits 2 on a bad --exposures or a missing file', () => {
    const r = runBin(['metrics', '--exposures', 'everything']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected "claims" or "claims-and-tokens"');
    expect(runBin(['metrics', 'no/such.json']).code).toBe(2);
  });
});
