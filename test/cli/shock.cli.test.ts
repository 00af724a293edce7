// `contagion shock` through the built binary: the readable summary, byte-identical JSON, breakers, bad input.
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';

const DATA = join(__dirname, '..', '..', 'data');

describe('contagion shock', () => {
  it('runs the default scenario on the sample and prints failures with paths, losses, prices and breakers', () => {
    const r = runBin(['shock']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Scenario "eth-crash-30pct" on "ethereum-2025-10"/);
    expect(r.stdout).toMatch(/Failures in time order \(\d+\)/);
    expect(r.stdout).toMatch(/<- event:\d+ =\[exogenous/);
    expect(r.stdout).toContain('Losses by protocol');
    expect(r.stdout).toContain('Worst prices');
    expect(r.stdout).toContain('Breaker activations (0)');
  });

  it('prints the liquidation auctions of a network that has them, and reports them in the JSON', () => {
    const scenario = join(DATA, 'events', 'a01-black-thursday-2020', 'scenario.json');
    const r = runBin(['shock', '--scenario', scenario]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Liquidation auctions \(\d+ started, \d+ closed at a zero bid, 0 still open\)/);
    expect(r.stdout).toMatch(/maker\/eth-a +│ english/);
    const run = JSON.parse(runBin(['shock', '--scenario', scenario, '--json']).stdout);
    expect(run.auctions.zeroBid).toBeGreaterThan(0);
    expect(run.auctions.shortfallUsd).toBe(run.summary.badDebtUsd);
    expect(runBin(['shock']).stdout).not.toContain('Liquidation auctions');
  });

  it('gives byte-identical JSON for the same inputs', () => {
    const args = ['shock', '--scenario', join(DATA, 'scenarios', 'usdc-issuer-loss.json'), '--json'];
    const a = runBin(args);
    const b = runBin(args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const run = JSON.parse(a.stdout);
    expect(run.format).toBe('contagion/run@1');
    expect(run.summary.insolventProtocols).toContain('circle');
  });

  it('adds a breakers file and reports its activations and cost', () => {
    const r = runBin([
      'shock',
      '--breakers',
      join(DATA, 'scenarios', 'breakers-pause-on-deviation.json'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run.breakers).toEqual(['pause-liquidations-on-oracle-deviation', 'twap-large-liquidations']);
    expect(run.breakerActivations.length).toBeGreaterThan(0);
  });

  it('rejects a scenario naming unknown ids or events after the horizon with path, reason and exit 2', () => {
    const dir = tempFiles({
      's.json': {
        format: 'contagion/scenario@1',
        name: 'bad',
        stepSeconds: 12,
        horizonSteps: 10,
        events: [
          { type: 'price', asset: 'DOGE', atStep: 3, path: { shape: 'gap', change: -0.5 } },
          { type: 'exploit', protocol: 'aave-v3-core', atStep: 10, lossUsd: '5' },
        ],
      },
    });
    const r = runBin(['shock', '--scenario', join(dir, 's.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('s.json: $.events[0].asset: unknown asset "DOGE" (not in the network)');
    expect(r.stderr).toContain('s.json: $.events[1].atStep: step 10 is after the horizon');
    expect(r.stdout).toBe('');
  });

  it('rejects a zero step length and a breaker whose trigger can never be evaluated', () => {
    const dir = tempFiles({
      's.json': {
        format: 'contagion/scenario@1',
        name: 'z',
        stepSeconds: 0,
        horizonSteps: 10,
        events: [{ type: 'depth', asset: 'ETH', atStep: 0, multiplier: 1 }],
      },
      'b.json': {
        format: 'contagion/breakers@1',
        breakers: [
          {
            id: 'never',
            trigger: { kind: 'drawdown', asset: 'ETH', threshold: 0.1, windowSteps: 5000 },
            actions: [{ kind: 'pause-liquidations' }],
            durationSteps: 5,
          },
        ],
      },
    });
    const zero = runBin(['shock', '--scenario', join(dir, 's.json')]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('$.stepSeconds: must be positive');
    const never = runBin(['shock', '--breakers', join(dir, 'b.json')]);
    expect(never.code).toBe(2);
    expect(never.stderr).toContain(
      'b.json: $.breakers[0].trigger.windowSteps: a window of 5000 steps never fits in a horizon of 600',
    );
  });
});
