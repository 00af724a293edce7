// Dynamic margins and risk controllers (docs/model.md §20): the volatility rule by hand, liquidations forced by a
// tightening booked from the defence, a controller fed a stale signal, failure modes and input errors.
import type { CompiledMargin } from '../../src/engine/compile-defences';
import { simulate, runScenario } from '../../src/engine/run';
import { marginThreshold } from '../../src/engine/stages/defences';
import { parseScenario } from '../../src/model/parse-scenario';
import { buildContagionGraph } from '../../src/report/contagion-graph';
import { defencesLab as lab, STALE_CASE_COHORTS } from '../helpers/defences-lab';
import { inputIssues } from '../helpers/input-issues';

describe('a dynamic margin', () => {
  // One-hour steps, so a volatility per root hour is one per step. lambda 0.5, sigmaRef 0.01, power rule k 0.5,
  // floor 0.2, ceiling 0.85, lag 1 step. X gaps -10% at step 1. By hand:
  //   step 0: r = 0,           v = 0.5 * 1e-4 = 5e-5,                       sigma = 0.00707107,
  //           LT = 0.8 * (0.01 / 0.00707107)^0.5 = 0.95137, above the ceiling: 0.85;
  //   step 1: r = ln 0.9 = -0.1053605, v = 0.5 * 5e-5 + 0.5 * 0.0111008 = 0.00557542, sigma = 0.0746687,
  //           LT = 0.8 * (0.01 / 0.0746687)^0.5 = 0.8 * 0.365957 = 0.292766, LTV = 0.75 * 0.292766 / 0.8 = 0.274468.
  // With the lag, the threshold in effect is the network's 0.8 at step 0, 0.85 at step 1 and 0.292766 at step 2.
  const net = lab('1e12', [{ hf: 1.2, collateral: 1000 }]);
  const scenario = (horizonSteps: number) =>
    parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'gap',
        stepSeconds: 3600,
        horizonSteps,
        events: [{ type: 'price', asset: 'X', atStep: 1, path: { shape: 'gap', change: -0.1 } }],
        dynamicMargins: [
          {
            id: 'vol',
            market: 'bank/x',
            lambda: 0.5,
            sigmaRef: 0.01,
            rule: { kind: 'power', exponent: 0.5 },
            floor: 0.2,
            ceiling: 0.85,
            lagSteps: 1,
          },
        ],
      },
      'gap.json',
      net,
    );
  const thresholdAfter = (steps: number) => {
    const { ctx } = simulate(net, scenario(steps));
    return [ctx.s.markets.liquidationThreshold[0]!, ctx.s.markets.loanToValue[0]!];
  };

  it('follows the EWMA of squared oracle log-returns, after its lag, within floor and ceiling', () => {
    expect(thresholdAfter(2)).toEqual([0.85, (0.75 * 0.85) / 0.8]);
    const v1 = 0.5 * 0.5 * 1e-4 + 0.5 * Math.log(0.9) ** 2;
    expect(v1).toBeCloseTo(0.005575419129841528, 15);
    const [lt, ltv] = thresholdAfter(3);
    expect(lt).toBeCloseTo(0.29276597821911293, 12);
    expect(ltv).toBeCloseTo(0.2744681045804183, 12);
  });

  it('books the liquidation its tightening alone made possible as forced, from margins:<id>', () => {
    // At step 2 the cohort (HF 1.2 at 100, so 1.08 at 90 under the network's 0.8) has HF 0.395 under 0.292766:
    // below fullLiquidationHf, the whole debt 1000 x 100 x 0.8 / 1.2 = 66,666.67 is repaid (90,000 / 1.05 covers it).
    const r = runScenario(net, scenario(3));
    expect(r.summary.forcedLiquidatedUsd).toBe('66666.67');
    expect(r.summary.liquidatedUsd).toBe('66666.67');
    expect(r.summary.defences).toEqual([
      {
        id: 'vol',
        kind: 'dynamic-margin',
        cause: 'margins:vol',
        forcedLiquidatedUsd: '66666.67',
        updates: 2,
        lowestLiquidationThreshold: expect.closeTo(0.29276597821911293, 12),
      },
    ]);
    // Without the rule nothing is liquidated: at 90 the cohort is healthy.
    const plain = runScenario(net, { ...scenario(3), dynamicMargins: [] });
    expect(plain.summary.liquidatedUsd).toBe('0.00');
    expect(plain.summary.defences).toBeUndefined();
  });

  it('states the linear rule LT_0 - s (sigma - sigmaRef), within floor and ceiling', () => {
    const linear: CompiledMargin = {
      id: 'lin',
      market: 0,
      lambda: 0.9,
      sigmaRef: 0.01,
      initialVariance: 1e-4,
      rule: { kind: 'linear', slope: 2 },
      floor: 0.6,
      ceiling: 0.8,
      lagSteps: 0,
      allPositions: true,
    };
    // 0.8 - 2 x (0.05 - 0.01) = 0.72; at 0.2 it would be 0.42, held at the floor; at 0 it would be 0.82.
    expect(marginThreshold(linear, 0.8, 0.05)).toBeCloseTo(0.72, 15);
    expect(marginThreshold(linear, 0.8, 0.2)).toBe(0.6);
    expect(marginThreshold(linear, 0.8, 0)).toBe(0.8);
    // The power rule at zero volatility is its limit, the ceiling.
    expect(marginThreshold({ ...linear, rule: { kind: 'power', exponent: 1 } }, 0.8, 0)).toBe(0.8);
  });

  it('moves only the loan-to-value when it applies to new borrowing', () => {
    const s = scenario(3);
    const onlyNew = {
      ...s,
      dynamicMargins: [{ ...s.dynamicMargins[0]!, appliesTo: 'new-borrowing' as const }],
    };
    const { ctx, result } = simulate(net, onlyNew);
    expect(ctx.s.markets.liquidationThreshold[0]).toBe(0.8);
    expect(ctx.s.markets.loanToValue[0]).toBeCloseTo(0.2744681045804183, 12);
    expect(result.summary.liquidatedUsd).toBe('0.00');
  });
});

