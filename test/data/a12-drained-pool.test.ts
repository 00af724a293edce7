// a12 (Stream, Nov 2025) with a pool that drains (docs/model.md §3.6) in place of deUSD's log-linear venue, at
// the network's own depth estimate ($2M at 2%): the measured low (0.015, Curve at 0.03; Elixir statement via
// web3chainhub, weak) lies between a constant-product pool and a stableswap pool of any usual amplification,
// so the pool is not written into the event (neither its balance nor its amplification was found).
import { scoreEvent } from '../../src/analysis/backtest/score';
import { ammBalance, ammQuote } from '../../src/engine/amm-curve';
import { loadScenarioInputs } from '../../src/cli/load';
import { rawEvent } from '../../src/cli/load-events';
import { parseExpected } from '../../src/model/parse-expected';
import { parseNetwork } from '../../src/model/parse-network';

const ID = 'a12-stream-xusd-2025';

/** deUSD's low when its venue is a pool of amplification `amp` whose own 2% depth is the network's $2M. */
function deusdLow(amp: number): number {
  const raw = rawEvent(ID);
  const net = structuredClone(raw.network) as any;
  const unit = 1 - ammQuote(ammBalance(0.98, amp, 1), amp, 2); // USD a 2% move takes, per unit of reserve
  const liquidity = net.venues[0].liquidity.find((l: any) => l.asset === 'deUSD');
  liquidity.amm = { reserveUsd: String(Math.round(2e6 / unit)), amplification: amp };
  const network = parseNetwork(net, raw.networkFile);
  const { scenario } = loadScenarioInputs({ scenario: raw.scenarioFile }, network);
  const expected = parseExpected(raw.expected, raw.expectedFile, network);
  const score = scoreEvent({ id: ID, network, scenario, expected });
  return score.outcomes.find((o) => o.id === 'deusd-low')!.model as number;
}

describe('a12 with a pool that drains at the stated depth', () => {
  it("a constant-product pool ($199M a side) leaves deUSD at 0.193, near the log-linear venue's 0.185", () => {
    expect(deusdLow(0)).toBeCloseTo(0.193, 3);
  });

  it('a stableswap pool of A = 100 ($3.0M a side) drains it below 0.001, under the band (0.005-0.045)', () => {
    expect(deusdLow(100)).toBeLessThan(0.001);
  });

  it('only amplifications near 2-3 land in the band: the low would be fitted, not predicted', () => {
    expect(deusdLow(2)).toBeCloseTo(0.0379, 4);
    expect(deusdLow(3)).toBeCloseTo(0.01, 4);
    expect(deusdLow(4)).toBeLessThan(0.005);
  });
});
