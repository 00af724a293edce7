// `contagion backtest` through the built binary: the scorecard as text and JSON, unknown ids, broken files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runBin, tempFiles } from '../helpers/cli';

describe('contagion backtest', () => {
  it('prints one table per event with measured, model, ratio and band, then the overall total', () => {
    const r = runBin(['backtest', 'a01-black-thursday-2020', 'a12-stream-xusd-2025']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^a01-black-thursday-2020: Black Thursday \(MakerDAO\)$/m);
    expect(r.stdout).toMatch(
      /│ bad-debt +│ bad debt of maker +│ +5\.670M │ +\d\.\d{3}M │ +\d\.\d{3} │ x\/÷1\.5 +│ yes/,
    );
    expect(r.stdout).toContain('4/4 inside: passes (listed as passing)');
    expect(r.stdout).toMatch(/│ deusd-low .*│ +0\.01500 │ +0\.\d{4} │ +\d+\.\d{3} │ x\/÷3 +│ NO/);
    expect(r.stdout).toContain('3/4 inside: does not pass (listed as not passing yet)');
    expect(r.stdout).toMatch(/^overall: 7\/8 outcomes inside their bands; 1\/2 events pass$/m);
  });

  it('--json prints contagion/backtest@1 with the engine values, the same bytes every run', () => {
    const a = runBin(['backtest', 'a05-aave-crv-squeeze-2022', '--json']);
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.stdout);
    expect(doc.format).toBe('contagion/backtest@1');
    expect(doc.eventsTotal).toBe(1);
    const e = doc.events[0];
    expect(e).toMatchObject({ event: 'a05-aave-crv-squeeze-2022', listedPassing: true, total: 3 });
    const badDebt = e.outcomes.find((o: { id: string }) => o.id === 'bad-debt');
    expect(badDebt).toMatchObject({
      reads: 'protocols[aave-v2].badDebtUsd',
      measured: 1600000,
      band: 'x/÷2',
    });
    expect(badDebt.ratio).toBeCloseTo(badDebt.model / 1600000, 12);
    expect(runBin(['backtest', 'a05-aave-crv-squeeze-2022', '--json']).stdout).toBe(a.stdout);
  });

  it('ends with exit code 2 and names an unknown event before running any', () => {
    const r = runBin(['backtest', 'a01-black-thursday-2020', 'no-such-event']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: unknown event "no-such-event" \(known: a01-black-thursday-2020, /);
  });

  it('validate checks an expected file against the network beside it', () => {
    const r = runBin(['validate', 'data/events/a09-renzo-ezeth-2024/expected.json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('expected outcomes of "a09-renzo-ezeth-2024": 4 outcomes, listed as passing');
  });

  it('rejects an expected file naming a protocol its network lacks, with file, JSON path and reason', () => {
    const dir = join(ROOT, 'data', 'events', 'a07-euler-exploit-2023');
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    expected.outcomes[1].quantity.protocol = 'anglo';
    const tmp = tempFiles({
      'network.json': readFileSync(join(dir, 'network.json'), 'utf8'),
      'expected.json': expected,
    });
    const r = runBin(['validate', join(tmp, 'expected.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${join(tmp, 'expected.json')}: $.outcomes[1].quantity.protocol: unknown protocol "anglo" (not in the event's network)`,
    );
  });
});
