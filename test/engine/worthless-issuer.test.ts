// An issuer that backs nothing (otherAssetsUsd "0" and no holdings): its token is worth zero, and the run
// still reconciles instead of carrying NaN through the peg stage.
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile } from '../../src/model/read-file';
import { TINY_FILE, tinyRaw } from '../helpers/fixtures';

const DATA = join(__dirname, '..', '..', 'data');
const ETH_CRASH = join(DATA, 'scenarios', 'eth-crash-30pct.json');

function withoutBacking(issuer: string) {
  const raw = tinyRaw();
  const p = raw.protocols.find((x: { id: string }) => x.id === issuer);
  p.otherAssetsUsd = '0';
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
});
