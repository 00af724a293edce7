// `contagion validate` through the built binary: sample data passes, broken files fail with path, reason, exit 2.
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';
import { TINY_FILE, tinyRaw } from '../helpers/fixtures';

describe('contagion validate', () => {
  it('passes every file under data/ when given no file', () => {
    const r = runBin(['validate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok +.*networks\/ethereum-2025-10\.json: network/m);
    expect(r.stdout.match(/^ok /gm)!.length).toBeGreaterThanOrEqual(4);
  });

  it('passes the tiny fixture and says what it holds', () => {
    const r = runBin(['validate', TINY_FILE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 protocols, 5 assets, 3 markets, 5 oracles');
  });

  const broken = (mutate: (r: Record<string, any>) => void) => {
    const raw = tinyRaw();
    mutate(raw);
    return raw;
  };

  it('rejects broken networks with file, JSON path and reason, and exit code 2', () => {
    const dir = tempFiles({
      'dup.json': broken((r) => (r.assets[2].id = 'USDC')),
      'lt.json': broken((r) => (r.protocols[3].markets[0].liquidationThreshold = 0.5)),
      'neg.json': broken((r) => (r.protocols[3].holdings[0].amount = '-1')),
    });
    const r = runBin([
      'validate',
      join(dir, 'dup.json'),
      join(dir, 'lt.json'),
      join(dir, 'neg.json'),
      TINY_FILE,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'dup.json')}: $.assets[2].id: duplicate asset id "USDC"`);
    expect(r.stderr).toContain(
      `${join(dir, 'lt.json')}: $.protocols[3].markets[0].liquidationThreshold: liquidation threshold 0.5 is below loan-to-value 0.93`,
    );
    expect(r.stderr).toContain(
      `${join(dir, 'neg.json')}: $.protocols[3].holdings[0].amount: must not be negative`,
    );
    expect(r.stdout).toContain(`ok    ${TINY_FILE}`);
  });

  it('reports malformed JSON with its line and column', () => {
    const dir = tempFiles({ 'bad.json': '{\n  "format": "contagion/network@1",\n  "name": oops\n}' });
    const r = runBin(['validate', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json: line 3, column 11: not valid JSON: unexpected character');
  });

  it('reports a missing file and an unknown format', () => {
    const dir = tempFiles({ 'other.json': { format: 'something/else@1' } });
    const r = runBin(['validate', join(dir, 'nope.json'), join(dir, 'other.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.json: $: file not found');
    expect(r.stderr).toContain('other.json: $.format: unknown format "something/else@1"');
  });

  it('checks a scenario against its network, resolved relative to the scenario', () => {
    const dir = tempFiles({
      'net.json': tinyRaw(),
      'scenario.json': {
        format: 'contagion/scenario@1',
        name: 's',
        network: 'net.json',
        stepSeconds: 12,
        horizonSteps: 10,
        events: [{ type: 'price', asset: 'BTC', atStep: 12, path: { shape: 'gap', change: -0.2 } }],
      },
    });
    const r = runBin(['validate', join(dir, 'scenario.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenario.json: $.events[0].atStep: step 12 is after the horizon');
    expect(r.stderr).toContain('scenario.json: $.events[0].asset: unknown asset "BTC"');
  });

  it('prints machine-readable results with --json', () => {
    const dir = tempFiles({ 'dup.json': broken((r) => (r.oracles[1].id = 'eth-usd')) });
    const r = runBin(['validate', '--json', join(dir, 'dup.json'), TINY_FILE]);
    expect(r.code).toBe(2);
    const results = JSON.parse(r.stdout);
    expect(results[0]).toMatchObject({ ok: false });
    expect(results[0].issues[0]).toMatchObject({
      path: '$.oracles[1].id',
      reason: 'duplicate oracle id "eth-usd"',
    });
    expect(results[1]).toMatchObject({ ok: true, kind: 'network' });
  });
});
