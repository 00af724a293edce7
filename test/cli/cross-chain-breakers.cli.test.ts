// `contagion breakers` on a bridge exploit through the built binary (docs/model.md §24.3): the two-chain
// fixture, a bridge halt on its escrow's outflow and a pause of the destination chain on the copy's depeg;
// one table of bad debt, latent bad debt and who was stopped.
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

const SCENARIO = join(FIXTURES, 'bridge-exploit-scenario.json');
const BREAKERS = join(FIXTURES, 'bridge-breakers.json');

describe('contagion breakers on a bridge exploit', () => {
  it('shows bad debt, latent bad debt and who was stopped in one table', () => {
    const r = runBin(['breakers', '--scenario', SCENARIO, '--breakers', BREAKERS]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ run +│ bad debt +│.*│ latent bad debt │ stopped +│ verdict +│/);
    expect(r.stdout).toMatch(/│ none +│ .*│ +\$900\.00K │ - +│ baseline +│/);
    expect(r.stdout).toMatch(
      /│ all +│ .*│ +\$600\.00K │ bridge:portal, l2-lender, l2-vault, portal-escrow │/,
    );
  });

  it('--json: the halt keeps the copy at 600 USD with the pause; each run says who it stopped', () => {
    const r = runBin(['breakers', '--scenario', SCENARIO, '--breakers', BREAKERS, '--json']);
    expect(r.code).toBe(0);
    const runs = JSON.parse(r.stdout).runs as {
      label: string;
      latentBadDebtUsd: number;
      stopped: string[];
      worstPrice: { minPriceUsd: number };
    }[];
    expect(runs.map((x) => [x.label, x.latentBadDebtUsd, x.stopped])).toEqual([
      ['none', 900_000, []],
      ['portal-halt', 0, ['bridge:portal', 'portal-escrow']],
      ['l2-pause', 900_000, ['l2-lender', 'l2-vault']],
      ['all', 600_000, ['bridge:portal', 'l2-lender', 'l2-vault', 'portal-escrow']],
    ]);
    // 200 ETH left for 1000 ETH.l2 at 3000 USD.
    expect(runs[3]!.worstPrice.minPriceUsd).toBe(600);
  });

  it('an unknown bridge or chain in a breakers file is an input error at its JSON path', () => {
    const bad = {
      format: 'contagion/breakers@1',
      breakers: [
        {
          id: 'x',
          scope: { bridge: 'wormhole' },
          trigger: { kind: 'depeg', asset: 'ETH', chain: 'l3', threshold: 0.05 },
          actions: [{ kind: 'pause-withdrawals' }],
          durationSteps: 5,
        },
      ],
    };
    const dir = tempFiles({ 'bad.json': JSON.stringify(bad) });
    const r = runBin(['breakers', '--scenario', SCENARIO, '--breakers', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /\$\.breakers\[0\]\.scope\.bridge: unknown bridge "wormhole" \(not in the network\)/,
    );
    expect(r.stderr).toMatch(/\$\.breakers\[0\]\.trigger\.chain: unknown chain "l3" \(not in the network\)/);
  });
});
