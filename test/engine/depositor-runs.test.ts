// Depositor runs (docs/model.md §19): the share running is the CDF of the thresholds at the signal, requests
// are paid first come first served from idle liquidity and the rest is stuck; stuck holders sell the receipt
// token, which trades below NAV, and the run reaches a protocol holding it.
import { buildSummary } from '../../src/engine/result';
import { runScenario, runSimulation } from '../../src/engine/run';
import { normalCdf, runShare } from '../../src/engine/run-thresholds';
import { InputError } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { loadEvents } from '../../src/cli/load-events';
import { renderMarkdownReport } from '../../src/report/markdown';
import { buildReportModel } from '../../src/report/report-model';
import { renderRun } from '../../src/report/run-text';

/** D = depth at 2% / -ln(0.98) (docs/model.md §1.3). */
const depthOf = (depth2: number) => depth2 / -Math.log(0.98);

/**
 * A vault issuing vUSD (pegged to USD): 300 USDC idle, 700 USD in strategies, 950 vUSD outstanding (equity
 * 50). Optionally a fund holding vUSD, with its own depositors.
 */
interface RunsOptions {
  run?: Record<string, unknown>;
  /** A redeem link USDC -> vUSD run by the vault: its inventory is the vault's USDC, the idle liquidity. */
  redeemLink?: boolean;
  fund?: boolean;
  usdcIdle?: string;
}

function runsNetwork(o: RunsOptions = {}) {
  return parseNetwork(runsRaw(o), 'runs-lab.json');
}

function runsRaw(o: RunsOptions = {}): Record<string, any> {
  const fund = o.fund ?? false;
  return {
    format: 'contagion/network@1',
    name: 'runs-lab',
    asOf: '2025-11-03',
    assets: [
      { id: 'USDC', priceUsd: '1' },
      { id: 'vUSD', priceUsd: '1', peg: { target: 'USD', issuer: 'vault' } },
    ],
    convertibility: o.redeemLink
      ? [{ from: 'USDC', to: 'vUSD', rate: 1, direction: 'redeem', converter: 'vault' }]
      : [],
    venues: [
      {
        id: 'dex',
        kind: 'dex',
        liquidity: [{ asset: 'vUSD', depthUsd2pct: '20', resilienceHalfLifeSec: 3600 }],
      },
    ],
    protocols: [
      {
        id: 'vault',
        kind: 'vault',
        holdings: [{ asset: 'USDC', amount: o.usdcIdle ?? '300' }],
        otherAssetsUsd: o.usdcIdle === '0' ? '1000' : '700',
        issues: [{ asset: 'vUSD', supply: '950' }],
        depositorRun: {
          triggers: [
            { signal: 'loss-of-assets', thresholds: { distribution: 'uniform', low: 0, high: 0.2 } },
          ],
          depositAsset: 'USDC',
          sellStuck: 0,
          ...o.run,
        },
      },
      ...(fund
        ? [
            {
              id: 'fund',
              kind: 'vault',
              holdings: [
                { asset: 'vUSD', amount: '450' },
                { asset: 'USDC', amount: '100' },
              ],
              externalLiabilitiesUsd: '540',
              depositorRun: {
                triggers: [
                  { signal: 'loss-of-equity', thresholds: { distribution: 'uniform', low: 0, high: 1 } },
                ],
                depositAsset: 'USDC',
              },
            },
          ]
        : []),
    ],
  };
}

const exploit = (net: ReturnType<typeof runsNetwork>, lossUsd = '100') =>
  parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'vault loses 100',
      stepSeconds: 3600,
      horizonSteps: 6,
      events: [{ type: 'exploit', protocol: 'vault', atStep: 1, lossUsd }],
    },
    'runs-lab-scenario.json',
    net,
  );

