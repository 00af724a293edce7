// Backtest events changed for tests: the same event with another shock, to see the engine's score move.
import type { BacktestEvent } from '../../src/analysis/backtest/score';

/** The event with every linear ETH price path changed to `change` (e.g. -0.2 for a 20% fall). */
export const withEthChange = (event: BacktestEvent, change: number): BacktestEvent => ({
  ...event,
  scenario: {
    ...event.scenario,
    events: event.scenario.events.map((e) =>
      e.type === 'price' && e.asset === 'ETH' && e.path.shape === 'linear'
        ? { ...e, path: { ...e.path, change } }
        : e,
    ),
  },
});

/** The event with every scenario buy scaled by `factor` (a smaller or larger attack). */
export const withBuysScaled = (event: BacktestEvent, factor: number): BacktestEvent => ({
  ...event,
  scenario: {
    ...event.scenario,
    events: event.scenario.events.map((e) => (e.type === 'buy' ? { ...e, usd: e.usd.times(factor) } : e)),
  },
});
