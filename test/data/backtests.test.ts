// The historical events of data/events/: each is valid, events listed as passing stay inside every band,
// and the scorecard's numbers come from the engine (a changed shock moves them).
import { runBacktest, scoreEvent } from '../../src/analysis/backtest/score';
import { eventIds, loadEvents } from '../../src/cli/load-events';
import { scorecardLine } from '../../src/report/backtest-text';
import { withEthChange } from '../helpers/backtest-events';

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
});
