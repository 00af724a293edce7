// The multichain sample (docs/model.md §23): the Ethereum sample plus Arbitrum One and Base, kept in step with
// the sample by scripts/write-multichain-network.ts, and the Ronin-sized exploit of Arbitrum's ETH bridge run
// on it (data/scenarios/bridge-exploit-arbitrum.json), with figures computed by hand from the file.
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import { multichainNetwork } from '../../src/model/multichain-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { renderRun } from '../../src/report/run-text';

const DATA = join(__dirname, '..', '..', 'data');
const SAMPLE = join(DATA, 'networks', 'ethereum-2025-10.json');
const MULTI = join(DATA, 'networks', 'ethereum-2025-10-multichain.json');
const EXTENSION = join(__dirname, '..', '..', 'scripts', 'multichain-extension.json');

describe('the multichain sample network', () => {
  const net = readNetworkFile(MULTI);

  it('is the Ethereum sample with the extension added, unchanged (run scripts/write-multichain-network.ts)', () => {
    expect(readJsonFile(MULTI)).toEqual(multichainNetwork(readJsonFile(SAMPLE), readJsonFile(EXTENSION)));
    const sample = readNetworkFile(SAMPLE);
    for (const key of ['assets', 'venues', 'oracles', 'protocols'] as const)
      expect(net[key].slice(0, sample[key].length)).toEqual(sample[key]);
  });

  it('has Ethereum first (12 s blocks), Arbitrum One (0.25 s) and Base (2 s), each with a lender', () => {
    // Block times: ethereum.org (12 s slots), research.arbitrum.io/t/9609 (250 ms), Chainstack on Base (2 s).
    expect(net.chains!.map((c) => [c.id, c.blockTimeSec])).toEqual([
      ['ethereum', 12],
      ['arbitrum', 0.25],
      ['base', 2],
    ]);
    for (const chain of ['arbitrum', 'base'])
      expect(net.protocols.some((p) => p.chain === chain && p.kind === 'lending' && p.markets.length > 0)).toBe(
        true,
      );
    // Four canonical bridges, escrow on Ethereum, a 7-day withdrawal (docs.arbitrum.io, OP Stack docs).
    expect(net.bridges!.map((b) => [b.id, b.from, b.to, b.delaySec])).toEqual([
      ['arbitrum-canonical-eth', 'ethereum', 'arbitrum', 604800],
      ['arbitrum-canonical-usdc', 'ethereum', 'arbitrum', 604800],
      ['base-canonical-eth', 'ethereum', 'base', 604800],
      ['base-canonical-usdc', 'ethereum', 'base', 604800],
    ]);
  });
});

describe('a Ronin-sized exploit of the Arbitrum ETH bridge', () => {
  const net = readNetworkFile(MULTI);
  const file = join(DATA, 'scenarios', 'bridge-exploit-arbitrum.json');
  const run = runScenario(net, parseScenario(readJsonFile(file), file, net));
  const asset = (id: string) => run.assets.find((a) => a.id === id)!;
  const protocol = (id: string) => run.protocols.find((p) => p.id === id)!;

  it('depegs WETH on Arbitrum to the ETH left in the escrow, and nothing else', () => {
    // 600,000 ETH held, 173,600 taken (Ronin, 29 Mar 2022): 426,400 back 600,000 WETH.arb, 0.71067 ETH each.
    expect(asset('WETH.arb').finalPriceUsd).toBeCloseTo((3850 * 426_400) / 600_000, 6);
    expect(asset('ETH').finalPriceUsd).toBe(3850);
    expect(asset('WETH.base').finalPriceUsd).toBe(3850);
    expect(protocol('aave-v3-base').status).toBe('healthy');
    // The escrow lost 173,600 x 3,850 = 668.36M USD.
    expect(protocol('arbitrum-bridge-eth').lossUsd).toBe('668360000.00');
  });

  it('passes the depeg to Aave v3 Arbitrum: its WETH depositors bear it, its loans against WETH fall short', () => {
    const aave = protocol('aave-v3-arbitrum');
    // The idle 30,000 WETH is owed to WETH depositors (aArbWETH, pegged to WETH.arb): the receipt falls with it.
    expect(asset('aArbWETH').finalPriceUsd).toBeCloseTo(asset('WETH.arb').finalPriceUsd, 9);
    // Loans: the HF 1.10 cohort (9,600 WETH, 9,600 x 3,850 x 0.83 / 1.1 = 27,887,999.9 -> 27,888,000 USD owed)
    // is secured by 9,600 x 2,736.0667 = 26,266,240 USD: 1,621,760 short; the other cohorts stay covered. That
    // is more than 5% of the pool's 2,554,185 USD of equity: stressed, not insolvent.
    expect(aave.lossUsd).toBe('1621760.00');
    expect(aave.latentBadDebtMarketUsd).toBe('1621760.00');
    // At its oracle (ETH at 3,850) the cohort is secured: latent 0 there. Its own mark of WETH.arb is that
    // reading capped at the backing, 3,850 x 426,400 / 600,000 = the market price: no paper loss (§16.2).
    expect(aave.latentBadDebtOracleUsd).toBe('0.00');
    expect(aave.paperLossUsd).toBe('0.00');
    expect(aave.status).toBe('stressed');
    // Its WETH oracle is Chainlink ETH/USD, which reports ETH: the depeg triggers no liquidation.
    expect(aave.liquidatedUsd).toBe('0.00');
  });

  it('keeps the rollup lenders solvent in the default ETH crash (their WETH is owed in WETH)', () => {
    const crash = join(DATA, 'scenarios', 'eth-crash-30pct.json');
    const r = runScenario(net, parseScenario(readJsonFile(crash), crash, net));
    for (const id of ['aave-v3-arbitrum', 'aave-v3-base']) {
      const p = r.protocols.find((x) => x.id === id)!;
      expect(p.status).toBe('healthy');
      expect(Number(p.liquidatedUsd)).toBeGreaterThan(0);
    }
  });

  it('has a realised path from the exploit through the Ethereum escrow into the Arbitrum lender', () => {
    const failure = run.failures.find((f) => f.protocol === 'aave-v3-arbitrum')!;
    const chainOf = (node: string): string | undefined => {
      const id = node.slice(node.indexOf(':') + 1);
      if (node.startsWith('protocol:')) return net.protocols.find((p) => p.id === id)!.chain ?? 'ethereum';
      if (node.startsWith('asset:')) return net.assets.find((a) => a.id === id)!.chain ?? 'ethereum';
      return undefined; // events and markets
    };
    expect(failure.path[0]).toMatchObject({
      from: 'protocol:arbitrum-bridge-eth',
      to: 'protocol:aave-v3-arbitrum',
      amountUsd: -1_621_760,
    });
    const chains = new Set(failure.path.flatMap((h) => [chainOf(h.from), chainOf(h.to)]));
    chains.delete(undefined);
    expect([...chains].sort()).toEqual(['arbitrum', 'ethereum']);
    // The run says so itself: the chains of the path, from the failure back.
    expect(failure.chains).toEqual(['arbitrum', 'ethereum']);
    expect(run.failures.find((f) => f.protocol === 'arbitrum-bridge-eth')!.chains).toEqual(['ethereum']);
    expect(renderRun(run)).toContain('aave-v3-arbitrum stressed  (across chains: arbitrum <- ethereum)');
  });
});
