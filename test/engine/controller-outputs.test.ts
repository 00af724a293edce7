// Risk controllers' outputs beyond thresholds (docs/model.md §20.6): borrow and supply caps that bound new
// borrowing, and breaker actions (pause a market, suspend a link) in force while a rule applies. Worked by hand
// on the defences lab (one market bank/x of X at 100 against USD) and on a small issuer network.
import { runScenario, simulate } from '../../src/engine/run';
import { InputError } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import type { Network } from '../../src/model/network';
import { defencesLab } from '../helpers/defences-lab';
import { marketOracle } from '../helpers/oracles';
import { tIssuerRaw } from '../helpers/t-issuer';

/** One cohort of 1,000 X at HF 2: debt 1000 · 100 · 0.8 / 2 = 40,000 USD. */
const lab = () => defencesLab('1e9', [{ hf: 2, collateral: 1000 }]);

const scenarioOn = (net: Network, raw: Record<string, unknown>) =>
  parseScenario(
    { format: 'contagion/scenario@1', name: 'controller outputs', stepSeconds: 12, ...raw },
    'outputs.json',
    net,
  );

/** A controller on bank/x whose one rule applies from step 0 (a drawdown is never below 0). */
const always = (rule: Record<string, unknown>) => ({
  id: 'risk',
  signal: { kind: 'drawdown', oracle: 'x', windowSteps: 1 },
  markets: ['bank/x'],
  rules: [{ above: 0, ...rule }],
});

const borrow = { type: 'borrow', market: 'bank/x', atStep: 0, durationSteps: 5, debtPerStep: '1000' };

const bankDebt = (net: Network, controllers: unknown[]) => {
  const { ctx } = simulate(net, scenarioOn(net, { horizonSteps: 6, events: [borrow], controllers }));
  const { cohorts: C, protocols: P } = ctx.s;
  return { debt: C.debt[0]!, idle: P.holdAmount[0]! };
};

describe('a borrow cap set by a controller', () => {
  it('stops new borrowing at the cap', () => {
    const net = lab();
    // Without a cap: 5 steps of 1,000 USD on 40,000 of debt, paid out of the bank's 100M idle USD.
    expect(bankDebt(net, [])).toEqual({ debt: 45_000, idle: 100_000_000 - 5_000 });
    // A cap of 42,500 USD of debt: steps 0 and 1 borrow 1,000 each, step 2 the 500 left, steps 3 and 4 nothing.
    expect(bankDebt(net, [always({ borrowCap: '42500' })])).toEqual({
      debt: 42_500,
      idle: 100_000_000 - 2_500,
    });
    // A cap below the debt already owed stops all new borrowing and repays nothing.
    expect(bankDebt(net, [always({ borrowCap: '30000' })]).debt).toBe(40_000);
  });

  it("a breaker's pause-borrowing stops it too", () => {
    const net = lab();
    const { ctx } = simulate(
      net,
      scenarioOn(net, {
        horizonSteps: 6,
        // X falls 10% at step 1; a breaker on a 5% drawdown over 2 steps pauses borrowing from then on.
        events: [borrow, { type: 'price', asset: 'X', atStep: 1, path: { shape: 'gap', change: -0.1 } }],
        breakers: [
          {
            id: 'no-borrowing',
            scope: 'all',
            trigger: { kind: 'drawdown', asset: 'X', windowSteps: 2, threshold: 0.05 },
            actions: [{ kind: 'pause-borrowing' }],
            durationSteps: 10,
            cooldownSteps: 0,
          },
        ],
      }),
    );
    // Step 0 borrows 1,000; the breaker fires at step 1 and holds through the horizon.
    expect(ctx.stats.activations).toEqual([
      expect.objectContaining({ breaker: 'no-borrowing', startStep: 1 }),
    ]);
    expect(ctx.s.cohorts.debt[0]).toBe(41_000);
  });

  it('a supply cap bounds the collateral, and the debt with it', () => {
    const net = lab();
    const { ctx } = simulate(
      net,
      scenarioOn(net, {
        horizonSteps: 6,
        // Each step brings 20 X with 1,000 USD; a supply cap of 1,030 X lets in 30 X: 1.5 steps' worth.
        events: [{ ...borrow, collateralPerStep: '20' }],
        controllers: [always({ supplyCap: '1030' })],
      }),
    );
    expect(ctx.s.cohorts.collateral[0]).toBeCloseTo(1030, 9);
    expect(ctx.s.cohorts.debt[0]).toBeCloseTo(41_500, 9);
  });

  it('is refused on an unknown market of a borrow event', () => {
    const net = lab();
    expect(() => scenarioOn(net, { horizonSteps: 6, events: [{ ...borrow, market: 'bank/nope' }] })).toThrow(
      InputError,
    );
    expect(() => scenarioOn(net, { horizonSteps: 6, events: [{ ...borrow, market: 'bank/nope' }] })).toThrow(
      'outputs.json: $.events[0].market: unknown market "bank/nope"',
    );
  });
});