describe('the share of depositors running is the CDF of their thresholds at the signal', () => {
  it('uniform over [low, high]: 0 below, linear inside, 1 above', () => {
    const u = { distribution: 'uniform', low: 0.05, high: 0.25 } as const;
    expect([0, 0.05, 0.1, 0.2, 0.25, 0.9].map((x) => runShare(u, x))).toEqual([
      0,
      0,
      expect.closeTo(0.25, 12),
      expect.closeTo(0.75, 12),
      1,
      1,
    ]);
  });

  it('lognormal: half run at the median, Φ(1) = 0.8413447 one sigma above it (normal tables)', () => {
    const l = { distribution: 'lognormal', median: 0.1, sigma: 0.5 } as const;
    expect(runShare(l, 0.1)).toBeCloseTo(0.5, 7);
    expect(runShare(l, 0.1 * Math.exp(0.5))).toBeCloseTo(0.8413447, 6);
    expect(runShare(l, 0.1 * Math.exp(-1))).toBeCloseTo(1 - 0.9772499, 6);
    expect(runShare(l, 0)).toBe(0);
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 6);
  });
});

describe('a run on a protocol whose loss crosses a uniform threshold distribution', () => {
  // The vault loses 100 of its 1000 of initial assets at step 1: the signal is 0.1, thresholds are uniform on
  // [0, 0.2], so F = 0.5 of the 950 owed asks (475). 300 USDC is idle: 300 is paid at par, first come first
  // served, and 175 is stuck. Supply falls to 650; what is left is 600 of strategies against 650 owed.
  const net = runsNetwork();
  const run = runScenario(net, exploit(net));

  it('asks 475, pays 300 from idle USDC and leaves 175 stuck, exactly', () => {
    expect(run.depositorRuns).toEqual([
      { protocol: 'vault', requestedUsd: '475.00', paidUsd: '300.00', stuckUsd: '175.00' },
    ]);
  });

  it('the depositors left behind recover 600 / 650, not the 900 / 950 they would without the run', () => {
    const vault = run.protocols.find((p) => p.id === 'vault')!;
    expect(vault.recovery).toBeCloseTo(600 / 650, 12);
    expect(run.series.priceUsd['vUSD']![1]).toBeCloseTo(600 / 650, 12);
    // Paying depositors at par changes no equity: the loss is the exploit's 100.
    expect(vault.lossUsd).toBe('100.00');
    const calm = runsNetwork({
      run: {
        triggers: [{ signal: 'loss-of-assets', thresholds: { distribution: 'uniform', low: 0.5, high: 1 } }],
      },
    });
    const noRun = runScenario(calm, exploit(calm));
    expect(noRun.depositorRuns![0]).toMatchObject({
      requestedUsd: '0.00',
      paidUsd: '0.00',
      stuckUsd: '0.00',
    });
    expect(noRun.protocols.find((p) => p.id === 'vault')!.recovery).toBeCloseTo(900 / 950, 12);
  });

  it('the terminal output lists the run; a run without a rule has no such section', () => {
    const text = renderRun(run);
    expect(text).toContain('Depositor runs (1)');
    expect(text).toMatch(/vault\s.*\$475\.00\s.*\$300\.00\s.*\$175\.00/);
    const raw = runsRaw();
    delete raw['protocols'][0].depositorRun;
    const without = parseNetwork(raw, 'no-rule.json');
    expect(renderRun(runScenario(without, exploit(without)))).not.toContain('Depositor runs');
  });

  it('the markdown report has a depositor-runs table', () => {
    const md = renderMarkdownReport(buildReportModel({ run }));
    expect(md).toContain('## Depositor runs (1)');
    expect(md).toMatch(/\| vault \| \$475\.00 \| \$300\.00 \| \$175\.00 \|/);
  });

  it('a larger loss (0.15) asks 0.75 of the deposits: 712.50, of which 412.50 stuck', () => {
    const deeper = runScenario(net, exploit(net, '150'));
    expect(deeper.depositorRuns![0]).toMatchObject({
      requestedUsd: '712.50',
      paidUsd: '300.00',
      stuckUsd: '412.50',
    });
  });

  it('while requests are stuck the token is priced at NAV x exp(-r x delay): a year at 50% is x0.6065', () => {
    const delayed = runsNetwork({ run: { stuckDelaySec: 365 * 24 * 3600, costOfCapital: 0.5 } });
    const r = runScenario(delayed, exploit(delayed));
    expect(r.series.priceUsd['vUSD']![1]).toBeCloseTo((600 / 650) * Math.exp(-0.5), 12);
  });

  it('no run rule, no depositorRuns in the output, and the same run as before', () => {
    const raw = runsRaw();
    delete raw['protocols'][0].depositorRun;
    const without = parseNetwork(raw, 'no-rule.json');
    const r = runScenario(without, exploit(without));
    expect(r.depositorRuns).toBeUndefined();
    expect(r.protocols.find((p) => p.id === 'vault')!.recovery).toBeCloseTo(900 / 950, 12);
  });
});

