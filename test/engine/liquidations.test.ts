// Liquidations (docs/model.md §3.5): close factor, bonus, full liquidation, profitability, capacity, bad debt.
import { createLiquidationStage, healthFactor } from '../../src/engine/stages/liquidations';
import { setPrice, type RunContext } from '../../src/engine/context';
import { createOracleStage } from '../../src/engine/stages/oracles';

const liquidate = createLiquidationStage();
const updateOracles = createOracleStage();
import { checkLedger } from '../../src/engine/ledger-check';
import { idx, labContext, type LabOptions } from '../helpers/lab';

/** A lab context whose single cohort (1 COL against `debt` USD) sits at the given COL price. */
function withPosition(debt: number, price: number, o: LabOptions = {}): RunContext {
  const ctx = labContext(
    o,
    (raw) => (raw.protocols[1].markets[0].cohorts = [{ collateralAmount: '1', debtAmount: String(debt) }]),
  );
  const a = idx(ctx, 'assets', 'COL');
  ctx.s.assets.fundamental[a] = price;
  setPrice(ctx, a);
  ctx.ledger.revalueAsset(a, 'price', ctx.ledger.asset(a));
  ctx.t = 1;
  ctx.timeSec = 12;
  updateOracles(ctx);
  return ctx;
}

const cohort = (ctx: RunContext) => ({
  collateral: ctx.s.cohorts.collateral[0]!,
  debt: ctx.s.cohorts.debt[0]!,
});

