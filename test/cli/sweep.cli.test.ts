// `contagion sweep` through the built binary: grids, zips, bad input, Monte Carlo determinism, parallel = serial.
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';
import { labRaw } from '../helpers/lab';

const dir = tempFiles({
  'lab.json': labRaw(),
  'gap.json': {
    format: 'contagion/scenario@1',
    name: 'lab-gap',
    network: 'lab.json',
    stepSeconds: 12,
    horizonSteps: 30,
    events: [{ type: 'price', asset: 'COL', atStep: 0, path: { shape: 'gap', change: -0.2 } }],
  },
  // A breaker's action names an asset the network lacks: only compiling the run finds it, on a worker.
  'unknown-asset.json': {
    format: 'contagion/scenario@1',
    name: 'lab-gap-unknown',
    network: 'lab.json',
    stepSeconds: 12,
    horizonSteps: 30,
    events: [{ type: 'price', asset: 'COL', atStep: 0, path: { shape: 'gap', change: -0.2 } }],
    breakers: [
      {
        id: 'halt',
        scope: 'all',
        trigger: { kind: 'oracle-deviation', oracle: 'any', threshold: 0.05 },
        actions: [{ kind: 'pause-trading', asset: 'NOPE' }],
        durationSteps: 5,
        cooldownSteps: 0,
      },
    ],
  },
});
const lab = ['--scenario', join(dir, 'gap.json')];
const change = 'scenario.events[0].path.change';
const latency = 'network.oracles[col].latencySec';

describe('contagion sweep (grid and zip)', () => {
  it('prints every variant and a phase table for two grid parameters', () => {
    const r = runBin([
      'sweep',
      ...lab,
      '--mode',
      'grid',
      '--set',
      `${change}=-0.1,-0.5`,
      '--set',
      `${latency}=0:120:60`,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sweep (grid, 6 variants)');
    expect(r.stdout).toContain(
      `Bad debt by event 1: price change (%) (rows, ${change}) and oracle col: latency (s) (columns, ${latency})`,
    );
    expect(r.stdout).toMatch(/│\s+-50% │\s+\$2\.38 │/);
    // In a pipe: no progress bar, no speed line, nothing on stderr.
    expect(r.stderr).toBe('');
  });

  it('prints JSON; zip pairs the lists', () => {
    const r = runBin([
      'sweep',
      ...lab,
      '--mode',
      'zip',
      '--json',
      '--set',
      `${change}=-0.1,-0.5`,
      '--set',
      `${latency}=0,60`,
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.format).toBe('contagion/sweep@1');
    expect(out.variants).toHaveLength(2);
    expect(out.variants[1].params).toEqual({ [change]: -0.5, [latency]: 60 });
    expect(out.phase).toBeUndefined();
  });

  it.each([
    [
      ['--mode', 'grid', '--set', 'network.oracles[nope].latencySec=1,2'],
      /network\.oracles\[nope\]\.latencySec/,
    ],
    [['--mode', 'grid', '--set', `${latency}=0:120:-30`], /step must be positive/],
    [['--mode', 'grid', '--set', `${latency}=120:0:30`], /reversed/],
    [['--mode', 'grid', '--set', `${latency}=`], /no values/],
    [['--mode', 'grid', '--set', `${latency}=fast`], /not a number/],
    [['--mode', 'zip', '--set', `${change}=-0.1,-0.2`, '--set', `${latency}=0`], /equal length/],
    [['--set', `${latency}=0,60`], /--mode grid or --mode zip/],
    [['--mode', 'cube', '--set', `${latency}=0`], /mode/],
    [['--mode', 'grid'], /--set/],
    [
      ['--mode', 'grid', '--set', 'network.protocols[lender].markets[lender/m].liquidationThreshold=1.5'],
      /liquidationThreshold=1\.5/,
    ],
    [['--monte-carlo', '3', '--seed', '1.5', '--asset', 'COL'], /integer seed/],
    [['--monte-carlo', '3', '--asset', 'COL'], /--seed/],
    [['--monte-carlo', '3', '--seed', '1', '--asset', 'NOPE'], /NOPE/],
    [['--monte-carlo', '3', '--seed', '1', '--mode', 'grid', '--set', `${latency}=0`], /cannot be combined/],
  ])('exits 2 on bad input %#', (args, message) => {
    const r = runBin(['sweep', ...lab, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('contagion sweep on worker threads', () => {
  it.each(['1', '2'])(
    'reports an unknown id compiled on --workers %s as an input error (exit 2)',
    (workers) => {
      const r = runBin([
        'sweep',
        '--scenario',
        join(dir, 'unknown-asset.json'),
        '--mode',
        'grid',
        '--set',
        `${change}=-0.1,-0.5`,
        '--workers',
        workers,
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('unknown-asset.json: $.breakers[0].actions[0].asset: unknown asset "NOPE"');
      expect(r.stderr).not.toMatch(/internal/i);
    },
  );
});

describe('contagion sweep --monte-carlo', () => {
  it('is deterministic per seed on the lab network', () => {
    const args = ['sweep', ...lab, '--monte-carlo', '30', '--seed', '4', '--asset', 'COL', '--json'];
    const a = runBin(args);
    const b = runBin(args);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.paths).toBe(30);
    expect(Number(out.badDebtUsd.var95)).toBeLessThanOrEqual(Number(out.badDebtUsd.es95));
    expect(Number(out.badDebtUsd.var99)).toBeLessThanOrEqual(Number(out.badDebtUsd.es99));
  });

  it('gives the same result on 1 and on 4 workers (sample network)', () => {
    const args = ['sweep', '--monte-carlo', '6', '--seed', '2', '--severity', 'adverse', '--json'];
    const serial = runBin([...args, '--workers', '1']);
    const parallel = runBin([...args, '--workers', '4']);
    expect(serial.code).toBe(0);
    expect(parallel.code).toBe(0);
    expect(parallel.stdout).toBe(serial.stdout);
    const text = runBin(['sweep', '--monte-carlo', '6', '--seed', '2', '--severity', 'adverse']);
    expect(text.stdout).toContain('bad debt VaR 95%');
    expect(text.stdout).toContain('P(insolvent)');
  });
});
