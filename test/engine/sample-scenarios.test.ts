// The sample network's scenarios: the behaviour each one exists to show.
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import type { RunResult } from '../../src/engine/result';
import type { Network } from '../../src/model/network';
import { parseBreakers, parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';

const DATA = join(__dirname, '..', '..', 'data');
const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
const scenario = (name: string, on: Network = net) =>
  parseScenario(readJsonFile(join(DATA, 'scenarios', name)), name, on);
const market = (r: RunResult, id: string) => r.markets.find((m) => m.id === id)!;
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
