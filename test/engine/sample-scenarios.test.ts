// The sample network's scenarios: the behaviour each one exists to show.
import { join } from 'node:path';
import type { RunContext } from '../../src/engine/context';
import { runScenario, simulate } from '../../src/engine/run';
import type { RunResult } from '../../src/engine/result';
import type { Network } from '../../src/model/network';
import { parseBreakers, parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';

const DATA = join(__dirname, '..', '..', 'data');
const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
const scenario = (name: string, on: Network = net) =>
  parseScenario(readJsonFile(join(DATA, 'scenarios', name)), name, on);
const market = (r: RunResult, id: string) => r.markets.find((m) => m.id === id)!;
const holding = (ctx: RunContext, protocol: string, asset: string): number => {
  const { protocols: P, names } = ctx.s;
  const p = names.protocols.indexOf(protocol);
  const a = names.assets.indexOf(asset);
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++)
    if (P.holdAsset[h] === a) return P.holdAmount[h]!;
  return NaN;
};
const asset = (r: RunResult, id: string) => r.assets.find((a) => a.id === id)!;

describe('stETH liquidity gap with a lagging oracle', () => {
  const run = runScenario(net, scenario('steth-liquidity-gap.json'));

  it('liquidates the wstETH/ETH loop priced on the market feed, and bad debt follows', () => {
    expect(Number(market(run, 'compound-v3-weth/wsteth').liquidatedUsd)).toBeGreaterThan(1e8);
    expect(Number(market(run, 'compound-v3-weth/wsteth').badDebtUsd)).toBeGreaterThan(0);
  });

  it('does not liquidate the Aave e-mode loop, whose oracle reads the exchange rate', () => {
    expect(market(run, 'aave-v3-core/emode-eth-wsteth-weth').liquidatedUsd).toBe('0.00');
  });

  it('liquidates nothing there once that market reads the exchange rate too: the oracle source decides', () => {
    const exchangeRate = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
    const compound = exchangeRate.protocols.find((p) => p.id === 'compound-v3-weth')!;
    const m = compound.markets.find((x) => x.id === 'compound-v3-weth/wsteth')!;
    const rateOracle = exchangeRate.oracles.find(
      (o) => o.asset === 'wstETH' && o.source === 'exchange-rate',
    )!;
    m.collateralOracle = rateOracle.id;
    const variant = runScenario(exchangeRate, scenario('steth-liquidity-gap.json', exchangeRate));
    expect(market(variant, 'compound-v3-weth/wsteth').liquidatedUsd).toBe('0.00');
    expect(Number(variant.summary.badDebtUsd)).toBeLessThan(Number(run.summary.badDebtUsd));
  });
});

