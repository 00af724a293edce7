// Chain conditions (docs/model.md §17.1): the chain event is validated with its file and JSON path, sets the
// congestion level step by step, divides keeper capacity and delays oracle updates.
import { simulate } from '../../src/engine/run';
import { InputError, type InputIssue } from '../../src/model/errors';
import { parseScenario } from '../../src/model/parse-scenario';
import { idx, labNetwork } from '../helpers/lab';

const chain = (extra: Record<string, unknown> = {}) => ({
  type: 'chain',
  atStep: 2,
  durationSteps: 6,
  blockTimeSec: 12,
  congestion: { everySteps: 2, levels: [2, 4] },
  inclusionDelaySecPerLevel: 100,
  ...extra,
});

const scenarioRaw = (events: unknown[]) => ({
  format: 'contagion/scenario@1',
  name: 'chain',
  stepSeconds: 12,
  horizonSteps: 12,
  events,
});

function issuesOf(events: unknown[]): InputIssue[] {
  try {
    parseScenario(scenarioRaw(events), 'chain.json', labNetwork());
  } catch (e) {
    if (e instanceof InputError) return [...e.issues];
    throw e;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('chain events', () => {
  it.each([
    [
      'a level below 1',
      { congestion: { levels: [1, 0.5] } },
      '$.events[0].congestion.levels[1]',
      /at least 1/,
    ],
    ['no levels', { congestion: { levels: [] } }, '$.events[0].congestion.levels', /./],
    ['a block time of 0', { blockTimeSec: 0 }, '$.events[0].blockTimeSec', /positive/],
    [
      'a negative delay',
      { inclusionDelaySecPerLevel: -1 },
      '$.events[0].inclusionDelaySecPerLevel',
      /negative/,
    ],
  ])('reject %s, naming the file and the JSON path', (_name, edit, path, reason) => {
    const hit = issuesOf([chain(edit)]).find((i) => i.path === path);
    expect(hit).toBeDefined();
    expect(hit!.file).toBe('chain.json');
    expect(hit!.reason).toMatch(reason);
  });

  /** The lab network with a keeper capacity of 100 USD per step and an oracle latency of 24 s. */
  const net = labNetwork({ keeperCapacity: '100', oracleLatencySec: 24 });

  it('set the level and the inclusion delay of each step while in force', () => {
    // Levels 2 at steps 2-3, 4 at steps 4-7, normal again at step 8 (duration 6).
    const levels: number[] = [];
    const delays: number[] = [];
    const scenario = parseScenario(scenarioRaw([chain()]), 'chain.json', net);
    for (let h = 1; h <= 10; h++) {
      const { ctx } = simulate(net, { ...scenario, horizonSteps: h });
      levels.push(ctx.chain.level);
      delays.push(ctx.chain.inclusionDelaySec);
    }
    expect(levels).toEqual([1, 1, 2, 2, 4, 4, 4, 4, 1, 1]);
    // 12 s + 100 s per level above 1.
    expect(delays).toEqual([0, 0, 112, 112, 312, 312, 312, 312, 0, 0]);
  });

  it('delay oracle updates by what congestion adds to the inclusion delay', () => {
    // COL falls 30% at step 3 (level 2): 1 COL against 80 USD is liquidatable once the oracle shows it, 24 s
    // latency plus 100 s of congestion later, at 3 x 12 + 124 = 160 s: step 14 is past the horizon of 12.
    const events = [
      chain(),
      { type: 'price', asset: 'COL', atStep: 3, path: { shape: 'gap', change: -0.3 } },
    ];
    const edit = labNetwork({ keeperCapacity: '100', oracleLatencySec: 24 }, (raw) => {
      raw.protocols[1].markets[0].cohorts = [{ collateralAmount: '1', debtAmount: '60' }];
    });
    const late = simulate(edit, parseScenario(scenarioRaw(events), 'chain.json', edit));
    expect(late.result.summary.liquidatedUsd).toBe('0.00');
    const oracle = late.ctx.s.oracles;
    expect(oracle.reading[idx(late.ctx, 'oracles', 'col')]).toBe(100);
    // Without the chain event the update is visible at 36 + 24 = 60 s (step 5), and keepers, at capacity 100
    // per step, repay half the debt (close factor 0.5): 30 USD.
    const normal = simulate(edit, parseScenario(scenarioRaw(events.slice(1)), 'chain.json', edit));
    expect(Number(normal.result.summary.liquidatedUsd)).toBeCloseTo(30, 2);
  });

  it('divide keeper capacity by the level', () => {
    // Level 4 from step 0, no added delay: capacity 100 / 4 = 25 USD per step. COL at 70 makes 1 COL against
    // 60 USD liquidatable (HF 0.99); keepers repay 25 instead of the close factor's 30, after which the
    // position is healthy (HF 0.625 x 70 x 0.85 / 35 = 1.0625).
    const flat = chain({
      atStep: 0,
      durationSteps: undefined,
      congestion: { levels: [4] },
      inclusionDelaySecPerLevel: 0,
    });
    const events = [flat, { type: 'price', asset: 'COL', atStep: 3, path: { shape: 'gap', change: -0.3 } }];
    const edit = labNetwork({ keeperCapacity: '100' }, (raw) => {
      raw.protocols[1].markets[0].cohorts = [{ collateralAmount: '1', debtAmount: '60' }];
    });
    const r = simulate(edit, parseScenario(scenarioRaw(events), 'chain.json', edit)).result;
    expect(Number(r.summary.liquidatedUsd)).toBeCloseTo(25, 2);
    expect(Number(r.summary.throttledPeakUsd)).toBeCloseTo(5, 2);
  });
});
