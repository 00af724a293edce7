// Loss measures and statuses (docs/model.md §16) on the lab network, with hand-computed figures: realised bad
// debt (written off), latent bad debt (open positions underwater, at oracle and at market prices) and paper
// loss (a market discount the protocol's own oracles do not see), and the status each leads to.
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseRunDocument } from '../../src/model/parse-run';
import { parseScenario } from '../../src/model/parse-scenario';
import type { RunResult } from '../../src/engine/result';
import { labNetwork, labScenario, type LabOptions } from '../helpers/lab';
import { fixedOracle } from '../helpers/oracles';

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

describe('a holding marked at an oracle', () => {
  // A PSM-like issuer of D holds 5,000 T, which its books count at a fixed $1; equity 5,000.
  const network = {
    format: 'contagion/network@1',
    name: 'marks',
    asOf: '2025-01-01',
    assets: [
      { id: 'T', priceUsd: '1', peg: { target: 'USD', issuer: 'iss' } },
      { id: 'D', priceUsd: '1', peg: { target: 'USD', issuer: 'psm' } },
    ],
    venues: [
      {
        id: 'dex',
        kind: 'dex',
        liquidity: [
          { asset: 'T', depthUsd2pct: '1000000', resilienceHalfLifeSec: 600 },
          { asset: 'D', depthUsd2pct: '1000000', resilienceHalfLifeSec: 600 },
        ],
      },
    ],
    oracles: [fixedOracle('t-1', 'T', '1')],
    protocols: [
      {
        id: 'iss',
        kind: 'stablecoin-issuer',
        otherAssetsUsd: '1000000',
        issues: [{ asset: 'T', supply: '1000000' }],
      },
      {
        id: 'psm',
        kind: 'cdp',
        holdings: [{ asset: 'T', amount: '5000', oracle: 't-1' }],
        otherAssetsUsd: '5000',
        issues: [{ asset: 'D', supply: '5000' }],
      },
    ],
  };
  const run = (events: unknown[], horizonSteps = 1) => {
    const net = parseNetwork(network, 'marks.json');
    return runScenario(
      net,
      parseScenario(
        { format: 'contagion/scenario@1', name: 's', stepSeconds: 60, horizonSteps, events },
        's.json',
        net,
      ),
    );
  };
  const psm = (r: RunResult) => r.protocols.find((p) => p.id === 'psm')!;

  it('books a market gap of T as a paper loss: 10% of 5,000 is 500, a paper-loss status', () => {
    const r = run([{ type: 'price', asset: 'T', atStep: 0, path: { shape: 'gap', change: -0.1 } }]);
    expect(psm(r).lossUsd).toBe('500.00');
    expect(psm(r).paperLossUsd).toBe('500.00');
    expect(psm(r).status).toBe('paper-loss');
  });

  it("does not call a loss of T's backing paper: its issuer recovers 0.9, the fixed $1 is capped at 0.9", () => {
    // iss loses 100,000 of 1,000,000: recovery 0.9 at step 0's clearing, T's fundamental 0.9 after it; the
    // PSM's loss is 500 at market and at its own marks (min($1, 0.9)), cleared at step 1: stressed (500 > 5%
    // of 5,000), no paper loss.
    const r = run([{ type: 'exploit', protocol: 'iss', atStep: 0, lossUsd: '100000' }], 2);
    expect(psm(r).lossUsd).toBe('500.00');
    expect(psm(r).paperLossUsd).toBe('0.00');
    expect(psm(r).status).toBe('stressed');
  });
});

describe('a run saved before the loss measures existed', () => {
  it('still reads, with the measures at zero and no paper-loss protocol', () => {
    const run = oneStep({ collateral: 'LST' }, [
      { type: 'price', asset: 'LST', atStep: 0, path: { shape: 'gap', change: -0.6 } },
    ]);
    const old = JSON.parse(JSON.stringify(run));
    for (const k of ['latentBadDebtOracleUsd', 'latentBadDebtMarketUsd', 'paperLossUsd', 'socializedLossUsd'])
      for (const x of [old.summary, ...old.protocols]) delete x[k];
    for (const k of ['insuranceFundUsedUsd', 'paperLossProtocols', 'pricesSettled']) delete old.summary[k];
    for (const p of old.protocols) delete p.firstPaperLossStep;
    const read = parseRunDocument(old, 'old.json');
    expect(read.summary.paperLossUsd).toBe('0.00');
    expect(read.summary.paperLossProtocols).toEqual([]);
    expect(read.protocols[0]!.firstPaperLossStep).toBeNull();
    // What the file has is kept: the status it recorded.
    expect(read.protocols.find((p) => p.id === 'lender')!.status).toBe('paper-loss');
  });
});
