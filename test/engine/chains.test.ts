// Chains (docs/model.md §23): a protocol liquidates only in steps where a block of its chain lands, an oracle's
// latency includes its chain's block time, a congestion event can name one chain, and a network without
// chains runs as before.
import { join } from 'node:path';
import { blockLands } from '../../src/engine/chain-state';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { runScenario, simulate } from '../../src/engine/run';
import { labNetwork, labScenario } from '../helpers/lab';

/** The lab network on one chain of 12-second blocks (an oracle latency of 0 of its own). */
const onChain = (blockTimeSec: number) =>
  labNetwork({ keeperCapacity: '10' }, (r) => {
    r.chains = [{ id: 'l1', blockTimeSec, finalitySec: 0 }];
  });

/** COL falls 45% at step 1: the one cohort (1 COL, 50 USD owed, LT 0.85) goes to HF 55 x 0.85 / 50 = 0.935. */
const crash = [{ type: 'price', asset: 'COL', atStep: 1, path: { shape: 'gap', change: -0.45 } }];

/** Debt the lender's liquidations repaid (USD) in a run of `horizonSteps` steps of 1 s. */
function liquidatedBy(net: ReturnType<typeof labNetwork>, horizonSteps: number): string {
  const run = runScenario(net, labScenario(net, crash, { stepSeconds: 1, horizonSteps }));
  return run.protocols.find((p) => p.id === 'lender')!.liquidatedUsd;
}

describe('block time', () => {
  it('a block of 12 s lands in steps 0, 12, 24, ... of 1 s, and in every step of 12 s or more', () => {
    const landed = Array.from({ length: 30 }, (_, t) => t).filter((t) => blockLands(t, 1, 12));
    expect(landed).toEqual([0, 12, 24]);
    expect([0, 1, 2, 3].every((t) => blockLands(t, 12, 12))).toBe(true);
    expect([0, 1, 2, 3].every((t) => blockLands(t, 60, 12))).toBe(true);
    // 5 s blocks over 2 s steps: blocks at 0, 5, 10, 15 s fall in steps 0, 2, 5, 7.
    expect(Array.from({ length: 8 }, (_, t) => t).filter((t) => blockLands(t, 2, 5))).toEqual([0, 2, 5, 7]);
    // The implicit chain (block time 0) lands in every step.
    expect(blockLands(7, 0.25, 0)).toBe(true);
  });

  it('a 1 s step on a 12 s chain liquidates only on block steps, after the oracle update lands', () => {
    // Hand count. The crash is at t = 1 s; the oracle (latency 0 of its own + the 12 s block) shows it at 13 s,
    // step 13. Blocks land at steps 0, 12, 24, 36, 48, 60: the first that sees HF 0.935 is step 24. Keepers
    // repay at most 10 USD a step. HF after each: 0.9456 (close factor 1 below 0.95), 0.9633 (then 0.5),
    // 0.99875, 1.105: four liquidations of 10 USD, at steps 24, 36, 48 and 60.
    const net = onChain(12);
    expect(liquidatedBy(net, 24)).toBe('0.00'); // steps 0 to 23
    expect(liquidatedBy(net, 25)).toBe('10.00'); // step 24
    expect(liquidatedBy(net, 36)).toBe('10.00'); // nothing in steps 25 to 35
    expect(liquidatedBy(net, 37)).toBe('20.00'); // step 36
    expect(liquidatedBy(net, 60)).toBe('30.00'); // step 48
    expect(liquidatedBy(net, 61)).toBe('40.00'); // step 60
    expect(liquidatedBy(net, 90)).toBe('40.00'); // HF 1.105 after the fourth
  });

  it('without chains the same run liquidates in every step from the one the oracle shows the crash', () => {
    // No block time and latency 0: the oracle shows the crash at step 1, keepers act in steps 1, 2, 3 and 4.
    const net = labNetwork({ keeperCapacity: '10' });
    expect(liquidatedBy(net, 2)).toBe('10.00');
    expect(liquidatedBy(net, 3)).toBe('20.00');
    expect(liquidatedBy(net, 5)).toBe('40.00');
    expect(liquidatedBy(net, 60)).toBe('40.00');
  });

  it('a chain of 1 s blocks over 1 s steps acts every step; its oracle shows the crash one step later', () => {
    const net = onChain(1);
    expect(liquidatedBy(net, 2)).toBe('0.00'); // visible at 1 + 1 = 2 s
    expect(liquidatedBy(net, 3)).toBe('10.00');
    expect(liquidatedBy(net, 6)).toBe('40.00');
  });
});

