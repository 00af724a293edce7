// An issuer that backs nothing (otherAssetsUsd "0" and no holdings): its token is worth zero, and the run
// still reconciles instead of carrying NaN through the peg stage.
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import { UsageError } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile } from '../../src/model/read-file';
import { TINY_FILE, tinyRaw } from '../helpers/fixtures';

const DATA = join(__dirname, '..', '..', 'data');
const ETH_CRASH = join(DATA, 'scenarios', 'eth-crash-30pct.json');

function withoutBacking(issuer: string, otherAssetsUsd = '0') {
  const raw = tinyRaw();
  const p = raw.protocols.find((x: { id: string }) => x.id === issuer);
  p.otherAssetsUsd = otherAssetsUsd;
  p.holdings = [];
  return parseNetwork(raw, TINY_FILE);
}

const crash = (net: ReturnType<typeof parseNetwork>) =>
  parseScenario({ ...(readJsonFile(ETH_CRASH) as object), horizonSteps: 60, quietSteps: 10 }, 'crash', net);

describe('an issuer with nothing behind its token', () => {
  it('runs to the end: circle with otherAssetsUsd "0" makes USDC worthless, and DAI follows through the PSM', () => {
    const net = withoutBacking('circle');
    const run = runScenario(net, crash(net));
    const usdc = run.assets.find((a) => a.id === 'USDC')!;
    expect(Number(usdc.minPriceUsd)).toBe(0);
    expect(run.summary.insolventProtocols).toContain('circle');
    // The PSM swaps DAI for worthless USDC: DAI falls far below its peg.
    const dai = run.assets.find((a) => a.id === 'DAI')!;
    expect(Number(dai.minPriceUsd)).toBeLessThan(0.01);
  });

  it('runs with lido backing nothing: stETH and wstETH are worth zero', () => {
    const net = withoutBacking('lido');
    const run = runScenario(net, crash(net));
    for (const id of ['stETH', 'wstETH'])
      expect(Number(run.assets.find((a) => a.id === id)!.minPriceUsd)).toBe(0);
  });

  it('names the input when a run outgrows exact cents: a PSM with no capacity mints DAI without end', () => {
    // circle backs USDC with 1e-18 USD: USDC and then DAI fall near zero, and the PSM mints DAI at a price
    // near zero until maker's balance sheet passes 2^52 cents.
    const net = withoutBacking('circle', '0.000000000000000001');
    const fall = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'fall',
        stepSeconds: 12,
        horizonSteps: 100,
        quietSteps: 20,
        events: [
          { type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'linear', change: -0.3, overSteps: 30 } },
        ],
      },
      'fall.json',
      net,
    );
    const run = () => runScenario(net, fall);
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/the balance sheet of protocol "maker" reached .* give those links a capacity/);
  });
});
