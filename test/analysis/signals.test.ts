// Early-warning signals (docs/model.md §21): hand-computed AUC, precision, recall and lead times; signals kept
// without changing a run; a signal-triggered breaker compared with a threshold breaker; seeded Monte Carlo.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { compareBreakers } from '../../src/analysis/breaker-test';
import { planMonteCarlo } from '../../src/analysis/monte-carlo';
import { evaluateSignals, scorePath, SignalTally } from '../../src/analysis/signal-evaluation';
import { median, precisionRecall, rocAuc, ScoreCounter } from '../../src/analysis/signal-scores';
import { buildSummary } from '../../src/engine/result';
import { runScenario, runSimulation, simulate } from '../../src/engine/run';
import { firstCrossing, type SignalTrace } from '../../src/engine/signal-trace';
import { KIND_INDEX, SIGNAL_KINDS } from '../../src/engine/signals';
import { InputError } from '../../src/model/errors';
import { parseBreakers, parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { tinyNetwork } from '../helpers/fixtures';

const DATA = join(__dirname, '..', '..', 'data');
const NETWORK_FILE = join(DATA, 'networks', 'ethereum-2025-10.json');
const net = readNetworkFile(NETWORK_FILE);
const scenario = (name: string) => parseScenario(readJsonFile(join(DATA, 'scenarios', name)), name, net);

describe('ROC AUC, precision and recall', () => {
  // Positives score 0.35, 0.8, 0.4; negatives 0.1, 0.4. Of the 6 (positive, negative) pairs the positive is
  // higher in 4 and ties in 1 (0.4 against 0.4, counted half): AUC = 4.5 / 6 = 0.75. By ranks: 0.1 → 1,
  // 0.35 → 2, the two 0.4 → 3.5 each, 0.8 → 5; R = 2 + 3.5 + 5 = 10.5; (10.5 - 3·4/2) / (3·2) = 0.75.
  const scores = [0.1, 0.4, 0.35, 0.8, 0.4];
  const labels = [false, false, true, true, true];

  it('gives the hand-computed rank AUC with ties counted half', () => {
    expect(rocAuc(scores, labels)).toBe(0.75);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 when every score ties, null with one class', () => {
    expect(rocAuc([1, 2, 3], [false, true, true])).toBe(1);
    expect(rocAuc([3, 2, 1], [false, true, true])).toBe(0);
    expect(rocAuc([5, 5, 5, 5], [false, true, false, true])).toBe(0.5);
    expect(rocAuc([1, 2], [true, true])).toBeNull();
  });

  it('streamed counts give the same AUC and the hand-counted confusion at a threshold', () => {
    const counter = new ScoreCounter(0.4);
    scores.forEach((s, i) => counter.add(s, labels[i]!));
    expect(counter.auc()).toBe(0.75);
    // Predicted (score >= 0.4): 0.4 (neg), 0.8 (pos), 0.4 (pos): TP 2, FP 1; 0.35 (pos) is missed: FN 1.
    expect(counter.confusion).toEqual({
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    expect(precisionRecall(counter.confusion)).toEqual({ precision: 2 / 3, recall: 2 / 3 });
    const half = new ScoreCounter(0.4);
    scores.slice(0, 2).forEach((s, i) => half.add(s, labels[i]!));
    const rest = new ScoreCounter(0.4);
    scores.slice(2).forEach((s, i) => rest.add(s, labels[i + 2]!));
    half.merge(rest);
    expect(half.auc()).toBe(0.75);
    expect(half.confusion).toEqual(counter.confusion);
  });

  it('has no precision without a prediction and no recall without a positive', () => {
    const none = { truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 3 };
    expect(precisionRecall(none)).toEqual({ precision: null, recall: null });
    expect(median([4, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('threshold crossings and lead times', () => {
  it('crosses from below only', () => {
    const at = (xs: number[]) => (t: number) => xs[t]!;
    expect(firstCrossing(0.01, at([0.01, 0.03, 0.01, 0.05]), 4, 0.02)).toBe(1);
    // Already above before step 0: it counts only once it has fallen below and come back.
    expect(firstCrossing(0.05, at([0.05, 0.01, 0.03]), 3, 0.02)).toBe(2);
    expect(firstCrossing(0, at([0.01, 0.019]), 2, 0.02)).toBe(-1);
  });

  it('scores one path by hand: lead, labels within H, AUC, precision and recall', () => {
    // One protocol, stressed at step 4; the composite (threshold 0.5) reads 0, 0.6, 0.7, 0.2, 0.9 after steps
    // 0..4. It first crosses at step 1: lead 4 - 1 = 3 steps. With H = 2, steps 2 and 3 are positive (the
    // failure is 2 and 1 steps away), steps 0 and 1 negative; step 4 (the failure's) is not observed.
    // Pairs: 0.7 > 0, 0.7 > 0.6, 0.2 > 0, 0.2 < 0.6: AUC = 3/4. Predicted: 0.6 (neg), 0.7 (pos): precision 1/2,
    // recall 1/2 (0.2 is missed).
    const composite = [0, 0.6, 0.7, 0.2, 0.9];
    const K = SIGNAL_KINDS.length;
    const row = (v: number) => {
      const r = new Float64Array(K);
      r[KIND_INDEX.composite] = v;
      return r;
    };
    const trace = {
      book: { protocols: 1 },
      initialByProtocol: new Float64Array(K),
      byProtocol: composite.map(row),
    } as unknown as SignalTrace;
    const scored = scorePath(trace, [4], [-1], 2);
    expect(scored.failures).toHaveLength(1);
    expect(scored.failures[0]!.step).toBe(4);
    expect(scored.failures[0]!.leads[KIND_INDEX.composite]).toBe(3);
    expect(scored.failures[0]!.leads[KIND_INDEX['oracle-gap']]).toBeNull();
    const c = scored.counters[KIND_INDEX.composite]!;
    expect(c.auc()).toBe(0.75);
    expect(precisionRecall(c.confusion)).toEqual({ precision: 0.5, recall: 0.5 });
    // A signal at 0 throughout ties every pair.
    expect(scored.counters[KIND_INDEX['oracle-gap']]!.auc()).toBe(0.5);
    // A tally crosses a thread boundary as plain data and adds up to the same counts.
    const here = new SignalTally();
    here.add(scored);
    const there = new SignalTally();
    there.addData(JSON.parse(JSON.stringify(here.toData())));
    expect(there.counters[KIND_INDEX.composite]!.auc()).toBe(0.75);
    expect(there.counters[KIND_INDEX.composite]!.confusion).toEqual(c.confusion);
    expect(there.failures).toEqual([{ protocol: 0, leads: scored.failures[0]!.leads }]);
  });
});

describe('signals on the tiny network, by hand', () => {
  const tiny = tinyNetwork();
  const sc = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'usdc-depth',
      stepSeconds: 12,
      horizonSteps: 2,
      events: [{ type: 'depth', asset: 'USDC', atStep: 1, multiplier: 0.4 }],
    },
    'usdc-depth.json',
    tiny,
  );
  const { ctx } = simulate(tiny, sc, { signals: true });
  const trace = ctx.signals!;
  const P = ctx.s.names.protocols.length;
  const lender = ctx.s.names.protocols.indexOf('lender');
  const at = (values: Float64Array, kind: keyof typeof KIND_INDEX) => values[KIND_INDEX[kind] * P + lender]!;

  it('read utilization as borrowed over borrowed plus the lender’s idle units', () => {
    const market = (id: string) => {
      const i = trace.book.targets.findIndex(
        (t) => t.kind === 'utilization' && ctx.s.names.markets[t.target] === id,
      );
      return trace.initialRaw[i]!;
    };
    // lender/eth-usdc lends USDC: cohorts owe 1383.33 + 415 USDC, the lender holds 100 USDC idle:
    // 1798.33 / 1898.33 = 0.947321...
    expect(market('lender/eth-usdc')).toBeCloseTo(1798.33 / 1898.33, 12);
    // lender/emode-wsteth-eth lends ETH, of which the lender holds none: everything supplied is lent out.
    expect(market('lender/emode-wsteth-eth')).toBe(1);
    expect(at(trace.initialByProtocol, 'utilization')).toBe(1);
    // Maker's DAI market lends its own token: no supply, so no utilization.
    expect(
      trace.book.targets.some(
        (t) => ctx.s.names.markets[t.target] === 'maker/eth-a' && t.kind === 'utilization',
      ),
    ).toBe(false);
  });

  it('read the depth lost from the step of the event, and nothing before it', () => {
    // 60% of USDC's depth goes at step 1 (multiplier 0.4); the lender holds USDC.
    expect(at(trace.byProtocol[0]!, 'depth-lost')).toBe(0);
    expect(at(trace.byProtocol[1]!, 'depth-lost')).toBeCloseTo(0.6, 12);
  });
});

describe('signals of a run on the sample network', () => {
  const sc = scenario('steth-liquidity-gap.json');
  const plain = runScenario(net, sc);
  const kept = runScenario(net, sc, { signals: true });

  it('change nothing else in the run', () => {
    const { signals, ...rest } = kept;
    expect(signals).toBeDefined();
    expect(plain.signals).toBeUndefined();
    expect(JSON.stringify(rest)).toBe(JSON.stringify(plain));
  });

  it('change nothing in a summary-only run either (sweeps and Monte Carlo)', () => {
    const summary = (signals: boolean) => {
      const { ctx } = runSimulation(net, sc, { summaryOnly: true, signals });
      return {
        summary: buildSummary(ctx),
        stressed: [...ctx.stats.firstStressed],
        steps: ctx.signals?.raw.length,
      };
    };
    const without = summary(false);
    const withSignals = summary(true);
    expect(withSignals.summary).toEqual(without.summary);
    expect(withSignals.stressed).toEqual(without.stressed);
    expect(withSignals.steps).toBe(kept.scenario.stepsRun);
  });

  it('read the depth event exactly and warn before the first failure', () => {
    // The scenario keeps 15% of stETH's depth from step 5 (depth multiplier 0.15): 85% lost.
    const depth = kept.signals!.series.find((s) => s.signal === 'depth-lost' && s.target === 'stETH')!;
    expect(depth.values[4]).toBe(0);
    expect(depth.values[5]).toBe(0.85);
    expect(depth.crossedStep).toBe(5);
    const firstFailure = Math.min(...kept.failures.map((f) => f.step));
    // The 12% gap lands at step 10; the first failure (a vault holding the Morpho market's shares, insolvent
    // at its own marks too) follows at step 11: a lead of 6 steps.
    expect(firstFailure).toBe(11);
    expect(firstFailure - depth.crossedStep!).toBe(6);
    // Every series has one value per step run, and its peak is its largest value.
    for (const s of kept.signals!.series) {
      expect(s.values).toHaveLength(kept.scenario.stepsRun);
      expect(s.peak).toBe(Math.max(...s.values));
    }
  });
});

describe('signal-triggered breakers', () => {
  const sc = scenario('steth-liquidity-gap.json');
  const FILE = join(DATA, 'scenarios', 'breakers-signal-vs-deviation.json');
  const file = readJsonFile(FILE) as { breakers: { trigger: Record<string, unknown> }[] };
  const breakers = parseBreakers(file, 'breakers.json', net, sc.horizonSteps).breakers;

  it('fire on the signal, earlier than the oracle-deviation breaker, and are compared with it', () => {
    const [byDeviation, bySignal] = breakers.map((b) => runScenario(net, sc, { extraBreakers: [b] }));
    expect(bySignal!.breakerActivations[0]!.startStep).toBe(5); // the depth event's step
    expect(byDeviation!.breakerActivations[0]!.startStep).toBe(10); // the stETH gap's step
    const comparison = compareBreakers(net, sc, breakers);
    const run = (label: string) => comparison.runs.find((r) => r.label === label)!;
    expect(run('none').badDebtUsd).toBeGreaterThan(0);
    expect(run('pause-on-depth-lost').activations).toBeGreaterThan(0);
    expect(run('pause-on-oracle-deviation').activations).toBeGreaterThan(0);
    // $8.0M of bad debt without a breaker (liquidators counting their price impact, docs/model.md §3.5), none
    // with either pause.
    expect(Math.round(run('none').badDebtUsd)).toBe(7_977_158);
    expect(run('pause-on-depth-lost').badDebtUsd).toBe(0);
    expect(run('pause-on-oracle-deviation').badDebtUsd).toBe(0);
    // Paused from step 5, the signal breaker holds back less liquidation than the later deviation breaker.
    expect(run('pause-on-depth-lost').liquidatedUsd).toBeLessThan(
      run('pause-on-oracle-deviation').liquidatedUsd,
    );
  });

  it('name the file, the JSON path and the id of an unknown protocol', () => {
    const bad = structuredClone(file);
    bad.breakers[1]!.trigger.protocol = 'no-such-protocol';
    // The check of a breakers file finds it (so `contagion validate` does too), before any run.
    expect(() => parseBreakers(bad, 'breakers.json', net, sc.horizonSteps)).toThrow(InputError);
    expect(() => parseBreakers(bad, 'breakers.json', net, sc.horizonSteps)).toThrow(
      /breakers\.json.*breakers\[1\]\.trigger\.protocol.*unknown protocol "no-such-protocol"/s,
    );
  });

  it('reject an unknown signal kind', () => {
    const bad = structuredClone(file);
    bad.breakers[1]!.trigger.signal = 'funding-rate';
    expect(() => parseBreakers(bad, 'breakers.json', net, sc.horizonSteps)).toThrow(/breakers\[1\]\.trigger/);
  });
});

describe('signals over Monte Carlo paths', () => {
  const base = {
    network: JSON.parse(readFileSync(NETWORK_FILE, 'utf8')),
    networkFile: NETWORK_FILE,
    scenario: JSON.parse(readFileSync(join(DATA, 'scenarios', 'eth-crash-30pct.json'), 'utf8')),
    scenarioFile: 'eth-crash-30pct.json',
  };
  const plan = (seed: number) => planMonteCarlo(base, { paths: 6, seed, asset: 'ETH', severity: 'severe' });

  it('are reproducible: the same seed gives the same table, another seed another', () => {
    const a = evaluateSignals(plan(3), 25);
    const b = evaluateSignals(plan(3), 25);
    expect(b).toEqual(a);
    expect(a.signals.map((s) => s.signal)).toEqual([...SIGNAL_KINDS]);
    expect(a.positives).toBeGreaterThan(0);
    expect(a.signals[0]!.failures).toBeGreaterThan(0);
    for (const s of a.signals) {
      if (s.auc !== null) expect(s.auc).toBeGreaterThanOrEqual(0);
      if (s.auc !== null) expect(s.auc).toBeLessThanOrEqual(1);
      expect(s.warned).toBeLessThanOrEqual(s.failures);
    }
    const c = evaluateSignals(plan(4), 25);
    expect(c.signals).not.toEqual(a.signals);
  });
});
