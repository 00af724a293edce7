// Equity series read back from the ledger's rows (engine/equity-series.ts): a running sum per protocol in step
// order, carried forward over the steps that do not move it; a protocol whose changes cancel within every
// step never left its initial equity and has no series.
import { equitySeriesUsd } from '../../src/engine/equity-series';
import { LedgerEvents, type Ledger } from '../../src/engine/ledger';
import { join } from 'node:path';
import { simulate } from '../../src/engine/run';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';

function ledgerOf(initialCents: number[], rows: [step: number, protocol: number, cents: number][]): Ledger {
  const events = new LedgerEvents();
  for (const [step, p, cents] of rows) events.push(step, 0, p, 0, cents);
  const initialEquityCents = Float64Array.from(initialCents);
  return { events, initialEquityCents, equityCents: initialEquityCents.slice() } as unknown as Ledger;
}

describe('equity series from the ledger rows', () => {
  it('sums each step onto the last, carries it forward, and leaves out protocols that never moved', () => {
    const ledger = ledgerOf(
      [1000, 200, 300, 400],
      [
        [0, 0, 100],
        [1, 1, 5],
        [1, 3, 7],
        [1, 1, -5], // protocol 1: +5 and -5 within step 1, never away from its initial equity
        [2, 0, -50],
        [2, 3, -7],
        [3, 2, 1],
      ],
    );
    const series = equitySeriesUsd(ledger, 5);
    expect([...series.keys()]).toEqual([0, 2, 3]);
    expect(series.get(0)).toEqual([11, 11, 10.5, 10.5, 10.5]);
    expect(series.get(2)).toEqual([3, 3, 3, 3.01, 3.01]);
    expect(series.get(3)).toEqual([4, 4.07, 4, 4, 4]);
  });

  it("ends each changed protocol's series at its final equity in the default run", () => {
    const data = join(__dirname, '..', '..', 'data');
    const network = readNetworkFile(join(data, 'networks', 'ethereum-2025-10.json'));
    const file = join(data, 'scenarios', 'eth-crash-30pct.json');
    const { ctx, result } = simulate(network, parseScenario(readJsonFile(file), file, network));
    const ids = ctx.s.names.protocols;
    const series = Object.entries(result.series.equityUsd);
    expect(series.length).toBeGreaterThan(0);
    for (const [id, usd] of series) {
      expect(usd).toHaveLength(result.scenario.stepsRun);
      expect(usd.at(-1)).toBe(ctx.ledger.equityCents[ids.indexOf(id)]! / 100);
    }
  });
});
