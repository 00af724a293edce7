// `contagion clearing` through the built binary: the sample's table, JSON with its transfers, bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runBin, tempFiles } from '../helpers/cli';

describe('contagion clearing', () => {
  it('prints the members, the netting and the orderly against chaotic table of the sample by default', () => {
    const r = runBin(['clearing']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Netting: $1.88B of claims net to $1.37B (27.1% netted away).');
    expect(r.stdout).toMatch(
      /hyperliquid +│ hyperliquid-l1 │ +\$1\.15B │ +\$50\.00M │ +-\$1\.30B │ defaults/,
    );
    expect(r.stdout).toMatch(/bad debt \(past the defaulters’ margin\) +│ +\$163\.45M │ +\$185\.94M │/);
    expect(r.stdout).toMatch(
      /worst price of wstETH \(from 3274\.42\) +│ +3046\.81 \(-7\.0%\) │ 2852\.87 \(-12\.9%\) │/,
    );
    expect(r.stdout).toMatch(/socialized in all +│ +\$0\.00 │ +\$15\.94M │/);
  });

  it('prints JSON with every transfer named by account and cause', () => {
    const r = runBin(['clearing', join(ROOT, 'data', 'clearing', 'lenders-and-perps.json'), '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.members.map((m: { defaulted: boolean }) => m.defaulted)).toEqual([false, false, true, false]);
    expect(x.orderly.steps).toBe(24);
    expect(x.chaotic.steps).toBe(1);
    const causes = new Set(x.chaotic.transfers.map((t: { cause: string }) => t.cause));
    expect([...causes].sort()).toEqual([
      'defaulter-fund',
      'defaulter-margin',
      'house-fund',
      'member-fund',
      'settlement',
      'socialized',
      'variation-margin',
    ]);
    expect(x.chaotic.transfers).toContainEqual({
      step: 0,
      from: 'clearing-house (own capital)',
      to: 'clearing-house',
      amountUsd: 20e6,
      cause: 'house-fund',
    });
    // The orderly sale brings the defaulter's margin in over the 24 steps; the house settles at the last.
    const steps = x.orderly.transfers
      .filter((t: { cause: string }) => t.cause === 'defaulter-margin')
      .map((t: { step: number }) => t.step);
    expect(steps).toEqual(Array.from({ length: 24 }, (_, k) => k));
    expect(x.orderly.transfers.filter((t: { cause: string }) => t.cause === 'settlement')[0].step).toBe(23);
  });

  it('adds the network runs with --spillover', () => {
    const r = runBin(['clearing', '--spillover', '--json']);
    expect(r.code).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x.spillover.horizonSteps).toBe(48);
    expect(x.spillover.runs.map((s: { case: string }) => s.case)).toEqual([
      'shock alone',
      'orderly',
      'chaotic',
    ]);
    const text = runBin(['clearing', '--spillover']).stdout;
    expect(text).toMatch(/chaotic +│ +\$67\.09M │ +\$117\.11K │/);
  });

  it('rejects an unknown member with file, JSON path and exit code 2', () => {
    const raw = JSON.parse(readFileSync(join(ROOT, 'data', 'clearing', 'lenders-and-perps.json'), 'utf8'));
    const dir = tempFiles({
      'bad.json': {
        ...raw,
        network: join(ROOT, 'data', 'networks', 'ethereum-2025-10.json'),
        members: [...raw.members, { protocol: 'nowhere' }],
      },
    });
    const r = runBin(['clearing', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json: $.members[4].protocol: unknown protocol "nowhere"');
  });
});
