// Breaker A/B test: which runs are made, how they compare with the run without any breaker, and the sample
// case where a pause of liquidations raises bad debt.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareBreakers } from '../../src/analysis/breaker-test';
import type { RunResult } from '../../src/engine/result';
import type { RunOptions } from '../../src/engine/run';
import { UsageError } from '../../src/model/errors';
import type { Network } from '../../src/model/network';
import { parseBreakers, parseScenario, type Scenario } from '../../src/model/parse-scenario';
import { readNetworkFile } from '../../src/model/read-file';
import type { BreakerParsed } from '../../src/model/schema/scenario';

const ROOT = join(__dirname, '..', '..');

/** A run result with only what the comparison reads. */
function fakeRun(o: {
  breakers: string[];
  badDebt: string;
  insolvent?: string[];
  stressed?: string[];
  markets?: [string, string][];
}): RunResult {
  const insolvent = o.insolvent ?? [];
  const stressed = o.stressed ?? [];
  const status = (id: string) =>
    insolvent.includes(id) ? 'insolvent' : stressed.includes(id) ? 'stressed' : 'healthy';
  const ids = ['p', 'q', 'r'];
  return {
    format: 'contagion/run@1',
    network: { name: 'n', asOf: '2025-01-01' },
    scenario: { name: 's', stepSeconds: 12, horizonSteps: 10, stepsRun: 10, seed: 0 },
    breakers: o.breakers,
    summary: {
      badDebtUsd: o.badDebt,
      latentBadDebtOracleUsd: '0.00',
      latentBadDebtMarketUsd: '0.00',
      paperLossUsd: '0.00',
      socializedLossUsd: '0.00',
      insuranceFundUsedUsd: '0.00',
      liquidatedUsd: '10.00',
      lossUsd: '5.00',
      insolventProtocols: insolvent,
      stressedProtocols: stressed,
      paperLossProtocols: [],
      pricesSettled: true,
      worstPrices: [{ asset: 'ETH', minPriceUsd: 1400, maxDrawdown: 0.3 }],
      liquidityFrozenPeakUsd: o.breakers.length > 0 ? '1234.50' : '0.00',
      unprofitablePeakUsd: '0.00',
      throttledPeakUsd: '0.00',
    },
    protocols: ids.map((id) => ({ id, status: status(id) }) as RunResult['protocols'][number]),
    assets: [],
    markets: (o.markets ?? []).map(([id, badDebtUsd]) => ({
      id,
      protocol: 'p',
      liquidatedUsd: '0.00',
      badDebtUsd,
    })),
    breakerActivations: o.breakers.map((b) => ({
      breaker: b,
      startStep: 1,
      endStep: 3,
      liquidityFrozenPeakUsd: '1.00',
    })),
    failures: ids
      .filter((id) => status(id) !== 'healthy')
      .map((id, k) => ({
        protocol: id,
        status: status(id) as 'stressed' | 'insolvent',
        step: 5 + k,
        round: 0 as const,
        path: [
          {
            step: 5,
            from: 'asset:ETH',
            to: `protocol:${id}`,
            channel: 'price',
            amountUsd: -1,
            priceChange: 0,
          },
        ],
      })),
    series: { step: [], priceUsd: {}, equityUsd: {} },
    ledger: [],
  };
}

const breaker = (id: string) => ({ id, scope: 'all' }) as BreakerParsed;