describe('a vault at 100% utilization facing a run', () => {
  it('pays nothing; its stuck holders sell the token, which trades below NAV by exp(-q / D)', () => {
    // Nothing idle: every request is stuck, and every stuck holder sells (sellStuck 1). At step 1 the loss is
    // 100 of 1000 (F = 0.5): 475 of the 950 vUSD are sold at the pre-trade price of 1, q = 475, and the vault's
    // recovery is 900 / 950, so vUSD = 900/950 x exp(-475 / D), D = 20 / -ln 0.98 (the venue's depth).
    const net = runsNetwork({ usdcIdle: '0', run: { sellStuck: 1 } });
    const run = runScenario(net, exploit(net));
    expect(run.depositorRuns).toEqual([
      { protocol: 'vault', requestedUsd: '475.00', paidUsd: '0.00', stuckUsd: '475.00' },
    ]);
    const nav = 900 / 950;
    expect(run.series.priceUsd['vUSD']![1]).toBeCloseTo(nav * Math.exp(-475 / depthOf(20)), 12);
    // The discount decays back towards NAV with the venue's resilience (half-life one step): m <- 1 + (m - 1) / 2.
    const m1 = Math.exp(-475 / depthOf(20));
    expect(run.series.priceUsd['vUSD']![2]).toBeCloseTo(nav * (1 + (m1 - 1) / 2), 12);
    const path = run.failures.find((f) => f.protocol === 'vault')!.path;
    expect(path[0]).toMatchObject({ from: 'event:0', to: 'protocol:vault', channel: 'exogenous' });
  });

  it('on the Stream event: every request stuck, xUSD within the measured 0.11-0.26', () => {
    // Measured: xUSD at $0.26 on 3 Nov (PeckShield, via https://followin.io/trendingTopic/2647) and about
    // $0.10-0.11 later (https://www.coinfeather.com/en/news/how-stream-finance-and-elixir-collapsed/28967).
    const [event] = loadEvents(['a12-stream-xusd-2025']);
    const run = runScenario(event!.network, event!.scenario);
    const stream = run.depositorRuns!.find((r) => r.protocol === 'stream')!;
    expect(stream.paidUsd).toBe('0.00');
    expect(Number(stream.stuckUsd)).toBeGreaterThan(580e6); // its 422.4M of loans and 160M of xUSD at par
    const xusd = run.assets.find((a) => a.id === 'xUSD')!;
    expect(xusd.minPriceUsd).toBeGreaterThanOrEqual(0.11);
    expect(xusd.minPriceUsd).toBeLessThanOrEqual(0.26);
    // Elixir paid its liquid 36.7M first come first served (it redeemed about 80% of non-Stream holders 1:1,
    // Elixir statement via web3chainhub); the rest of deUSD is stuck.
    expect(run.depositorRuns!.find((r) => r.protocol === 'elixir')).toMatchObject({
      paidUsd: '36700000.00',
      stuckUsd: '67900000.00',
    });
    // MEV Capital's vault lent against xUSD in markets stuck at 100% utilization (followin): only its idle
    // $5M of USDC is paid, the rest of its $35.3M of deposits is stuck.
    expect(run.depositorRuns!.find((r) => r.protocol === 'mev-capital')).toMatchObject({
      paidUsd: '5000000.00',
      stuckUsd: '30300000.00',
    });
  });
});

