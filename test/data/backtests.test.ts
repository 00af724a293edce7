// The historical events of data/events/: each is valid, events listed as passing stay inside every band,
// and the scorecard's numbers come from the engine (a changed shock moves them).
import { runBacktest, scoreEvent } from '../../src/analysis/backtest/score';
import { eventIds, loadEvents } from '../../src/cli/load-events';
import { scorecardLine } from '../../src/report/backtest-text';
import { withBuysScaled, withEthChange } from '../helpers/backtest-events';

describe('the backtest suite', () => {
  const events = loadEvents([]);
  const result = runBacktest(events);

  it('has at least ten events, each with at least three measured outcomes', () => {
    expect(eventIds().length).toBeGreaterThanOrEqual(10);
    for (const e of events) expect(e.expected.outcomes.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps every event listed as passing inside all its bands (prints the scorecard lines that left)', () => {
    const outside = result.events
      .filter((e) => e.listedPassing)
      .flatMap((e) => e.outcomes.filter((o) => !o.inside).map((o) => scorecardLine(e.event, o)));
    expect(outside).toEqual([]);
  });

  it('lists as passing exactly the events that pass, so a newly passing event is listed too', () => {
    const listed = result.events.filter((e) => e.listedPassing).map((e) => e.event);
    const passing = result.events.filter((e) => e.passes).map((e) => e.event);
    expect(passing).toEqual(listed);
  });
});

describe('the scorecard reads the engine', () => {
  it('a milder ETH fall on Black Thursday lowers the bad debt and moves the score', () => {
    const [event] = loadEvents(['a01-black-thursday-2020']);
    const base = scoreEvent(event!);
    const milder = scoreEvent(withEthChange(event!, -0.2));
    const badDebt = (s: typeof base) => s.outcomes.find((o) => o.id === 'bad-debt')!.model as number;
    expect(base.passes).toBe(true);
    expect(badDebt(milder)).toBeLessThan(badDebt(base));
    expect(milder.inside).toBeLessThan(base.inside);
    const deeper = scoreEvent(withEthChange(event!, -0.5));
    expect(badDebt(deeper)).toBeGreaterThan(badDebt(base));
  });

  it("Mango (a04): half the attacker's spot buys lower the peak, the PnL counted and the shortfall, and the score", () => {
    // At the attack's size the deposits bind: $112M lent, all of it lost. At half the buys MNGO peaks near $0.15
    // and the borrowing power, not the deposits, bounds what is lent.
    const [event] = loadEvents(['a04-mango-2022']);
    const base = scoreEvent(event!);
    const half = scoreEvent(withBuysScaled(event!, 0.5));
    const model = (s: typeof base, id: string) => s.outcomes.find((o) => o.id === id)!.model as number;
    expect(base.passes).toBe(true);
    for (const id of ['mngo-peak', 'pnl-counted', 'shortfall'])
      expect(model(half, id)).toBeLessThan(model(base, id));
    expect(model(half, 'shortfall')).toBeLessThan(60e6);
    expect(half.inside).toBeLessThan(base.inside);
  });
});