describe('a risk controller', () => {
  // X dips 8% at step 2 and is back at 100 from step 4. The controller reads the drawdown of the oracle over 50
  // steps; at 5% or more it asks a threshold of 0.65, at most 0.02 per update, one update every 2 steps. A big
  // cohort (HF 1.15 under 0.8) is healthy at the dip and stays so while the threshold only falls to 0.78; under
  // 0.65 it is not (1.15 x 0.65 / 0.8 = 0.93), and its sale into thin depth crashes X.
  const net = lab('1250000', STALE_CASE_COHORTS);
  const controller = (failures: unknown[]) => ({
    id: 'risk',
    signal: { kind: 'drawdown', oracle: 'x', windowSteps: 50 },
    markets: ['bank/x'],
    rules: [{ above: 0.05, liquidationThreshold: 0.65 }],
    maxChangePerUpdate: 0.02,
    cooldownSteps: 2,
    failures,
  });
  const run = (controllers: unknown[]) =>
    runScenario(
      net,
      parseScenario(
        {
          format: 'contagion/scenario@1',
          name: 'dip',
          stepSeconds: 12,
          horizonSteps: 60,
          events: [
            { type: 'price', asset: 'X', atStep: 2, path: { shape: 'gap', change: -0.08 } },
            { type: 'price', asset: 'X', atStep: 4, path: { shape: 'gap', change: 0.08 / 0.92 } },
          ],
          controllers,
        },
        'dip.json',
        net,
      ),
    );

  it('fed a stale signal makes things worse than no controller, and the failure path names it', () => {
    const none = run([]);
    const live = run([controller([])]);
    const stale = run([controller([{ kind: 'stale', atStep: 3 }])]);
    // Without a controller, and with a live one, only the small cohort is liquidated at the dip, and nobody fails.
    expect(none.summary.badDebtUsd).toBe('0.00');
    expect(none.failures).toEqual([]);
    expect(live.summary.liquidatedUsd).toBe(none.summary.liquidatedUsd);
    expect(live.summary.forcedLiquidatedUsd).toBe('0.00');
    expect(live.summary.defences![0]!.lowestLiquidationThreshold).toBe(0.78);
    // Stale at the dip, it keeps tightening to 0.65 after X is back, forces the big cohort out and the fire
    // sale leaves bad debt.
    expect(stale.summary.defences![0]!.lowestLiquidationThreshold).toBeCloseTo(0.65, 12);
    expect(Number(stale.summary.forcedLiquidatedUsd)).toBeGreaterThan(30e6);
    expect(Number(stale.summary.badDebtUsd)).toBeGreaterThan(1e6);
    expect(Number(stale.summary.liquidatedUsd)).toBeGreaterThan(10 * Number(none.summary.liquidatedUsd));
    expect(stale.summary.stressedProtocols).toEqual(['bank']);
    const path = stale.failures.find((f) => f.protocol === 'bank')!.path;
    expect(path.at(-1)).toMatchObject({ from: 'controller:risk', to: 'asset:X', channel: 'liquidation' });
    expect(path.at(-1)!.priceChange).toBeLessThan(-0.3);
    // The report draws the controller with the root causes.
    expect(buildContagionGraph(stale).nodes.find((n) => n.id === 'controller:risk')).toMatchObject({
      kind: 'event',
      label: 'controller risk',
      onPath: true,
    });
  });

  it('injected failures change what it does: gain, manipulated input, lag, wrong model, depeg, seeded noise', () => {
    const lowest = (failures: unknown[], extra: Record<string, unknown> = {}) =>
      run([{ ...controller(failures), maxChangePerUpdate: undefined, cooldownSteps: 0, ...extra }]).summary
        .defences![0]!;
    // Unbounded steps: the dip asks 0.65 at once; a gain of 2 doubles the change asked: 0.8 - 2 x 0.15 = 0.5.
    expect(lowest([]).lowestLiquidationThreshold).toBeCloseTo(0.65, 12);
    expect(lowest([{ kind: 'gain', factor: 2 }]).lowestLiquidationThreshold).toBeCloseTo(0.5, 12);
    // With a drawdown rule at 20%, the real dip never reaches it; a manipulated input of 70 does.
    const deep = { rules: [{ above: 0.2, liquidationThreshold: 0.7 }] };
    expect(lowest([], deep).lowestLiquidationThreshold).toBeNull();
    // Its tightening forces the big cohort out, and the fire sale makes the drawdown real.
    const fed = lowest([{ kind: 'manipulated', atStep: 10, durationSteps: 3, priceUsd: 70 }], deep);
    expect(fed.lowestLiquidationThreshold).toBe(0.7);
    expect(Number(fed.forcedLiquidatedUsd)).toBeGreaterThan(30e6);
    // A gentle rule (0.78 forces nothing) and a lag: 50 steps late it still sees the dip (steps 52-53) before
    // the horizon (60 steps), 58 steps late never; it tightens and releases (2 updates) or does nothing.
    const gentle = { rules: [{ above: 0.05, liquidationThreshold: 0.78 }] };
    expect(lowest([{ kind: 'lag', steps: 50 }], gentle)).toMatchObject({
      lowestLiquidationThreshold: 0.78,
      updates: 2,
    });
    expect(lowest([{ kind: 'lag', steps: 58 }], gentle)).toMatchObject({
      lowestLiquidationThreshold: null,
      updates: 0,
    });
    // A volatility signal: with its decay 0.99 the dip's return (ln 0.92) gives sigma = sqrt(0.01 x 0.00695 x 300)
    // = 0.14 per root hour, below the rule's 0.5; a wrong model with decay 0.5 reads 1.02 and tightens.
    const vol = {
      signal: { kind: 'volatility', oracle: 'x', lambda: 0.99 },
      rules: [{ above: 0.5, liquidationThreshold: 0.78 }],
    };
    expect(lowest([], vol).lowestLiquidationThreshold).toBeNull();
    expect(lowest([{ kind: 'wrong-model', lambda: 0.5 }], vol).lowestLiquidationThreshold).toBe(0.78);
    // A depeg signal on the fixed USD oracle reads 0; fed 0.9 it reads |0.9 - 1| / 1 = 0.1 and tightens.
    const depeg = {
      signal: { kind: 'depeg', oracle: 'usd' },
      rules: [{ above: 0.05, liquidationThreshold: 0.78 }],
    };
    expect(lowest([], depeg).lowestLiquidationThreshold).toBeNull();
    const fedDepeg = lowest([{ kind: 'manipulated', atStep: 20, durationSteps: 5, priceUsd: 0.9 }], depeg);
    expect(fedDepeg).toMatchObject({ lowestLiquidationThreshold: 0.78, updates: 2 });
    // Noise is drawn from its seed: the same seed gives the same run, another seed another one.
    const noisy = (seed: number) =>
      lowest([{ kind: 'noise', sd: 0.05, seed }], { rules: [{ above: 0.06, liquidationThreshold: 0.7 }] });
    expect(noisy(1)).toEqual(noisy(1));
    expect([noisy(1), noisy(2), noisy(3)].map((d) => d.updates)).not.toEqual([
      noisy(1).updates,
      noisy(1).updates,
      noisy(1).updates,
    ]);
  });
});

