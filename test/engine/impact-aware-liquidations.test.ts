// Liquidators who count the price impact of their sale (liquidatorsCountImpact, docs/model.md §3.5): they
// repay only what the collateral, sold into the pool after the step's earlier sales, still pays for.
import { setPrice, type RunContext } from '../../src/engine/context';
import { createLiquidationStage } from '../../src/engine/stages/liquidations';
import { createOracleStage } from '../../src/engine/stages/oracles';
import { idx, labContext } from '../helpers/lab';

const liquidate = createLiquidationStage();
const updateOracles = createOracleStage();

// 100,000 COL at $100 against 8,762,886.60 USD: HF = 1e7 x 0.85 / 8,762,886.60 = 0.97, so the close factor
// (0.5) applies; bonus 5%, MEV loss 2%, COL depth $1M at 2% (D = 1e6 / -ln 0.98).
const DEBT = 8.5e6 / 0.97;
function position(countImpact: boolean, earlierSaleUsd = 0): RunContext {
  const ctx = labContext({ mevLoss: 0.02 }, (raw) => {
    raw.protocols[1].markets[0].cohorts = [{ collateralAmount: '100000', debtAmount: String(DEBT) }];
    if (countImpact) raw.protocols[1].liquidatorsCountImpact = true;
  });
  const a = idx(ctx, 'assets', 'COL');
  setPrice(ctx, a);
  ctx.t = 1;
  ctx.timeSec = 12;
  updateOracles(ctx);
  ctx.s.assets.flow[a] = earlierSaleUsd;
  return ctx;
}
const repaid = (ctx: RunContext) => DEBT - ctx.s.cohorts.debt[0]!;
const D = 1e6 / -Math.log(0.98);
const k = 1.05; // USD of collateral at market seized per dollar repaid: r_debt (1 + b) p / r_coll

describe('liquidators who count their price impact', () => {
  it('without the flag, repay the close factor whatever the pool', () => {
    const ctx = position(false);
    liquidate(ctx);
    expect(repaid(ctx)).toBeCloseTo(0.5 * DEBT, 4);
  });

  it('repay R = (2D / k)(1 - c / (k (1 - mev))): 2.657M of the 4.381M the close factor allows', () => {
    // (2 x 49,497,474.68 / 1.05) x (1 - 1 / 1.029) = 94,280,904.2 x 0.02818270 = 2,657,136
    const ctx = position(true);
    liquidate(ctx);
    const most = ((2 * D) / k) * (1 - 1 / (k * 0.98));
    expect(most).toBeCloseTo(2657136, -1);
    expect(repaid(ctx)).toBeCloseTo(most, 4);
    // At that size the sale's mean price (at least 1 - R k / 2D of the market price) just covers the repayment.
    expect(most * k * (1 - (most * k) / (2 * D)) * 0.98).toBeCloseTo(most, 4);
    expect(ctx.stats.unprofitableStepUsd).toBeCloseTo(0.5 * DEBT - most, 4);
  });

  it("count the step's earlier sales: after $1M sold, the pool pays for less", () => {
    // e0 = exp(-1e6 / D) = 0.98 ($1M is the 2% depth); R = (2D / k)(1 - 1 / (1.029 x 0.98)) = 94,280,904.2 x
    // 0.00834991 = 787,230
    const ctx = position(true, 1e6);
    liquidate(ctx);
    const e0 = Math.exp(-1e6 / D);
    expect(repaid(ctx)).toBeCloseTo(((2 * D) / k) * (1 - 1 / (k * 0.98 * e0)), 4);
    expect(repaid(ctx)).toBeCloseTo(787230, -1);
  });

  it('repay nothing once earlier sales took the pool below the break-even', () => {
    // 1 / (k x 0.98) = 0.97182: past a fall of exp(-q0 / D) below it, no liquidation pays.
    const ctx = position(true, 2e6);
    liquidate(ctx);
    expect(repaid(ctx)).toBe(0);
  });
});
