// Loss measures and statuses (docs/model.md §16) on the lab network, with hand-computed figures: realised bad
// debt (written off), latent bad debt (open positions underwater, at oracle and at market prices) and paper
// loss (a market discount the protocol's own oracles do not see), and the status each leads to.
import { runScenario } from '../../src/engine/run';
import type { RunResult } from '../../src/engine/result';
import { labNetwork, labScenario, type LabOptions } from '../helpers/lab';

const lender = (r: RunResult) => r.protocols.find((p) => p.id === 'lender')!;

/** One step on the lab network (lender: 1000 USD held, owes 1050, one cohort of 1 unit against 50 USD). */
function oneStep(o: LabOptions, events: unknown[]): RunResult {
  const net = labNetwork(o);
  return runScenario(net, labScenario(net, events, { horizonSteps: 1 }));
}

describe('realised bad debt', () => {
  // COL gaps -60% to 40; its market oracle (no latency) reads 40: HF = 40 x 0.85 / 50 = 0.68 < 0.95, so the
  // whole position is liquidated. Repaid R = 1 x 40 / 1.05 = 38.0952..., all the collateral is seized, and
  // the 50 - 38.0952 = 11.9048 left without collateral is written off.
  const run = oneStep({}, [{ type: 'price', asset: 'COL', atStep: 0, path: { shape: 'gap', change: -0.6 } }]);

  it('is the debt written off, and nothing stays latent', () => {
    expect(lender(run).badDebtUsd).toBe('11.90');
    expect(lender(run).latentBadDebtMarketUsd).toBe('0.00');
    expect(lender(run).latentBadDebtOracleUsd).toBe('0.00');
    expect(lender(run).paperLossUsd).toBe('0.00');
    expect(run.summary.badDebtUsd).toBe('11.90');
  });

  it('makes a lender with no equity insolvent', () => {
    expect(lender(run).status).toBe('insolvent');
  });
});

describe('latent bad debt', () => {
  // The same fall, but liquidators lose half of what they seize (mevLoss 0.5): 1 x 40 x 0.5 = 20 is less
  // than the 38.10 they would repay, so nobody liquidates. The position stays open: 50 of debt against 40
  // of collateral, 10 underwater at market prices and, since the oracle reads 40 too, at oracle prices.
  const run = oneStep({ mevLoss: 0.5 }, [
    { type: 'price', asset: 'COL', atStep: 0, path: { shape: 'gap', change: -0.6 } },
  ]);

  it('is the debt above collateral of the positions still open, at both prices', () => {
    expect(lender(run).badDebtUsd).toBe('0.00');
    expect(lender(run).latentBadDebtMarketUsd).toBe('10.00');
    expect(lender(run).latentBadDebtOracleUsd).toBe('10.00');
    expect(run.summary.latentBadDebtMarketUsd).toBe('10.00');
  });

  it('is no paper loss: the oracle sees the fall', () => {
    expect(lender(run).paperLossUsd).toBe('0.00');
    expect(lender(run).status).toBe('insolvent');
  });
});

describe('paper loss', () => {
  // The cohort is 1 LST against 50 USD, LST read by its exchange-rate oracle (rate x issuer recovery x COL =
  // 100). LST's market gaps -60% to 40 (a liquidity gap: the backing did not change). At the oracle HF =
  // 100 x 0.85 / 50 = 1.7: nobody is liquidated. The loan is marked at min(50, 40) = 40 on the balance
  // sheet, a loss of 10 that the lender's own oracle does not see: its loan at the oracle is min(50, 100) = 50.
  const run = oneStep({ collateral: 'LST' }, [
    { type: 'price', asset: 'LST', atStep: 0, path: { shape: 'gap', change: -0.6 } },
  ]);

  it('is the loss at market prices that the own oracles do not see', () => {
    expect(lender(run).lossUsd).toBe('10.00');
    expect(lender(run).paperLossUsd).toBe('10.00');
    expect(lender(run).latentBadDebtMarketUsd).toBe('10.00');
    expect(lender(run).latentBadDebtOracleUsd).toBe('0.00');
    expect(lender(run).badDebtUsd).toBe('0.00');
    expect(run.summary.paperLossUsd).toBe('10.00');
  });

  it('is not insolvency: the lender, short by 10 at market prices, has the paper-loss status', () => {
    // Equity 0 at the start: 1000 + 50 - 1050. At market 1000 + 40 < 1050; at its own marks 1000 + 50 = 1050.
    expect(lender(run).status).toBe('paper-loss');
    expect(lender(run).firstPaperLossStep).toBe(0);
    expect(run.summary.insolventProtocols).toEqual([]);
    expect(run.summary.paperLossProtocols).toEqual(['lender']);
    expect(run.failures).toEqual([]);
  });

  it('is reported with the run unsettled while the gap decays', () => {
    expect(run.summary.pricesSettled).toBe(false);
    const net = labNetwork({ collateral: 'LST' });
    const settled = runScenario(
      net,
      labScenario(net, [{ type: 'price', asset: 'LST', atStep: 0, path: { shape: 'gap', change: -0.6 } }], {
        horizonSteps: 400,
      }),
    );
    // 60 s half-life, 12 s steps: after 400 steps the gap is below the 1e-9 noise and has stopped moving.
    expect(settled.summary.pricesSettled).toBe(true);
    expect(lender(settled).status).toBe('paper-loss');
    expect(lender(settled).paperLossUsd).toBe('0.00');
  });
});
