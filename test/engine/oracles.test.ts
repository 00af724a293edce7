// Oracles (docs/model.md §3.3): deviation and heartbeat triggers, latency, sources, faults.
import { setPrice } from '../../src/engine/context';
import { createOracleStage } from '../../src/engine/stages/oracles';

const updateOracles = createOracleStage();
import type { RunContext } from '../../src/engine/context';
import { idx, labContext, labScenario } from '../helpers/lab';

function at(ctx: RunContext, step: number): void {
  ctx.t = step;
  ctx.timeSec = step * ctx.s.stepSeconds;
  updateOracles(ctx);
}

function setCol(ctx: RunContext, price: number): void {
  const a = idx(ctx, 'assets', 'COL');
  ctx.s.assets.fundamental[a] = price;
  setPrice(ctx, a);
}

describe('oracles', () => {
  it('send an update once the price deviates by the threshold, visible latencySec later', () => {
    const ctx = labContext({ oracleDeviation: 0.01, oracleLatencySec: 24 });
    const o = idx(ctx, 'oracles', 'col');
    setCol(ctx, 99.5); // -0.5%: below the 1% threshold
    at(ctx, 1);
    expect(ctx.s.oracles.reading[o]).toBe(100);
    expect(ctx.s.oracles.pending[o]).toHaveLength(0);
    setCol(ctx, 98.9); // -1.1%
    at(ctx, 2); // sent at 24 s, visible at 48 s
    expect(ctx.s.oracles.reading[o]).toBe(100);
    at(ctx, 3);
    expect(ctx.s.oracles.reading[o]).toBe(100);
    at(ctx, 4);
    expect(ctx.s.oracles.reading[o]).toBe(98.9);
  });

  it('send an update on the heartbeat even without deviation', () => {
    const ctx = labContext({ oracleDeviation: 0.5, oracleHeartbeatSec: 60 });
    const o = idx(ctx, 'oracles', 'col');
    setCol(ctx, 99);
    at(ctx, 4); // 48 s
    expect(ctx.s.oracles.reading[o]).toBe(100);
    at(ctx, 5); // 60 s
    expect(ctx.s.oracles.reading[o]).toBe(99);
  });

  it('read the issuer rate, not the market, for exchange-rate sources', () => {
    const ctx = labContext();
    const lst = idx(ctx, 'assets', 'LST');
    ctx.s.assets.impact[lst] = 0.88; // a 12% market discount
    setPrice(ctx, lst);
    at(ctx, 1);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'lst-rate')]).toBe(100);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'lst-market')]).toBeCloseTo(88, 10);
    ctx.s.protocols.recovery[idx(ctx, 'protocols', 'issuer')] = 0.9; // backing lost
    at(ctx, 2);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'lst-rate')]).toBeCloseTo(90, 10);
  });

  it('report another asset for proxy sources and a constant for fixed ones', () => {
    const ctx = labContext({}, (raw) => {
      raw.oracles.push({
        id: 'lst-as-col',
        asset: 'LST',
        source: 'proxy',
        proxyAsset: 'COL',
        heartbeatSec: 60,
        deviation: 0,
        latencySec: 0,
      });
    });
    const lst = idx(ctx, 'assets', 'LST');
    ctx.s.assets.impact[lst] = 0.5;
    setPrice(ctx, lst);
    setCol(ctx, 90);
    at(ctx, 1);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'lst-as-col')]).toBe(90);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'usd')]).toBe(1);
  });

  it('freeze, go stale and report manipulated values as the scenario says', () => {
    const ctx = labContext({}, undefined, (net) =>
      labScenario(net, [
        { type: 'oracle-freeze', oracle: 'col', atStep: 0, durationSteps: 2 },
        { type: 'oracle-manipulate', oracle: 'lst-market', atStep: 0, priceUsd: '250' },
      ]),
    );
    ctx.s.oracles.frozenByEvent[idx(ctx, 'oracles', 'col')] = 1;
    ctx.s.oracles.manipulated[idx(ctx, 'oracles', 'lst-market')] = 250;
    setCol(ctx, 50);
    at(ctx, 1);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'col')]).toBe(100);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'lst-market')]).toBe(250);
    ctx.s.oracles.frozenByEvent[idx(ctx, 'oracles', 'col')] = 0;
    ctx.s.oracles.extraLatencySec[idx(ctx, 'oracles', 'col')] = 12;
    at(ctx, 2);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'col')]).toBe(100);
    at(ctx, 3);
    expect(ctx.s.oracles.reading[idx(ctx, 'oracles', 'col')]).toBe(50);
  });

  it('return to the market by deviation once a manipulation ends, measured from the forced reading', () => {
    const ctx = labContext({ oracleDeviation: 0.01, oracleHeartbeatSec: 3600, oracleLatencySec: 24 });
    const o = idx(ctx, 'oracles', 'col');
    ctx.s.oracles.manipulated[o] = 250; // forced for one step
    at(ctx, 1);
    expect(ctx.s.oracles.reading[o]).toBe(250);
    ctx.s.oracles.manipulated[o] = NaN; // the manipulation ends; the market is still at 100
    at(ctx, 2); // 100 is 60% from 250: an update is sent at 24 s, visible at 48 s
    expect(ctx.s.oracles.reading[o]).toBe(250);
    expect(ctx.s.oracles.pending[o]).toEqual([[48, 100]]);
    at(ctx, 3);
    expect(ctx.s.oracles.reading[o]).toBe(250);
    at(ctx, 4); // 48 s, not the heartbeat's 3600 s
    expect(ctx.s.oracles.reading[o]).toBe(100);
  });

  it('keep a forced reading within its deviation until the heartbeat counted from the forced step', () => {
    const ctx = labContext({ oracleDeviation: 0.01, oracleHeartbeatSec: 60 });
    const o = idx(ctx, 'oracles', 'col');
    ctx.s.oracles.manipulated[o] = 100.5; // 0.5% from the market: below the 1% threshold
    at(ctx, 2); // 24 s
    ctx.s.oracles.manipulated[o] = NaN;
    at(ctx, 3);
    expect(ctx.s.oracles.reading[o]).toBe(100.5);
    at(ctx, 6); // 72 s: 48 s after the forced reading
    expect(ctx.s.oracles.reading[o]).toBe(100.5);
    at(ctx, 7); // 84 s: the heartbeat of 60 s has elapsed since 24 s
    expect(ctx.s.oracles.reading[o]).toBe(100);
  });
});