describe("the redemption link's capacity is the idle liquidity", () => {
  const gap = (net: ReturnType<typeof runsNetwork>, withExploit: boolean) =>
    parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'gap',
        stepSeconds: 3600,
        horizonSteps: 4,
        events: [
          ...(withExploit ? [{ type: 'exploit', protocol: 'vault', atStep: 1, lossUsd: '100' }] : []),
          { type: 'price', asset: 'vUSD', atStep: 1, path: { shape: 'gap', change: -0.01 } },
        ],
      },
      'gap.json',
      net,
    );

  it('while USDC is idle, redemptions at 1 hold vUSD at its floor', () => {
    const net = runsNetwork({ redeemLink: true });
    const run = runScenario(net, gap(net, false));
    // A 1% gap costs D x ln(1/0.99) = 9.95 USD of redemptions, well within the 300 USDC.
    const vusd = run.assets.find((a) => a.id === 'vUSD')!;
    expect(vusd.finalPriceUsd).toBeCloseTo(1, 9);
    expect(run.series.priceUsd['vUSD']).toBeUndefined(); // back at 1 by the end of the step it gapped
    expect(run.depositorRuns![0]!.requestedUsd).toBe('0.00');
  });

  it('a run paid first drains the USDC, and the stuck holders sell through a floor that no longer holds', () => {
    const net = runsNetwork({ redeemLink: true, run: { sellStuck: 1 } });
    const run = runScenario(net, gap(net, true));
    expect(run.depositorRuns).toEqual([
      { protocol: 'vault', requestedUsd: '475.00', paidUsd: '300.00', stuckUsd: '175.00' },
    ]);
    // Nothing is left to redeem with: the gap stays, 175 of the 650 left is sold at 0.99, and vUSD ends the step
    // at its NAV 600/650 x 0.99 x exp(-175 x 0.99 / D).
    const p1 = (600 / 650) * 0.99 * Math.exp(-(175 * 0.99) / depthOf(20));
    expect(run.series.priceUsd['vUSD']![1]).toBeCloseTo(p1, 12);
  });
});

describe('the run reaches a protocol holding the receipt token', () => {
  // The vault's stuck holders (500 of the 950 vUSD are unmodelled; the fund holds 450) sell; the fund's vUSD
  // is marked down with the market price, and the fund's depositors run on its equity loss in turn.
  const net = runsNetwork({ fund: true, usdcIdle: '0', run: { sellStuck: 1 } });
  const run = runScenario(net, exploit(net));

  it('the vault pays none of what its unmodelled holders ask: 0.5 x 500 stuck', () => {
    expect(run.depositorRuns!.find((r) => r.protocol === 'vault')).toEqual({
      protocol: 'vault',
      requestedUsd: '250.00',
      paidUsd: '0.00',
      stuckUsd: '250.00',
    });
  });

  it("the fund's failure path goes through the token's fall from the vault's run, back to the exploit", () => {
    const fund = run.failures.find((f) => f.protocol === 'fund')!;
    expect(fund.path.map((h) => [h.from, h.to, h.channel])).toEqual([
      ['asset:vUSD', 'protocol:fund', 'price'],
      ['protocol:vault', 'asset:vUSD', 'run'],
      ['event:0', 'protocol:vault', 'exogenous'],
    ]);
    // q = 250 sold at 1 into D: the fund's 450 vUSD fall to 900/950 x exp(-250 / D) at step 1.
    const p1 = (900 / 950) * Math.exp(-250 / depthOf(20));
    expect(run.series.priceUsd['vUSD']![1]).toBeCloseTo(p1, 12);
  });

  it("the fund's depositors run in turn: all 540 ask, its 100 USDC is paid, 440 stuck", () => {
    // The fund's equity is 450 + 100 - 540 = 10; its vUSD loses 450 x (1 - 0.736) at step 1, over 12 times its
    // equity, so at step 2 every threshold on [0, 1] is crossed.
    expect(run.depositorRuns!.find((r) => r.protocol === 'fund')).toEqual({
      protocol: 'fund',
      requestedUsd: '540.00',
      paidUsd: '100.00',
      stuckUsd: '440.00',
    });
  });
});

describe('a run rule is validated', () => {
  const bad = (edit: (p: Record<string, any>) => void) => {
    const raw = runsRaw();
    edit(raw['protocols'][0]);
    return () => parseNetwork(raw, 'runs-lab.json');
  };

  it('an unknown deposit asset is an input error naming its path', () => {
    expect(bad((p) => (p.depositorRun.depositAsset = 'DAI'))).toThrow(InputError);
    expect(bad((p) => (p.depositorRun.depositAsset = 'DAI'))).toThrow(
      /protocols\[0\]\.depositorRun\.depositAsset/,
    );
  });

  it('a uniform distribution needs high above low', () => {
    expect(
      bad((p) => (p.depositorRun.triggers[0].thresholds = { distribution: 'uniform', low: 0.3, high: 0.1 })),
    ).toThrow(/high must be above low/);
  });
});

