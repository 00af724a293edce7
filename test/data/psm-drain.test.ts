// The PSM drained on the sample network (data/scenarios/usdc-issuer-loss-psm-open.json): with redemptions
// open, DAI sold below USDC is redeemed at the PSM until its USDC is gone, and then nothing floors DAI.
import { join } from 'node:path';
import { simulate } from '../../src/engine/run';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';

const DATA = join(__dirname, '..', '..', 'data');
const SCENARIO = join(DATA, 'scenarios', 'usdc-issuer-loss-psm-open.json');

describe('a loss at USDC with redemptions open and DAI sold: the PSM drains', () => {
  const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
  const { ctx, result } = simulate(net, parseScenario(readJsonFile(SCENARIO), SCENARIO, net));
  const ids = ctx.s.names.assets;
  const P = ctx.s.protocols;
  const sky = ctx.s.names.protocols.indexOf('sky');
  const holding = (asset: string) => {
    for (let h = P.holdStart[sky]!; h < P.holdStart[sky + 1]!; h++)
      if (P.holdAsset[h] === ids.indexOf(asset)) return P.holdAmount[h]!;
    return NaN;
  };
  const issued = (asset: string) => {
    for (let k = P.issueStart[sky]!; k < P.issueStart[sky + 1]!; k++)
      if (P.issueAsset[k] === ids.indexOf(asset)) return P.issueSupply[k]!;
    return NaN;
  };
  const path = ctx.stats.pricePath;
  const price = (t: number, id: string) => path[t]![ids.indexOf(id)]!;

  it('pays out all of its USDC: a $3.3B outflow, exactly the DAI and USDS it burned', () => {
    // LITE-PSM-USDC-A held 3.3B USDC on the sample (sky-spells-config); 1:1 and no fee, so every USDC paid out
    // burns one DAI or USDS (docs/model.md §3.11). In March 2023 the flow went the other way ($2.2B of USDC
    // into the PSM, Nansen) because redemptions at Circle were closed; no drain was measured.
    expect(holding('USDC')).toBe(0);
    const burned = 4.6e9 - issued('DAI') + (5e9 - issued('USDS'));
    expect(burned).toBeCloseTo(3.3e9, -1);
  });

  it('keeps DAI at USDC while the PSM holds USDC, and lets it fall below once the PSM is empty', () => {
    // The lots of steps 10-148 sell $2.4B of DAI, less than the PSM's 3.3B: each is redeemed within its step.
    for (let t = 0; t <= 148; t++) expect(price(t, 'DAI')).toBeGreaterThan(price(t, 'USDC') - 1e-3);
    // The last lots (to step 244) meet an empty PSM: DAI trades well below USDC, which Circle's open
    // redemptions hold at par out of its cash.
    let low = 1;
    for (let t = 149; t <= 250; t++) low = Math.min(low, price(t, 'DAI') / price(t, 'USDC'));
    expect(low).toBeLessThan(0.9);
    const usdc = result.assets.find((a) => a.id === 'USDC')!;
    expect(usdc.minPriceUsd).toBeGreaterThan(0.99);
  });

  it('returns DAI to its fundamental once the selling stops (its venues recover with their half-life)', () => {
    expect(price(path.length - 1, 'DAI')).toBeGreaterThan(0.999);
  });
});