describe("a loss at USDC's issuer", () => {
  const run = runScenario(net, scenario('usdc-issuer-loss.json'));

  it('depegs USDC and what is convertible from it through the PSM (DAI, USDS)', () => {
    expect(asset(run, 'USDC').minPriceUsd).toBeLessThan(0.93);
    expect(asset(run, 'DAI').minPriceUsd).toBeLessThan(0.93);
    expect(asset(run, 'USDS').minPriceUsd).toBeLessThan(0.93);
  });

  it('with redemptions closed, prices USDC, DAI and USDS at 0.88 +/- 0.03, as measured in March 2023', () => {
    // Nansen (USDC de-peg: what happened on-chain): USDC and DAI at $0.88 over the weekend of 11-12 Mar 2023.
    // Circle's reserves cover (76.15B - 6.27B) / 76B = 0.9195 of USDC; closed, it sells 4.3% below that.
    for (const id of ['USDC', 'DAI', 'USDS']) {
      expect(asset(run, id).minPriceUsd).toBeGreaterThan(0.85);
      expect(asset(run, id).minPriceUsd).toBeLessThan(0.91);
    }
  });

  it('with redemptions closed, the PSM takes USDC in: DAI is minted against USDC while it trades above it', () => {
    // In March 2023 $2.2B of USDC went into Maker's PSM (Nansen); here the direction, not the size, is scored.
    const { ctx } = simulate(net, scenario('usdc-issuer-loss.json'));
    expect(holding(ctx, 'sky', 'USDC')).toBeGreaterThan(3.3e9);
  });

  it('with redemptions open, Circle pays the arbitrage out of its cash and USDC and DAI stay at par', () => {
    const raw = readJsonFile(join(DATA, 'scenarios', 'usdc-issuer-loss.json')) as {
      events: { type: string }[];
    };
    raw.events = raw.events.filter((e) => e.type !== 'link');
    const { ctx, result } = simulate(net, parseScenario(raw, 'open.json', net));
    for (const id of ['USDC', 'DAI']) expect(asset(result, id).minPriceUsd).toBeGreaterThan(1 - 1e-4);
    // The redeem bound lifts USDC from Circle's recovery to par with D x mu x ln(1 / rec) USD (docs/model.md
    // §3.8): D = ($45M + $38M + $150M) / -ln(0.98), mu = 0.454 (Gauntlet's depth fall); each unit is paid
    // from Circle's USD-cash.
    const rec = result.protocols.find((p) => p.id === 'circle')!.recovery;
    const volume = (233e6 / -Math.log(0.98)) * 0.454 * Math.log(1 / rec);
    const paid = 17.5e9 - holding(ctx, 'circle', 'USD-cash');
    expect(paid / volume).toBeCloseTo(1, 2);
    // DAI never trades below USDC, so nothing is redeemed at the PSM: its USDC is what it was.
    expect(holding(ctx, 'sky', 'USDC')).toBe(3.3e9);
  });

  it("traces Sky's failure back to the loss at Circle", () => {
    const sky = run.failures.find((f) => f.protocol === 'sky')!;
    expect(sky.status).toBe('insolvent');
    expect(sky.path.map((h) => h.from)).toContain('protocol:circle');
    expect(sky.path[sky.path.length - 1]!.from).toMatch(/^event:/);
  });
});

describe('breakers on the ETH crash', () => {
  const crash = scenario('eth-crash-30pct.json');
  const breakers = parseBreakers(
    readJsonFile(join(DATA, 'scenarios', 'breakers-pause-on-deviation.json')),
    'b.json',
    net,
    crash.horizonSteps,
  ).breakers;
  const without = runScenario(net, crash);
  const withBreakers = runScenario(net, crash, { extraBreakers: breakers });

  it('change the outcome, and their cost is reported', () => {
    expect(withBreakers.summary.liquidatedUsd).not.toBe(without.summary.liquidatedUsd);
    expect(withBreakers.breakerActivations.length).toBeGreaterThan(0);
    expect(Number(withBreakers.summary.liquidityFrozenPeakUsd)).toBeGreaterThan(0);
  });

  it('are shown as worse when they raise bad debt', () => {
    expect(Number(withBreakers.summary.badDebtUsd)).toBeGreaterThan(Number(without.summary.badDebtUsd));
  });
});

describe('every sample scenario', () => {
  it.each([
    'eth-crash-30pct.json',
    'steth-liquidity-gap.json',
    'usdc-issuer-loss.json',
    'stream-fund-manager-loss.json',
  ])('%s reconciles its ledger and traces every failure to an exogenous event', (name) => {
    const run = runScenario(net, scenario(name));
    for (const f of run.failures) {
      expect(f.path.length).toBeGreaterThan(0);
      expect(f.path[0]!.to).toBe(`protocol:${f.protocol}`);
      for (let i = 1; i < f.path.length; i++) expect(f.path[i]!.to).toBe(f.path[i - 1]!.from);
      expect(`${f.protocol}: ${f.path[f.path.length - 1]!.from}`).toMatch(/: event:\d+$/);
    }
    const losses = run.protocols.reduce((t, p) => t + Number(p.lossUsd), 0);
    const booked = run.ledger.reduce((t, e) => t - Number(e.amountUsd), 0);
    expect(booked).toBeCloseTo(losses, 2);
  });
});