describe('congestion per chain', () => {
  const twoChains = () =>
    labNetwork({ keeperCapacity: '10' }, (r) => {
      r.chains = [
        { id: 'l1', blockTimeSec: 1, finalitySec: 0 },
        { id: 'l2', blockTimeSec: 1, finalitySec: 0 },
      ];
    });
  const congest = (chain?: string) => ({
    type: 'chain',
    ...(chain && { chain }),
    atStep: 0,
    blockTimeSec: 1,
    inclusionDelaySecPerLevel: 0,
    congestion: { levels: [4] },
  });
  it('a chain event naming one chain congests only that chain; without a chain, every chain', () => {
    const net = twoChains();
    const run = (chain?: string) =>
      simulate(net, labScenario(net, [...crash, congest(chain)], { stepSeconds: 1, horizonSteps: 3 }));
    const levels = (chain?: string) => run(chain).ctx.chains.map((c) => c.level);
    expect(levels('l2')).toEqual([1, 4]);
    expect(levels('l1')).toEqual([4, 1]);
    expect(levels()).toEqual([4, 4]);
    // The lender lives on l1 (the first chain): congestion there divides its keepers' 10 USD a step by 4. The
    // crash shows at step 2 (1 s latency of l1's block): one step of liquidation in a horizon of 3.
    const repaid = (chain: string) =>
      run(chain).result.protocols.find((p) => p.id === 'lender')!.liquidatedUsd;
    expect(repaid('l2')).toBe('10.00');
    expect(repaid('l1')).toBe('2.50');
  });
});

describe('a network without chains', () => {
  it('runs the default scenario on the sample exactly as before chains existed', () => {
    // Figures of `contagion shock` on the sample (eth-crash-30pct) at the commit before chains were added (the
    // whole run@1 document of every sample scenario was compared byte for byte too: identical), with the changes
    // made since by liquidators who count their price impact (§3.5; before it, $2,305,380,129.28 liquidated,
    // ETH's low 2,690.160117295347 and 32,721 ledger rows) and by arbitrage converted at its fill (§3.11;
    // before it, $130,241,197.94 lost and $32,353,096.60 of insurance funds used).
    const DATA = join(__dirname, '..', '..', 'data');
    const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
    const file = join(DATA, 'scenarios', 'eth-crash-30pct.json');
    const run = runScenario(net, parseScenario(readJsonFile(file), file, net));
    expect(run.summary).toMatchObject({
      badDebtUsd: '220666.41',
      liquidatedUsd: '2295652223.08',
      lossUsd: '130241196.20',
      insuranceFundUsedUsd: '32353094.86',
      paperLossUsd: '2470062.84',
      stressedProtocols: ['aave-v3-prime', 'compound-v3-weth', 'gmx', 'hlp', 'sky'],
      insolventProtocols: [],
    });
    expect(run.assets.find((a) => a.id === 'ETH')!.minPriceUsd).toBe(2691.0621671800836);
    expect(run.ledger).toHaveLength(33413);
  });
});

describe('auctions on block steps', () => {
  /** The lab network whose one market sells by a linear Dutch auction: top 1.2 x oracle, to 0 in 100 s. */
  const withAuction = (blockTimeSec?: number) =>
    labNetwork({}, (r) => {
      if (blockTimeSec !== undefined) r.chains = [{ id: 'l1', blockTimeSec, finalitySec: 0 }];
      r.protocols[1].markets[0].auction = {
        kind: 'dutch',
        penalty: 0.1,
        startMultiplier: 1.2,
        decay: { shape: 'linear', durationSec: 100 },
      };
    });
  const repaid = (net: ReturnType<typeof labNetwork>, horizonSteps: number) =>
    runScenario(net, labScenario(net, crash, { stepSeconds: 1, horizonSteps })).protocols.find(
      (p) => p.id === 'lender',
    )!.liquidatedUsd;

  it('a take lands only in a step where a block of the chain lands', () => {
    // Hand count. COL at 55 after the crash; the oracle shows it at 13 s and the auction starts in the first block
    // step after, 24 (as the liquidation of §23.1): top 1.2 x 55 = 66, tab 50 x 1.1 = 55, price 66 x (1 - e / 100)
    // e seconds later. A keeper takes the 1 COL (worth 55) once the price is below 55, e > 16.67. Blocks land
    // at steps 36 (e = 12: 58.08, no) and 48 (e = 24: 66 x 0.76 = 50.16): the keeper pays 50.16 there.
    const net = withAuction(12);
    expect(repaid(net, 48)).toBe('0.00'); // steps 0 to 47: no take (steps 41 to 47 have no block)
    expect(repaid(net, 49)).toBe('50.16'); // step 48
  });

  it('without chains the take lands in the first step its price is below market', () => {
    // The crash shows at step 1 and the auction starts there: e = 17 s is step 18, at 66 x 0.83 = 54.78.
    const net = withAuction();
    expect(repaid(net, 18)).toBe('0.00');
    expect(repaid(net, 19)).toBe('54.78');
  });

  it('a chain whose blocks are one step apart takes in the first step its price is below market', () => {
    // 12 s blocks, 12 s steps: the oracle shows the crash at 1 x 12 + 12 = 24 s, step 2; e = 24 s (step 4) asks
    // 50.16 as above; e = 12 (step 3) asks 58.08, above the market.
    const net = withAuction(12);
    const run = (h: number) =>
      runScenario(net, labScenario(net, crash, { stepSeconds: 12, horizonSteps: h })).protocols.find(
        (p) => p.id === 'lender',
      )!.liquidatedUsd;
    expect(run(4)).toBe('0.00');
    expect(run(5)).toBe('50.16');
  });
});
