// `contagion breakers` through the built binary: the A/B table, the WORSE verdict with its failures and
// paths, JSON, and breaker files that do not validate.
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';

const DATA = join(__dirname, '..', '..', 'data');
const PAUSE = join(DATA, 'scenarios', 'breakers-pause-on-deviation.json');

describe('contagion breakers', () => {
  it('compares the sample crash with no breaker, each breaker and all, and flags the pause as worse', () => {
    const r = runBin(['breakers', '--breakers', PAUSE]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Breakers on scenario "eth-crash-30pct"');
    expect(r.stdout).toMatch(/│ none +│ .* baseline +│/);
    expect(r.stdout).toMatch(/│ pause-liquidations-on-oracle-deviation +│ .*│ WORSE +│/);
    expect(r.stdout).toMatch(/│ all +│/);
    expect(r.stdout).toMatch(
      /WORSE with pause-liquidations-on-oracle-deviation: bad debt \$[\d.]+[KMB]? against/,
    );
    expect(r.stdout).toMatch(/Failures only with it \(\d+\):/);
    expect(r.stdout).toMatch(/<- event:0 =\[exogenous/);
  });

  it('prints JSON with --json', () => {
    const r = runBin(['breakers', '--breakers', PAUSE, '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.runs.map((run: { label: string }) => run.label)).toEqual([
      'none',
      'pause-liquidations-on-oracle-deviation',
      'twap-large-liquidations',
      'all',
    ]);
    const pause = x.runs[1];
    expect(pause.worse).toBe(true);
    expect(pause.badDebtChangeUsd).toBeGreaterThan(0);
    expect(pause.addedFailures[0].path.length).toBeGreaterThan(0);
  });

  it('exits 2 with file, path and reason on a breaker file that does not validate', () => {
    const dir = tempFiles({
      'b.json': {
        format: 'contagion/breakers@1',
        name: 'bad',
        breakers: [
          {
            id: 'pause-nobody',
            scope: { protocols: ['no-such-protocol'] },
            trigger: { kind: 'oracle-deviation', oracle: 'any', threshold: 0.05 },
            actions: [{ kind: 'pause-liquidations' }],
            durationSteps: 10,
          },
        ],
      },
      'shape.json': { format: 'contagion/breakers@1', name: 'bad', breakers: [{ id: 'x' }] },
    });
    const r = runBin(['breakers', '--breakers', join(dir, 'b.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/b\.json: \$\.breakers\[0\]\.scope\.protocols\[0\]: .*no-such-protocol/);
    const s = runBin(['breakers', '--breakers', join(dir, 'shape.json')]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/shape\.json: \$\.breakers\[0\]/);
    const missing = runBin(['breakers', '--breakers', 'no/such.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no/such.json: $: file not found');
  });

  it('exits 2 when there is no breaker to compare', () => {
    const r = runBin(['breakers']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no breakers to compare');
  });
});
