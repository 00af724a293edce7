// Black Thursday (12-13 Mar 2020) with Maker's English auctions and the day's congestion
// (data/events/a01-black-thursday-2020, docs/model.md §17): measured outcomes from WhiteRabbit,
// https://medium.com/@whiterabbit_hq/black-thursday-for-makerdao-8-32-million-was-liquidated-for-0-dai-36b83cac56b6
// (5.67M DAI of bad debt; zero-DAI bids were 36% of liquidations).
import type { BacktestEvent } from '../../src/analysis/backtest/score';
import { loadEvents } from '../../src/cli/load-events';
import { buildSummary } from '../../src/engine/result';
import { runScenario, runSimulation } from '../../src/engine/run';
import { Dec } from '../../src/model/decimal';
import type { Auction } from '../../src/model/network';
import { usd } from '../../src/report/format';
import { renderRun } from '../../src/report/run-text';

const MEASURED_BAD_DEBT = 5_670_000;

const [event] = loadEvents(['a01-black-thursday-2020']) as [BacktestEvent];

/** The event with its chain event's congestion levels replaced. */
const withLevels = (levels: number[]): BacktestEvent => ({
  ...event,
  scenario: {
    ...event.scenario,
    events: event.scenario.events.map((e) =>
      e.type === 'chain' ? { ...e, congestion: { ...e.congestion, levels } } : e,
    ),
  },
});

/** The event with Maker's keeper throughput per step at normal gas replaced. */
const withCapacity = (usd: number): BacktestEvent => ({
  ...event,
  network: {
    ...event.network,
    protocols: event.network.protocols.map((p) => ({ ...p, keeperCapacityUsdPerStep: new Dec(usd) })),
  },
});

const run = (e: BacktestEvent) => runScenario(e.network, e.scenario);
const badDebt = (e: BacktestEvent) => Number(run(e).summary.badDebtUsd);

describe('Black Thursday with English auctions and congestion', () => {
  const day = run(event);

  it('liquidates ETH-A by English auctions, with zero-bid auctions at the day congestion', () => {
    const a = day.auctions!;
    expect(a.markets.map((m) => [m.market, m.kind])).toEqual([['maker/eth-a', 'english']]);
    expect(a.open).toBe(0);
    expect(a.started).toBe(a.closed);
    expect(a.zeroBid).toBeGreaterThan(0);
    // Zero bids were 36% of liquidations, +/- 15 points (event-outcomes A1, row 3).
    expect(a.zeroBid / a.closed).toBeGreaterThan(0.21);
    expect(a.zeroBid / a.closed).toBeLessThan(0.51);
    // The shortfall of the auctions is Maker's bad debt.
    expect(a.shortfallUsd).toBe(day.summary.badDebtUsd);
  });

  it('leaves bad debt within 3x of the measured 5.67M DAI', () => {
    const b = Number(day.summary.badDebtUsd);
    expect(b).toBeGreaterThan(MEASURED_BAD_DEBT / 3);
    expect(b).toBeLessThan(MEASURED_BAD_DEBT * 3);
  });

  it('has no bad debt at all without congestion: the zero bids come from the chain conditions', () => {
    expect(badDebt(withLevels([1]))).toBe(0);
  });

  it('gives more bad debt with more congestion, the level held through the event (1, 1.5, 2, 3)', () => {
    const levels = [1, 1.5, 2, 3].map((level) => badDebt(withLevels([level])));
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeGreaterThan(levels[i - 1]!);
  });

  it('gives more bad debt with fewer keepers to bid (throughput 3M, 2M, 1M DAI per step)', () => {
    const byCapacity = [3e6, 2e6, 1e6].map((usd) => badDebt(withCapacity(usd)));
    for (let i = 1; i < byCapacity.length; i++) expect(byCapacity[i]).toBeGreaterThan(byCapacity[i - 1]!);
  });
});

describe('Black Thursday with Dutch auctions instead (Liquidations 2.0)', () => {
  // ETH-A's clip parameters of 2021-22 (Maker forum, ETH and WBTC vaults Liquidations 2.0 parameters,
  // https://forum.makerdao.com/t/eth-and-wbtc-vaults-liquidations-2-0-parameters/7628, and the spells-mainnet
  // test configuration of the time): buf 130%, tail 140 minutes, cusp 40%, a 1% cut every 90 s, hole 30M DAI,
  // chop 13%, tip 300 DAI and chip 0.1% per auction; the keeper cost as for flip.
  const clip: Auction = {
    kind: 'dutch',
    penalty: 0.13,
    startMultiplier: 1.3,
    decay: { shape: 'exponential', stepSec: 90, cut: 0.99 },
    resetAfterSec: 8400,
    resetBelow: 0.4,
    maxInAuctionUsd: new Dec(30e6),
    keeperCostUsd: new Dec(5),
    lotCollateral: new Dec(50),
    keeperRewardFlat: new Dec(300),
    keeperRewardShare: 0.001,
  };
  const withClip = (e: BacktestEvent): BacktestEvent => ({
    ...e,
    network: {
      ...e.network,
      protocols: e.network.protocols.map((p) => ({
        ...p,
        markets: p.markets.map((m) => ({ ...m, auction: clip })),
      })),
    },
  });

  it('leave no bad debt under the day congestion, where English auctions left millions', () => {
    const r = run(withClip(event));
    expect(r.auctions!.markets[0]!.kind).toBe('dutch');
    expect(r.auctions!.zeroBid).toBe(0);
    expect(Number(r.summary.badDebtUsd)).toBe(0);
    expect(badDebt(event)).toBeGreaterThan(1e6);
  });

  it('leave far less bad debt than English auctions at six times the normal gas through the event', () => {
    const six = withLevels([6]);
    expect(badDebt(withClip(six))).toBeLessThan(badDebt(six) / 10);
  });
});

describe('Black Thursday in a summary-only run (sweeps, Monte Carlo)', () => {
  it('gives the summary of the full run, auctions and all', () => {
    const { ctx } = runSimulation(event.network, event.scenario, { summaryOnly: true });
    expect(buildSummary(ctx)).toEqual(run(event).summary);
  });
});

describe('the shock output of Black Thursday', () => {
  it('prints the auctions: started, zero bids, proceeds and shortfall per market', () => {
    const r = runScenario(event.network, event.scenario);
    const text = renderRun(r);
    const a = r.auctions!;
    expect(text).toContain(
      `Liquidation auctions (${a.started} started, ${a.zeroBid} closed at a zero bid, 0 still open)`,
    );
    const row = text.split('\n').find((l) => l.includes('maker/eth-a') && l.includes('english'));
    expect(row).toBeDefined();
    expect(row).toContain(usd(Number(a.shortfallUsd)));
    expect(row).toContain(usd(Number(a.proceedsUsd)));
  });

  it('prints no auction table for a network without auctions', () => {
    const [other] = loadEvents(['a02-compound-dai-oracle-2020']);
    const r = runScenario(other!.network, other!.scenario);
    expect(r.auctions).toBeUndefined();
    expect(renderRun(r)).not.toContain('Liquidation auctions');
  });
});
