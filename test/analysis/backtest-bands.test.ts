// Band scoring of the backtest: intervals, factors, orders of magnitude, directions, exact sets and orders.
import { describeNumberBand, insideNumberBand, ratioOf } from '../../src/analysis/backtest/bands';
import { scoreOutcome } from '../../src/analysis/backtest/score';
import type { RunResult } from '../../src/engine/result';
import { NumberBand, Outcome } from '../../src/model/schema/expected';

const band = (b: unknown) => NumberBand.parse(b);

describe('insideNumberBand', () => {
  it('interval: both ends are inside, a hair beyond is not', () => {
    const b = band({ kind: 'interval', low: 0.85, high: 0.91 });
    expect(insideNumberBand(b, 0.88, 0.85)).toBe(true);
    expect(insideNumberBand(b, 0.88, 0.91)).toBe(true);
    expect(insideNumberBand(b, 0.88, 0.9101)).toBe(false);
    expect(insideNumberBand(b, 0.88, 0.8499)).toBe(false);
  });

  it('factor 1.5 around 5.67M: 3.78M and 8.505M are the edges', () => {
    const b = band({ kind: 'factor', factor: 1.5 });
    expect(insideNumberBand(b, 5_670_000, 3_780_000)).toBe(true);
    expect(insideNumberBand(b, 5_670_000, 8_505_000)).toBe(true);
    expect(insideNumberBand(b, 5_670_000, 3_700_000)).toBe(false);
    expect(insideNumberBand(b, 5_670_000, 8_600_000)).toBe(false);
    expect(insideNumberBand(b, 5_670_000, 0)).toBe(false);
  });

  it('order of magnitude: within half a decade by default, a whole decade when asked', () => {
    const half = band({ kind: 'order-of-magnitude' });
    expect(insideNumberBand(half, 100, 300)).toBe(true); // log10 3 = 0.477
    expect(insideNumberBand(half, 100, 400)).toBe(false); // log10 4 = 0.602
    expect(insideNumberBand(half, 100, 30)).toBe(false); // log10 0.3 = -0.523
    const one = band({ kind: 'order-of-magnitude', decades: 1 });
    expect(insideNumberBand(one, 100, 999)).toBe(true);
    expect(insideNumberBand(one, 100, 1001)).toBe(false);
  });

  it('direction: zero within its tolerance, positive beyond it, below and above a reference', () => {
    expect(insideNumberBand(band({ kind: 'direction', direction: 'zero' }), 0, 0)).toBe(true);
    expect(insideNumberBand(band({ kind: 'direction', direction: 'zero' }), 0, 0.01)).toBe(false);
    expect(insideNumberBand(band({ kind: 'direction', direction: 'zero', tolerance: 1 }), 0, 1)).toBe(true);
    expect(insideNumberBand(band({ kind: 'direction', direction: 'positive' }), 1, 0)).toBe(false);
    expect(insideNumberBand(band({ kind: 'direction', direction: 'positive' }), 1, 0.01)).toBe(true);
    expect(insideNumberBand(band({ kind: 'direction', direction: 'above', than: 1 }), 1.1, 1)).toBe(false);
    expect(insideNumberBand(band({ kind: 'direction', direction: 'above', than: 1 }), 1.1, 1.03)).toBe(true);
    expect(insideNumberBand(band({ kind: 'direction', direction: 'below', than: 1 }), 0.9, 0.99)).toBe(true);
  });

  it('describes each band and gives the ratio model/measured (none for a zero measurement)', () => {
    expect(describeNumberBand(band({ kind: 'factor', factor: 2 }))).toBe('x/÷2');
    expect(describeNumberBand(band({ kind: 'interval', low: 1, high: 2 }))).toBe('[1, 2]');
    expect(describeNumberBand(band({ kind: 'direction', direction: 'below', than: 1 }))).toBe('< 1');
    expect(ratioOf(4, 5)).toBe(1.25);
    expect(ratioOf(0, 5)).toBeNull();
  });
});

describe('scoreOutcome on exact bands', () => {
  const run = {
    protocols: [
      { id: 'a', status: 'insolvent', firstStressedStep: 3, firstInsolventStep: 3, firstStressedRound: 1 },
      { id: 'b', status: 'stressed', firstStressedStep: 3, firstInsolventStep: null, firstStressedRound: 1 },
      { id: 'c', status: 'healthy', firstStressedStep: null, firstInsolventStep: null },
      { id: 'd', status: 'stressed', firstStressedStep: 3, firstInsolventStep: null, firstStressedRound: 0 },
      {
        id: 'e',
        status: 'paper-loss',
        firstStressedStep: null,
        firstInsolventStep: null,
        firstPaperLossStep: 2,
      },
    ],
  } as unknown as RunResult;
  const source = [{ title: 't', kind: 'press' }];
  const order = (first: string, second: string) =>
    Outcome.parse({
      id: 'o',
      quantity: { kind: 'order', first, second, status: 'stressed' },
      measured: { value: true, quality: 'reported', sources: source },
      band: { kind: 'exact' },
    });

  it('a set of failures matches in any order and only as a whole', () => {
    const o = (value: string[], status: string) =>
      Outcome.parse({
        id: 'f',
        quantity: { kind: 'failed', protocols: ['a', 'b', 'c'], status },
        measured: { value, quality: 'reported', sources: source },
        band: { kind: 'exact' },
      });
    expect(scoreOutcome(o(['b', 'a'], 'stressed'), run)).toMatchObject({ model: ['a', 'b'], inside: true });
    expect(scoreOutcome(o(['a', 'b'], 'insolvent'), run)).toMatchObject({ model: ['a'], inside: false });
  });

  it('a paper loss is no failure, even when failures at the stressed level are counted', () => {
    const o = Outcome.parse({
      id: 'f',
      quantity: { kind: 'failed', protocols: ['b', 'e'], status: 'stressed' },
      measured: { value: ['b'], quality: 'reported', sources: source },
      band: { kind: 'exact' },
    });
    expect(scoreOutcome(o, run)).toMatchObject({ model: ['b'], inside: true });
  });

  it('an order is strict: two failures in the same step and clearing round are not ordered', () => {
    expect(scoreOutcome(order('a', 'b'), run).inside).toBe(false);
    expect(scoreOutcome(order('a', 'c'), run).inside).toBe(true);
    expect(scoreOutcome(order('c', 'a'), run).inside).toBe(false);
  });

  it('within one step, a failure on own losses (round 0) comes before one from claims marked down (round 1)', () => {
    expect(scoreOutcome(order('d', 'b'), run).inside).toBe(true);
    expect(scoreOutcome(order('b', 'd'), run).inside).toBe(false);
  });
});