describe('compareBreakers', () => {
  const runs: Record<string, RunResult> = {
    '': fakeRun({ breakers: [], badDebt: '100.00', insolvent: ['p'], markets: [['m1', '100.00']] }),
    pause: fakeRun({
      breakers: ['pause'],
      badDebt: '150.25',
      insolvent: ['q'],
      stressed: ['r'],
      markets: [
        ['m1', '90.00'],
        ['m2', '60.25'],
      ],
    }),
    twap: fakeRun({ breakers: ['twap'], badDebt: '80.00', insolvent: ['p'], markets: [['m1', '80.00']] }),
    'pause twap': fakeRun({ breakers: ['pause', 'twap'], badDebt: '100.00', insolvent: ['p', 'q'] }),
  };
  const calls: RunOptions[] = [];
  const run = (_n: Network, _s: Scenario, o: RunOptions) => {
    calls.push(o);
    return runs[(o.extraBreakers ?? []).map((b) => b.id).join(' ')]!;
  };
  const c = compareBreakers({} as Network, {} as Scenario, [breaker('pause'), breaker('twap')], run);

  it('runs none, each breaker alone and all, always without the scenario’s own breakers', () => {
    expect(c.runs.map((r) => r.label)).toEqual(['none', 'pause', 'twap', 'all']);
    expect(calls.every((o) => o.withoutScenarioBreakers === true)).toBe(true);
    expect(calls.map((o) => (o.extraBreakers ?? []).length)).toEqual([0, 1, 1, 2]);
  });

  it('flags more bad debt or more insolvent protocols as worse, and says which failures are new', () => {
    const [none, pause, twap, all] = c.runs;
    expect(none!.worse).toBe(false);
    expect(pause).toMatchObject({
      worse: true,
      badDebtUsd: 150.25,
      badDebtChangeUsd: 50.25,
      insolventChange: 0,
    });
    expect(pause!.addedFailures.map((f) => [f.protocol, f.status, f.statusWithout])).toEqual([
      ['q', 'insolvent', 'healthy'],
      ['r', 'stressed', 'healthy'],
    ]);
    expect(pause!.addedFailures[0]!.path[0]!.to).toBe('protocol:q');
    expect(pause!.avoidedFailures).toEqual(['p']);
    expect(pause!.badDebtIncreases).toEqual([
      { market: 'm2', protocol: 'p', badDebtUsd: 60.25, badDebtWithoutUsd: 0 },
    ]);
    expect(pause!.liquidityFrozenPeakUsd).toBe(1234.5);
    expect(twap).toMatchObject({
      worse: false,
      badDebtChangeUsd: -20,
      addedFailures: [],
      avoidedFailures: [],
    });
    expect(all).toMatchObject({ worse: true, badDebtChangeUsd: 0, insolventChange: 1 });
  });

  it('needs at least one breaker, each id once', () => {
    expect(() => compareBreakers({} as Network, {} as Scenario, [], run)).toThrow(UsageError);
    expect(() => compareBreakers({} as Network, {} as Scenario, [breaker('a'), breaker('a')], run)).toThrow(
      'breaker "a" is defined twice',
    );
  });
});

describe('the sample: eth-crash-30pct with breakers-pause-on-deviation', () => {
  it('flags the pause of liquidations on oracle deviation: more bad debt, failures only with it, with paths', () => {
    const network = readNetworkFile(join(ROOT, 'data/networks/ethereum-2025-10.json'));
    const file = join(ROOT, 'data/scenarios/eth-crash-30pct.json');
    const scenario = parseScenario(JSON.parse(readFileSync(file, 'utf8')), file, network);
    const bfile = join(ROOT, 'data/scenarios/breakers-pause-on-deviation.json');
    const set = parseBreakers(JSON.parse(readFileSync(bfile, 'utf8')), bfile, network, scenario.horizonSteps);
    const c = compareBreakers(network, scenario, set.breakers);
    expect(c.runs.map((r) => r.label)).toEqual([
      'none',
      'pause-liquidations-on-oracle-deviation',
      'twap-large-liquidations',
      'all',
    ]);
    const pause = c.runs[1]!;
    expect(pause.worse).toBe(true);
    expect(pause.badDebtChangeUsd).toBeGreaterThan(0);
    expect(pause.activations).toBeGreaterThan(0);
    expect(pause.liquidityFrozenPeakUsd).toBeGreaterThan(0);
    expect(pause.addedFailures.length).toBeGreaterThan(0);
    for (const f of pause.addedFailures) expect(f.path[0]!.to).toBe(`protocol:${f.protocol}`);
    expect(pause.badDebtIncreases.length).toBeGreaterThan(0);
    expect(c.runs[0]!.liquidityFrozenPeakUsd).toBe(0);
  });
});