describe('a pause of a market triggered by a controller', () => {
  // One cohort of 1,000 X at HF 1.5 owes 1000 · 100 · 0.8 / 1.5 = 53,333.33 USD. X gaps -45% at step 1: HF =
  // 1000 · 55 · 0.8 / 53,333.33 = 0.825, and the liquidator repays what all the collateral buys at a 5% bonus,
  // 1000 · 55 / 1.05 = 52,380.95 USD, unless a controller reading a drawdown of 10% or more pauses bank/x.
  const net = defencesLab('1e9', [{ hf: 1.5, collateral: 1000 }]);
  const gap = { type: 'price', asset: 'X', atStep: 1, path: { shape: 'gap', change: -0.45 } };
  const pause = {
    id: 'guardian',
    signal: { kind: 'drawdown', oracle: 'x', windowSteps: 4 },
    markets: ['bank/x'],
    rules: [{ above: 0.1, actions: [{ kind: 'pause-market' }] }],
  };
  const run = (controllers: unknown[]) =>
    runScenario(net, scenarioOn(net, { horizonSteps: 4, events: [gap], controllers }));

  it('holds back the liquidation the crash would bring', () => {
    const without = run([]);
    expect(without.summary.liquidatedUsd).toBe('52380.95');
    const paused = run([pause]);
    expect(paused.summary.liquidatedUsd).toBe('0.00');
    // The drawdown over the last 4 steps is 45% from step 1 to the horizon: the pause holds at steps 1, 2, 3.
    expect(paused.summary.defences!.find((d) => d.id === 'guardian')).toMatchObject({ actionSteps: 3 });
  });
});

/**
 * An issuer of T (20 CASH of reserves that pay redemptions, 80 of other reserves, 100 T issued, 10 of capital
 * outside them) and a fund holding 100 T against 95 USD it owes. The issuer loses 8 of its reserves at step 0.
 */
function issuerAndFund() {
  return parseNetwork(
    tIssuerRaw('issuer and fund', {
      assets: [{ id: 'X', priceUsd: '100' }],
      oracles: [marketOracle('t', 'T'), marketOracle('x', 'X')],
      protocols: [
        {
          id: 'fund',
          kind: 'lending',
          holdings: [{ asset: 'T', amount: '100' }],
          externalLiabilitiesUsd: '95',
          markets: [
            {
              id: 'fund/x',
              collateral: 'X',
              debt: 'T',
              loanToValue: 0.5,
              liquidationThreshold: 0.6,
              liquidationBonus: 0.05,
              collateralOracle: 'x',
              debtOracle: 't',
              cohorts: [{ collateralAmount: '1', debtAmount: '1' }],
            },
          ],
        },
      ],
    }),
    'issuer.json',
  );
}

describe('a link suspended by a controller', () => {
  const net = issuerAndFund();
  const loss = { type: 'exploit', protocol: 'iss', atStep: 0, lossUsd: '8' };
  const halt = {
    id: 'halt',
    signal: { kind: 'drawdown', oracle: 'x', windowSteps: 1 },
    markets: ['fund/x'],
    rules: [{ above: 0, actions: [{ kind: 'suspend-link', link: 'iss-t', discount: 0.1 }] }],
  };
  const run = (controllers: unknown[]) =>
    runScenario(net, scenarioOn(net, { horizonSteps: 3, events: [loss], controllers }));

  it('prices T at the reserve cover less the discount, and the fund fails with a path to the controller', () => {
    // The issuer still covers what it owes (92 + 10 >= 100): T keeps recovery 1 and the fund is sound.
    expect(run([]).summary.insolventProtocols).toEqual([]);
    // Suspended with a 10% discount: T at 0.92 · 0.9 = 0.828, the fund's 100 T are worth 82.8 < 95 owed. Of
    // its loss of 17.2 the discount is booked from the controller, the reserves cover from the issuer.
    const r = run([halt]);
    expect(r.assets.find((a) => a.id === 'T')!.minPriceUsd).toBeCloseTo(0.828, 9);
    expect(r.summary.insolventProtocols).toEqual(['fund']);
    const failure = r.failures.find((f) => f.protocol === 'fund')!;
    // The largest cause of the fall of T in the fund's balance sheet is the controller's suspension.
    expect(failure.path.map((h) => [h.from, h.to, h.channel])).toEqual([
      ['controller:halt', 'protocol:fund', 'peg'],
    ]);
    // More than half of the fund's loss of 17.2 (100 T from 1 to 0.828) is booked from the controller.
    expect(failure.path[0]!.amountUsd).toBeLessThan(-17.2 / 2);
  });
});

describe('controller actions that name nothing', () => {
  it('are input errors naming the file, the JSON path and why', () => {
    const net = lab();
    const bad = always({
      actions: [
        { kind: 'pause-market', market: 'other/m' },
        { kind: 'suspend-link', link: 'nope' },
      ],
    });
    let error: unknown;
    try {
      scenarioOn(net, { horizonSteps: 2, events: [borrow], controllers: [bad] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toEqual([
      {
        file: 'outputs.json',
        path: '$.controllers[0].rules[0].actions[0].market',
        reason: 'market "other/m" is not one of the controller\'s markets',
      },
      {
        file: 'outputs.json',
        path: '$.controllers[0].rules[0].actions[1].link',
        reason: 'unknown link "nope" (not in the network)',
      },
    ]);
  });
});