describe('defences in a scenario file', () => {
  const net = lab('1e12', [{ hf: 1.2, collateral: 1000 }]);
  const base = {
    format: 'contagion/scenario@1',
    name: 'x',
    stepSeconds: 12,
    horizonSteps: 10,
    events: [{ type: 'price', asset: 'X', atStep: 1, path: { shape: 'gap', change: -0.1 } }],
  };
  const margin = {
    id: 'm',
    market: 'bank/x',
    lambda: 0.9,
    sigmaRef: 0.01,
    rule: { kind: 'power', exponent: 1 },
  };
  const issues = (extra: Record<string, unknown>) =>
    inputIssues(() => parseScenario({ ...base, ...extra }, 'bad.json', net));

  it('names the file path and id of an unknown market or oracle, and bounds out of order', () => {
    expect(issues({ dynamicMargins: [{ ...margin, market: 'nope', floor: 0.9, ceiling: 0.5 }] })).toEqual([
      '$.dynamicMargins[0].market: unknown market "nope" (not in the network)',
      '$.dynamicMargins[0].floor: floor 0.9 is above ceiling 0.5',
    ]);
    const ctl = {
      id: 'c',
      signal: { kind: 'depeg', oracle: 'nope' },
      markets: ['bank/x'],
      rules: [{ above: 0.1, liquidationThreshold: 0.7 }],
      failures: [{ kind: 'wrong-model', lambda: 0.5 }],
    };
    expect(issues({ controllers: [ctl] })).toEqual([
      '$.controllers[0].signal.oracle: unknown oracle "nope" (not in the network)',
      '$.controllers[0].failures[0].kind: a wrong volatility model needs a volatility signal, not "depeg"',
    ]);
  });

  it('rejects an EWMA decay of 1 in the schema', () => {
    expect(issues({ dynamicMargins: [{ ...margin, lambda: 1, floor: 0.5, ceiling: 0.8 }] })).toEqual([
      '$.dynamicMargins[0].lambda: must be below 1 (1 would never update)',
    ]);
  });
});