describe('run modes', () => {
  it('a summary-only run with depositor runs and a price path in progress has the full run summary', () => {
    // A price path on USDC still in progress makes the summary-only run defer its valuations (docs/model.md §7.4).
    const net = runsNetwork({ fund: true, usdcIdle: '0', run: { sellStuck: 1 } });
    const sc = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'exploit during a price path',
        stepSeconds: 3600,
        horizonSteps: 8,
        events: [
          { type: 'price', asset: 'USDC', atStep: 0, path: { shape: 'linear', change: -0.1, overSteps: 6 } },
          { type: 'exploit', protocol: 'vault', atStep: 1, lossUsd: '100' },
        ],
      },
      'deferred.json',
      net,
    );
    const full = runSimulation(net, sc);
    const fast = runSimulation(net, sc, { summaryOnly: true });
    expect(buildSummary(fast.ctx)).toEqual(buildSummary(full.ctx));
    expect(fast.ctx.stats.runRequestedUsd).toEqual(full.ctx.stats.runRequestedUsd);
    expect(fast.ctx.stats.runPaidUsd).toEqual(full.ctx.stats.runPaidUsd);
    expect(fast.ctx.ledger.equityCents).toEqual(full.ctx.ledger.equityCents);
    expect(full.ctx.stats.runRequestedUsd.some((x) => x > 0)).toBe(true);
  });
});

describe('the other signals', () => {
  const scenarioOf = (net: ReturnType<typeof runsNetwork>, events: unknown[]) =>
    parseScenario(
      { format: 'contagion/scenario@1', name: 'signals', stepSeconds: 3600, horizonSteps: 4, events },
      'signals.json',
      net,
    );

  it('utilization: 1 - 300/950 asks 650 at step 0; once the 300 is paid utilization is 1 and the rest asks', () => {
    const net = runsNetwork({
      run: {
        triggers: [{ signal: 'utilization', thresholds: { distribution: 'uniform', low: 0, high: 1 } }],
      },
    });
    const run = runScenario(
      net,
      scenarioOf(net, [{ type: 'depth', asset: 'vUSD', atStep: 0, multiplier: 1 }]),
    );
    expect(run.depositorRuns).toEqual([
      { protocol: 'vault', requestedUsd: '950.00', paidUsd: '300.00', stuckUsd: '650.00' },
    ]);
  });

  it('discount: vUSD gapping 30% below NAV crosses half of thresholds uniform on [0, 0.6]', () => {
    const net = runsNetwork({
      run: { triggers: [{ signal: 'discount', thresholds: { distribution: 'uniform', low: 0, high: 0.6 } }] },
    });
    const run = runScenario(
      net,
      scenarioOf(net, [{ type: 'price', asset: 'vUSD', atStep: 1, path: { shape: 'gap', change: -0.3 } }]),
    );
    expect(run.depositorRuns).toEqual([
      { protocol: 'vault', requestedUsd: '475.00', paidUsd: '300.00', stuckUsd: '175.00' },
    ]);
  });

  it('a discount trigger on a protocol that issues nothing is an input error', () => {
    const raw = runsRaw({ fund: true });
    raw['protocols'][1].depositorRun.triggers[0].signal = 'discount';
    expect(() => parseNetwork(raw, 'runs-lab.json')).toThrow(
      /protocols\[1\]\.depositorRun\.triggers\[0\]\.signal: a discount trigger needs a token the protocol issues/,
    );
  });
});

describe('the stopping rule', () => {
  it('a run that asks or pays keeps the run going although a payment at par books nothing', () => {
    // Utilization asks 650 at step 0 and the rest at step 1 (above), and neither step books a change of equity.
    // Both count as moving, so with quietSteps 1 the run stops after one quiet step, step 2: 3 steps run.
    const net = runsNetwork({
      run: {
        triggers: [{ signal: 'utilization', thresholds: { distribution: 'uniform', low: 0, high: 1 } }],
      },
    });
    const sc = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'quiet',
        stepSeconds: 3600,
        horizonSteps: 10,
        quietSteps: 1,
        events: [{ type: 'depth', asset: 'vUSD', atStep: 0, multiplier: 1 }],
      },
      'quiet.json',
      net,
    );
    const run = runScenario(net, sc);
    expect(run.depositorRuns![0]!.requestedUsd).toBe('950.00');
    expect(run.scenario.stepsRun).toBe(3);
  });
});