describe('liquidations', () => {
  it('leave healthy positions alone (HF exactly 1 is not liquidatable)', () => {
    const ctx = withPosition(85, 100); // HF = 100 x 0.85 / 85 = 1
    expect(healthFactor(ctx, 0)).toBe(1);
    liquidate(ctx);
    expect(cohort(ctx)).toEqual({ collateral: 1, debt: 85 });
  });

  it('repay the close factor with the bonus while HF >= fullLiquidationHf', () => {
    const ctx = withPosition(85 / 0.97, 100); // HF 0.97
    liquidate(ctx);
    const repay = (0.5 * 85) / 0.97;
    expect(cohort(ctx).debt).toBeCloseTo(85 / 0.97 - repay, 10);
    expect(cohort(ctx).collateral).toBeCloseTo(1 - (repay * 1.05) / 100, 12);
    // The lender gets the repaid dollars back into its reserves.
    const P = ctx.s.protocols;
    const lenderUsd = P.holdStart[idx(ctx, 'protocols', 'lender')]!;
    expect(P.holdAsset[lenderUsd]).toBe(idx(ctx, 'assets', 'USD'));
    expect(P.holdAmount[lenderUsd]).toBeCloseTo(1000 + repay, 10);
    expect(ctx.stats.liquidatedUsd[idx(ctx, 'protocols', 'lender')]).toBeCloseTo(repay, 10);
    expect(ctx.stats.badDebtUsd[idx(ctx, 'protocols', 'lender')]).toBe(0);
  });

  it('repay everything below fullLiquidationHf, capped by the collateral at the bonus; the rest is bad debt', () => {
    const ctx = withPosition(100, 100); // HF 0.85
    liquidate(ctx);
    const repay = 100 / 1.05;
    expect(cohort(ctx)).toEqual({ collateral: 0, debt: 0 });
    expect(ctx.stats.badDebtUsd[idx(ctx, 'protocols', 'lender')]).toBeCloseTo(100 - repay, 10);
    ctx.ledger.flush();
    // The loan was worth its collateral (100); the lender got 95.24 back: the bonus of an underwater
    // position is the lender's loss, booked to the liquidation channel.
    const booked = ctx.ledger.events
      .rows(ctx.ledger.causeNames)
      .filter((e) => e.channel === 'liquidation')
      .reduce((t, e) => t + e.cents, 0);
    expect(booked).toBe(Math.round(repay * 100) - 100 * 100);
    expect(() => checkLedger(ctx)).not.toThrow();
  });

  it('are skipped when the seized collateral, after MEV losses, is not worth the repayment', () => {
    const ctx = withPosition(85 / 0.97, 100, { mevLoss: 0.05 }); // 1.05 x 0.95 < 1
    liquidate(ctx);
    expect(cohort(ctx).debt).toBeCloseTo(85 / 0.97, 10);
    expect(ctx.stats.unprofitableStepUsd).toBeGreaterThan(0);
    expect(ctx.stats.unprofitablePeakUsd).toBe(ctx.stats.unprofitableStepUsd);
  });

  it('act on oracle prices but profit at market prices: a stale oracle delays them', () => {
    const ctx = withPosition(80, 100, { oracleLatencySec: 120 });
    const a = idx(ctx, 'assets', 'COL');
    ctx.s.assets.fundamental[a] = 90; // HF on market 0.956, but the oracle still says 100
    setPrice(ctx, a);
    ctx.t = 2;
    ctx.timeSec = 24;
    updateOracles(ctx);
    liquidate(ctx);
    expect(cohort(ctx).debt).toBe(80);
  });

  it('stop at the keeper capacity per step', () => {
    const ctx = withPosition(85 / 0.97, 100, { keeperCapacity: '10' });
    liquidate(ctx);
    expect(cohort(ctx).debt).toBeCloseTo(85 / 0.97 - 10, 10);
    expect(ctx.stats.throttledStepUsd).toBeCloseTo((0.5 * 85) / 0.97 - 10, 10);
  });

  it('do nothing while a breaker pauses them, and count the debt held back', () => {
    const ctx = withPosition(100, 100);
    ctx.controls.pauseLiquidations[idx(ctx, 'protocols', 'lender')] = 1;
    liquidate(ctx);
    expect(cohort(ctx).debt).toBe(100);
    expect(ctx.heldBackUsd[idx(ctx, 'protocols', 'lender')]).toBe(100);
  });

  it('send seized collateral to market and buy the debt asset', () => {
    const ctx = withPosition(85 / 0.97, 100);
    liquidate(ctx);
    const repay = (0.5 * 85) / 0.97;
    expect(ctx.s.assets.flow[idx(ctx, 'assets', 'COL')]).toBeCloseTo(repay * 1.05, 8);
    expect(ctx.s.assets.flow[idx(ctx, 'assets', 'USD')]).toBeCloseTo(-repay, 8);
  });

  it('spread the sale over N steps under a twap breaker', () => {
    const ctx = withPosition(85 / 0.97, 100);
    ctx.controls.twapSteps[idx(ctx, 'protocols', 'lender')] = 4;
    liquidate(ctx);
    expect(ctx.s.assets.flow[idx(ctx, 'assets', 'COL')]).toBe(0);
    expect(ctx.twap).toHaveLength(1);
    expect(ctx.twap[0]!.stepsLeft).toBe(4);
  });

  it("count the bad debt of a market in the protocol's own token at par, as its loans are valued", () => {
    // The lender issues STB (pegged to USD, 1000 in supply) and lends it against 1 COL: 100 STB owed.
    const ctx = labContext({}, (raw) => {
      raw.assets.push({ id: 'STB', priceUsd: '1', peg: { target: 'USD', issuer: 'lender' } });
      raw.venues[0].liquidity.push({ asset: 'STB', depthUsd2pct: '1000000', resilienceHalfLifeSec: 60 });
      raw.oracles.push({
        id: 'stb',
        asset: 'STB',
        source: 'fixed',
        fixedPriceUsd: '1',
        heartbeatSec: 3600,
        deviation: 0,
        latencySec: 0,
      });
      raw.protocols[1].markets[0].debtOracle = 'stb';
      raw.protocols[1].issues = [{ asset: 'STB', supply: '1000' }];
      raw.protocols[1].externalLiabilitiesUsd = '0';
      raw.protocols[1].markets[0].debt = 'STB';
      raw.protocols[1].markets[0].cohorts = [{ collateralAmount: '1', debtAmount: '100' }];
    });
    const stb = idx(ctx, 'assets', 'STB');
    ctx.s.assets.impact[stb] = 0.88; // STB trades at 0.88
    setPrice(ctx, stb);
    ctx.ledger.revalueAsset(stb, 'price', ctx.ledger.asset(stb));
    ctx.t = 1;
    ctx.timeSec = 12;
    updateOracles(ctx); // the debt oracle is fixed at 1: HF = 100 x 0.85 / 100 = 0.85
    liquidate(ctx);
    const repay = 100 / 1.05; // all of the collateral goes at the bonus
    expect(cohort(ctx)).toEqual({ collateral: 0, debt: 0 });
    // 4.7619 STB that no collateral backs, owed at par (1 USD), not at the market's 0.88.
    const lender = idx(ctx, 'protocols', 'lender');
    expect(ctx.stats.badDebtUsd[lender]).toBeCloseTo(100 - repay, 10);
    expect(ctx.stats.badDebtUsdByMarket[idx(ctx, 'markets', 'lender/m')]).toBeCloseTo(100 - repay, 10);
    expect(ctx.stats.liquidatedUsd[lender]).toBeCloseTo(repay * 0.88, 10);
    expect(() => checkLedger(ctx)).not.toThrow();
  });
});
