// Events, pegs and breakers through whole runs on the lab network: exact paths, pegs following issuers and
// convertibility, and breakers that help or hurt.
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { labNetwork, labScenario } from '../helpers/lab';

const price = (run: ReturnType<typeof runScenario>, asset: string, step: number) =>
  run.series.priceUsd[asset]![step]!;

describe('scenario events', () => {
  it('gap, linear and series paths move the fundamental exactly', () => {
    const net = labNetwork();
    const linear = runScenario(
      net,
      labScenario(net, [
        { type: 'price', asset: 'COL', atStep: 2, path: { shape: 'linear', change: -0.2, overSteps: 4 } },
      ]),
    );
    expect([1, 2, 3, 4, 5, 6].map((t) => price(linear, 'COL', t))).toEqual(
      [100, 95, 90, 85, 80, 80].map((x) => expect.closeTo(x, 9)),
    );
    const series = runScenario(
      net,
      labScenario(net, [
        {
          type: 'price',
          asset: 'COL',
          atStep: 1,
          path: { shape: 'series', everySteps: 2, changes: [-0.1, -0.3, 0] },
        },
      ]),
    );
    expect([1, 2, 3, 5].map((t) => price(series, 'COL', t))).toEqual(
      [90, 90, 70, 100].map((x) => expect.closeTo(x, 9)),
    );
    const gap = runScenario(
      net,
      labScenario(net, [{ type: 'price', asset: 'COL', atStep: 3, path: { shape: 'gap', change: -0.25 } }]),
    );
    expect([2, 3].map((t) => price(gap, 'COL', t))).toEqual([100, 75]);
  });

  it('a price event on a pegged asset is a market gap that decays; its issuer loses nothing', () => {
    const net = labNetwork({ halfLifeSec: 12 });
    const run = runScenario(
      net,
      labScenario(net, [{ type: 'price', asset: 'LST', atStep: 1, path: { shape: 'gap', change: -0.2 } }]),
    );
    expect(price(run, 'LST', 1)).toBeCloseTo(80, 9);
    expect(price(run, 'LST', 2)).toBeCloseTo(90, 9);
    expect(run.protocols.find((p) => p.id === 'issuer')!.lossUsd).toBe('0.00');
  });

  it('an exploit takes holdings and is booked as exogenous; a run pays depositors from reserves', () => {
    const net = labNetwork();
    const run = runScenario(
      net,
      labScenario(net, [
        { type: 'exploit', protocol: 'issuer', atStep: 1, share: 0.1 },
        { type: 'run', protocol: 'lender', atStep: 1, share: 0.5 },
      ]),
    );
    const issuer = run.protocols.find((p) => p.id === 'issuer')!;
    expect(issuer.lossByChannel.exogenous).toBe('10000.00'); // 100 COL at 100
    const lender = run.protocols.find((p) => p.id === 'lender')!;
    expect(lender.lossByChannel.exogenous).toBe('0.00'); // paid 525 out, owes 525 less
  });
});

