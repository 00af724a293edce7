// The 10 Oct 2025 cascade on Hyperliquid's BTC and ETH books (data/events/a11-oct-10-cascade-2025,
// docs/model.md §15). Measured: no bad debt (Hyperliquid team post,
// https://web3.ouchyi.blue/nl/discover/post/57484884932608); forced closures of $2.41B on BTC and $1.52B
// on ETH, liquidations $5.51B and ADL $2.10B of $7.61B on all assets
// (https://github.com/ConejoCapital/HyperMultiAssetedADL, docs/analysis/TOTAL_IMPACT_ANALYSIS.md@1a8c063).
import { readModelValue } from '../../src/analysis/backtest/read-outcome';
import type { BacktestEvent } from '../../src/analysis/backtest/score';
import { scoreEvent } from '../../src/analysis/backtest/score';
import { loadEvents } from '../../src/cli/load-events';
import { runScenario } from '../../src/engine/run';
import { Dec } from '../../src/model/decimal';
import { InputError } from '../../src/model/errors';
import { parseExpected } from '../../src/model/parse-expected';

const [event] = loadEvents(['a11-oct-10-cascade-2025']) as [BacktestEvent];
const adl = { kind: 'adl-volume', protocol: 'hyperliquid' } as const;

/** The event with HLP's USDC balance on the venue replaced. */
const withBackstopUsd = (usd: number): BacktestEvent => ({
  ...event,
  network: {
    ...event.network,
    protocols: event.network.protocols.map((p) =>
      p.id === 'hlp' ? { ...p, holdings: p.holdings.map((h) => ({ ...h, amount: new Dec(usd) })) } : p,
    ),
  },
});

describe('the 10 Oct 2025 cascade on Hyperliquid', () => {
  const run = runScenario(event.network, event.scenario);

  it('leaves Hyperliquid without bad debt and liquidates within ±30% of the $2.85B estimated for BTC and ETH', () => {
    const hl = run.protocols.find((p) => p.id === 'hyperliquid')!;
    expect(Number(hl.badDebtUsd)).toBe(0);
    const liquidated = Number(hl.liquidatedUsd);
    // $3.93B of BTC and ETH forced closures times the all-asset liquidation share 5.51 / 7.61.
    expect(liquidated).toBeGreaterThan(0.7 * 3.93e9 * (5.51 / 7.61));
    expect(liquidated).toBeLessThan(1.3 * 3.93e9 * (5.51 / 7.61));
  });

  it('does not deleverage while HLP can margin every cohort: the event does not pass', () => {
    expect(readModelValue(adl, run)).toBe(0);
    const score = scoreEvent(event);
    expect(score.passes).toBe(false);
    expect(score.outcomes.filter((o) => !o.inside).map((o) => o.id)).toEqual(['hyperliquid-adl', 'hlp-gain']);
  });

  it('deleverages profitable positions, still without bad debt, once the backstop is too small', () => {
    const small = runScenario(withBackstopUsd(20e6).network, event.scenario);
    const volume = readModelValue(adl, small) as number;
    const perBook = (small.perps ?? []).map((b) => Number(b.adlVolumeUsd));
    expect(perBook.every((v) => v > 0)).toBe(true);
    expect(volume).toBeCloseTo(perBook.reduce((a, b) => a + b, 0), 2);
    expect(Number(small.protocols.find((p) => p.id === 'hyperliquid')!.badDebtUsd)).toBe(0);
  });

  it('names the venue of an adl-volume outcome in the network, else the file, path and id are reported', () => {
    const doc = JSON.parse(JSON.stringify(event.expected));
    doc.outcomes[2].quantity.protocol = 'hyperliquidd';
    expect(() => parseExpected(doc, 'expected.json', event.network)).toThrow(InputError);
    expect(() => parseExpected(doc, 'expected.json', event.network)).toThrow(
      /\$\.outcomes\[2\]\.quantity\.protocol: unknown protocol "hyperliquidd"/,
    );
  });
});
