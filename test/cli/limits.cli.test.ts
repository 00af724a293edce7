// Inputs that used to hang, crash V8 or print a stack trace end in one clear message naming the limit, exit 2.
import { join } from 'node:path';
import { ROOT, runBin, tempFiles } from '../helpers/cli';

const SCENARIO = join(ROOT, 'data', 'scenarios', 'eth-crash-30pct.json');
const scenarioWith = (edit: Record<string, unknown>) => {
  const dir = tempFiles({
    'scenario.json': {
      format: 'contagion/scenario@1',
      name: 's',
      stepSeconds: 12,
      horizonSteps: 10,
      events: [{ type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'gap', change: -0.1 } }],
      ...edit,
    },
  });
  return join(dir, 'scenario.json');
};

describe('limits named in one message, exit 2', () => {
  it('sweep --set with a range of ten billion values', () => {
    const r = runBin([
      'sweep',
      '--scenario',
      SCENARIO,
      '--mode',
      'grid',
      '--set',
      'scenario.events[0].path.change=0:1000000:0.0001',
    ]);
    expect([r.code, r.stderr]).toEqual([
      2,
      'error: parameter "scenario.events[0].path.change": range "0:1000000:0.0001" makes 10000000001 values: at most 10000 per parameter\n',
    ]);
  });

  it('sweep --mode grid whose product of values is above the limit of runs', () => {
    const r = runBin([
      'sweep',
      '--scenario',
      SCENARIO,
      '--mode',
      'grid',
      '--set',
      'scenario.events[0].path.change=-1:0:0.001',
      '--set',
      'scenario.quietSteps=0:999:1',
    ]);
    expect([r.code, r.stderr]).toEqual([
      2,
      'error: --mode grid of 1001 x 1000 values makes 1001000 runs: at most 100000\n',
    ]);
  });

  it('generate --protocols 999999999999', () => {
    const r = runBin(['generate', '--protocols', '999999999999']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'error: --protocols 999999999999 is above the limit of 200000 (a larger network outgrows the 256 MiB that commands read)\n',
    ]);
  });

  it('shock on horizonSteps 1e9', () => {
    const file = scenarioWith({ horizonSteps: 1e9 });
    const r = runBin(['shock', '--scenario', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: $.horizonSteps: must be at most 250000 steps`);
  });

  it('inspect /dev/zero', () => {
    const r = runBin(['inspect', '/dev/zero']);
    expect([r.code, r.stderr]).toEqual([
      2,
      'error: 1 problem:\n  /dev/zero: $: is not a regular file (a device, FIFO or socket)\n',
    ]);
  });

  it('validate of a scenario whose network is /dev/zero', () => {
    const file = scenarioWith({ network: '/dev/zero' });
    const r = runBin(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/dev/zero: $: is not a regular file (a device, FIFO or socket)');
  });
});