describe('pegs', () => {
  it("a pegged asset follows its issuer's recovery: LST = par x 900/990 after the issuer loses 10% of its backing", () => {
    const net = labNetwork();
    const run = runScenario(
      net,
      labScenario(net, [{ type: 'exploit', protocol: 'issuer', atStep: 1, share: 0.1 }]),
    );
    expect(price(run, 'LST', 1)).toBeCloseTo((100 * 900) / 990, 9);
    const lstPath = run.failures.find((f) => f.protocol === 'issuer')!.path;
    expect(lstPath[0]).toMatchObject({ from: 'event:0', to: 'protocol:issuer', channel: 'exogenous' });
  });

  /** USDC issued by circle, DAI by maker with a PSM (USDC <-> DAI, both ways) holding USDC. */
  function psm(daiDepth: string, makerUsdc: string) {
    return parseNetwork(
      {
        format: 'contagion/network@1',
        name: 'psm',
        asOf: '2023-03-10',
        assets: [
          { id: 'USDC', priceUsd: '1', peg: { target: 'USD', issuer: 'circle' } },
          { id: 'DAI', priceUsd: '1', peg: { target: 'USD', issuer: 'maker' } },
        ],
        convertibility: [{ from: 'USDC', to: 'DAI', rate: 1, direction: 'both', converter: 'maker' }],
        venues: [
          {
            id: 'curve',
            kind: 'dex',
            liquidity: [{ asset: 'DAI', depthUsd2pct: daiDepth, resilienceHalfLifeSec: 60 }],
          },
        ],
        protocols: [
          {
            id: 'circle',
            kind: 'stablecoin-issuer',
            otherAssetsUsd: '1000',
            issues: [{ asset: 'USDC', supply: '1000' }],
          },
          {
            id: 'maker',
            kind: 'cdp',
            holdings: [{ asset: 'USDC', amount: makerUsdc }],
            otherAssetsUsd: String(1000 - Number(makerUsdc)),
            issues: [{ asset: 'DAI', supply: '1000' }],
            insuranceFundUsd: '1000',
          },
        ],
      },
      'psm.json',
    );
  }
  const loss = (net: ReturnType<typeof psm>, usd: string) =>
    parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'svb',
        stepSeconds: 60,
        horizonSteps: 3,
        events: [{ type: 'exploit', protocol: 'circle', atStep: 0, lossUsd: usd }],
      },
      's.json',
      net,
    );

  it('the PSM mint bound pulls DAI down to USDC (March 2023): with no depth to absorb, fully', () => {
    const net = psm('0', '400');
    const run = runScenario(net, loss(net, '120'));
    expect(price(run, 'USDC', 0)).toBeCloseTo(0.88, 12);
    // Maker is solvent (insurance fund), so DAI's own backing says 1; the mint bound says at most 0.88.
    expect(price(run, 'DAI', 0)).toBeCloseTo(0.88, 12);
  });

  it('with depth, arbitrage mints DAI against USDC: the PSM takes in USDC and DAI supply grows', () => {
    const net = psm('1000', '400');
    const run = runScenario(net, loss(net, '120'));
    expect(price(run, 'DAI', 0)).toBeCloseTo(0.88, 12);
    const maker = run.protocols.find((p) => p.id === 'maker')!;
    // Maker loses on the USDC it took in at par: the peg channel, from USDC.
    expect(Number(maker.lossByChannel.peg)).toBeGreaterThan(0);
    expect(run.ledger.some((e) => e.to === 'maker' && e.channel === 'peg' && e.from === 'asset:USDC')).toBe(
      true,
    );
  });
});

describe('breakers', () => {
  /** COL gaps 10% then falls 50% more over 10 steps; the lender's cohort starts at HF 1.133. */
  const crash = (breakers: unknown[]) => {
    const net = labNetwork(
      {},
      (raw) => (raw.protocols[1].markets[0].cohorts = [{ collateralAmount: '1', debtAmount: '75' }]),
    );
    return runScenario(
      net,
      labScenario(
        net,
        [
          { type: 'price', asset: 'COL', atStep: 1, path: { shape: 'gap', change: -0.1 } },
          { type: 'price', asset: 'COL', atStep: 2, path: { shape: 'linear', change: -0.5, overSteps: 10 } },
        ],
        { breakers },
      ),
    );
  };
  const pause = {
    id: 'pause',
    trigger: { kind: 'drawdown', asset: 'COL', threshold: 0.05, windowSteps: 5 },
    actions: [{ kind: 'pause-liquidations' }],
    durationSteps: 10,
    cooldownSteps: 100,
  };

  it('a pause that lets a position sink underwater makes bad debt larger, and its cost is reported', () => {
    const without = crash([]);
    const withPause = crash([pause]);
    expect(Number(without.summary.badDebtUsd)).toBeLessThan(Number(withPause.summary.badDebtUsd));
    expect(withPause.breakerActivations).toEqual([
      { breaker: 'pause', startStep: 1, endStep: 11, liquidityFrozenPeakUsd: expect.any(String) },
    ]);
    expect(Number(withPause.summary.liquidityFrozenPeakUsd)).toBeGreaterThan(0);
  });

  it('does not fire again during its cool-down', () => {
    const run = crash([{ ...pause, durationSteps: 2, cooldownSteps: 30 }]);
    expect(run.breakerActivations).toHaveLength(1);
  });
});
