// Liquidation auctions (docs/model.md §17): hand-computed Dutch (clip) and English (flip) auctions, run stage
// by stage on the lab network so that no price impact moves the figures.
import { dutchPrice } from '../../src/engine/auction-book';
import { setPrice, type RunContext } from '../../src/engine/context';
import { checkLedger } from '../../src/engine/ledger-check';
import { createAuctionStage } from '../../src/engine/stages/auctions';
import { createLiquidationStage } from '../../src/engine/stages/liquidations';
import { createOracleStage } from '../../src/engine/stages/oracles';
import { idx, labContext } from '../helpers/lab';

const liquidate = createLiquidationStage();
const updateOracles = createOracleStage();

/** A lab context whose one cohort (1 COL against `debt` USD, COL at 100) liquidates by `auction`. */
function withAuction(
  debt: number,
  auction: Record<string, unknown>,
  liquidationThreshold = 0.85,
): { ctx: RunContext; step: (t: number, colPrice?: number) => void } {
  const ctx = labContext({ liquidationThreshold }, (raw) => {
    const m = raw.protocols[1].markets[0];
    m.cohorts = [{ collateralAmount: '1', debtAmount: String(debt) }];
    m.loanToValue = Math.min(m.loanToValue, liquidationThreshold);
    m.auction = auction;
  });
  const auctions = createAuctionStage(ctx);
  const a = idx(ctx, 'assets', 'COL');
  const step = (t: number, colPrice?: number) => {
    ctx.t = t;
    ctx.timeSec = t * 12;
    ctx.ledger.beginStep(t, false);
    if (colPrice !== undefined) {
      ctx.s.assets.fundamental[a] = colPrice;
      setPrice(ctx, a);
      ctx.ledger.revalueAsset(a, 'price', ctx.ledger.asset(a));
    }
    updateOracles(ctx);
    liquidate(ctx);
    auctions(ctx);
    ctx.ledger.flush();
  };
  return { ctx, step };
}

const lender = (ctx: RunContext) => idx(ctx, 'protocols', 'lender');
const lenderUsd = (ctx: RunContext) => ctx.s.protocols.holdAmount[ctx.s.protocols.holdStart[lender(ctx)]!]!;
const market = (ctx: RunContext) => idx(ctx, 'markets', 'lender/m');

describe('Dutch auctions (clip)', () => {
  it('fall from buf x oracle price by the decay rule', () => {
    // abaci.sol StairstepExponentialDecrease: top x cut^floor(t / step); 130 x 0.99^6 after 600 s of 90 s steps.
    expect(dutchPrice(130, { shape: 'exponential', stepSec: 90, cut: 0.99 }, 600)).toBeCloseTo(
      130 * 0.941480149401,
      9,
    );
    // LinearDecrease: top x (1 - t / tau).
    expect(dutchPrice(120, { shape: 'linear', durationSec: 120 }, 36)).toBeCloseTo(84, 12);
    expect(dutchPrice(120, { shape: 'linear', durationSec: 120 }, 200)).toBe(0);
  });

  const linear = {
    kind: 'dutch',
    penalty: 0.1,
    startMultiplier: 1.2,
    decay: { shape: 'linear', durationSec: 120 },
  };

  it('are taken at the first step the price is below market; the rest of the collateral goes back', () => {
    // 1 COL against 80 USD at LT 0.7: HF 0.875. Top 1.2 x 100 = 120; prices 120, 108, 96 at 0, 12, 24 s.
    const { ctx, step } = withAuction(80, linear, 0.7);
    step(1);
    expect(ctx.s.cohorts.debt[0]).toBe(0);
    expect(ctx.s.auctions.size).toBe(1);
    expect(ctx.stats.auctions.started[market(ctx)]).toBe(1);
    step(2); // 108 > 100: not yet
    expect(ctx.s.auctions.size).toBe(1);
    expect(lenderUsd(ctx)).toBe(1000);
    step(3); // 96 < 100: the keeper pays the tab 88 for 88 / 96 COL; 1 - 0.916667 COL goes back.
    expect(ctx.s.auctions.size).toBe(0);
    expect(lenderUsd(ctx)).toBeCloseTo(1088, 9);
    const A = ctx.stats.auctions;
    expect(A.proceedsUsd[market(ctx)]).toBeCloseTo(88, 9);
    expect(A.shortfallUsd[market(ctx)]).toBe(0);
    expect(A.zeroBid[market(ctx)]).toBe(0);
    // The keeper's profit: 88 / 96 COL at 100, less 88 paid.
    expect(A.keeperProfitUsd[market(ctx)]).toBeCloseTo((88 / 96) * 100 - 88, 9);
    expect(ctx.stats.seizedUsdByAsset[idx(ctx, 'assets', 'COL')]).toBeCloseTo((88 / 96) * 100, 9);
    expect(ctx.stats.badDebtUsd[lender(ctx)]).toBe(0);
    expect(() => checkLedger(ctx)).not.toThrow();
  });

  it("record the take's sales against the lender, as the atomic liquidations do", () => {
    const { ctx, step } = withAuction(80, linear, 0.7);
    step(1);
    step(2);
    step(3); // the keeper takes 88 / 96 COL and buys 88 USD of debt
    const col = idx(ctx, 'assets', 'COL');
    const sellers = ctx.sellers.get(col);
    expect([...(sellers?.keys() ?? [])]).toEqual([ctx.ledger.protocol(lender(ctx))]);
    expect(sellers?.get(ctx.ledger.protocol(lender(ctx)))).toBeCloseTo((88 / 96) * 100, 9);
  });

  it('leave a shortfall, booked as bad debt, when the market falls under the auction price', () => {
    // 1 COL against 95 USD (HF 0.895): tab 104.5. At 24 s the auction asks 96 but COL is at 90; at 36 s it asks
    // 84: the keeper takes all the collateral for 84. Shortfall 95 - 84 = 11.
    const { ctx, step } = withAuction(95, linear);
    step(1);
    step(2);
    step(3, 90);
    expect(ctx.s.auctions.size).toBe(1);
    step(4);
    expect(ctx.s.auctions.size).toBe(0);
    const A = ctx.stats.auctions;
    expect(A.proceedsUsd[market(ctx)]).toBeCloseTo(84, 9);
    expect(A.shortfallUsd[market(ctx)]).toBeCloseTo(11, 9);
    expect(ctx.stats.badDebtUsd[lender(ctx)]).toBeCloseTo(11, 9);
    expect(A.keeperProfitUsd[market(ctx)]).toBeCloseTo(90 - 84, 9);
    expect(lenderUsd(ctx)).toBeCloseTo(1084, 9);
    expect(() => checkLedger(ctx)).not.toThrow();
  });

  it('restart from the oracle price once the price is below cusp x top', () => {
    // cusp 0.85: at 24 s the price 96 = 0.8 x 120 is below it, so the auction restarts from the oracle, which
    // now reads 90: top 1.2 x 90 = 108.
    const { ctx, step } = withAuction(95, { ...linear, resetBelow: 0.85 });
    step(1);
    step(2);
    step(3, 90);
    const a = ctx.s.auctions.open[0]!;
    expect(a.startSec).toBe(36);
    expect(a.top).toBeCloseTo(108, 12);
  });

  it('pay the keeper that starts one tip + chip x tab, out of the lender', () => {
    // Tab 88: the starter gets 2 + 1% x 88 = 2.88 USD from the lender's reserves; the take then pays 88.
    const { ctx, step } = withAuction(80, { ...linear, keeperRewardFlat: '2', keeperRewardShare: 0.01 }, 0.7);
    step(1);
    expect(lenderUsd(ctx)).toBeCloseTo(1000 - 2.88, 9);
    step(2);
    step(3);
    expect(lenderUsd(ctx)).toBeCloseTo(1000 - 2.88 + 88, 9);
    expect(ctx.stats.auctions.keeperProfitUsd[market(ctx)]).toBeCloseTo(2.88 + (88 / 96) * 100 - 88, 9);
    expect(() => checkLedger(ctx)).not.toThrow();
  });

  it('are taken at the price of the block the take lands in', () => {
    // With 12 s of inclusion delay, the take sent at 12 s lands at 24 s and pays 96 there (one step earlier
    // than without delay): the tab 88 buys 88 / 96 COL.
    const { ctx, step } = withAuction(80, linear, 0.7);
    ctx.chain.inclusionDelaySec = 12;
    step(1);
    step(2);
    expect(ctx.s.auctions.size).toBe(0);
    expect(ctx.stats.auctions.proceedsUsd[market(ctx)]).toBeCloseTo(88, 9);
    expect(ctx.stats.seizedUsdByAsset[idx(ctx, 'assets', 'COL')]).toBeCloseTo((88 / 96) * 100, 9);
  });

  it('respect the protocol-wide limit (Hole) over all its auction markets', () => {
    const { ctx, step } = withAuction(95, linear);
    ctx.s.protocols.auctionLimitUsd[lender(ctx)] = 20.9; // a fifth of the tab 104.5
    step(1);
    expect(ctx.s.auctions.open[0]!.debt).toBeCloseTo(19, 12);
    expect(ctx.s.cohorts.debt[0]).toBeCloseTo(76, 12);
  });

  it('wait while the limit on what is in auction (hole) is full', () => {
    const { ctx, step } = withAuction(95, { ...linear, maxInAuctionUsd: '52.25' });
    step(1); // room for half the tab: 52.25 / 1.1 = 47.5 of debt goes to auction
    expect(ctx.s.auctions.open[0]!.debt).toBeCloseTo(47.5, 12);
    expect(ctx.s.cohorts.debt[0]).toBeCloseTo(47.5, 12);
    expect(ctx.s.cohorts.collateral[0]).toBeCloseTo(0.5, 12);
    expect(ctx.stats.throttledStepUsd).toBeCloseTo(47.5, 12);
  });
});

describe('English auctions (flip)', () => {
  const flip = (keepers: number) => ({
    kind: 'english',
    penalty: 0.13,
    bidDurationSec: 24,
    auctionLengthSec: 600,
    minIncrement: 0.03,
    keepers,
  });

  it('go to a lone bidder for nothing: the whole debt is a shortfall', () => {
    // 1 COL at 100 against 90 USD (HF 0.944). One keeper bids the least the auction takes (0) at 12 s; no rival
    // comes, so the bid stands for ttl = 24 s and wins at 36 s.
    const { ctx, step } = withAuction(90, flip(1));
    step(1);
    const a = ctx.s.auctions.open[0]!;
    expect(a.hasBid).toBe(true);
    expect(a.bid).toBe(0);
    expect(a.lastBidSec).toBe(12);
    step(2);
    expect(ctx.s.auctions.size).toBe(1);
    step(3);
    expect(ctx.s.auctions.size).toBe(0);
    const A = ctx.stats.auctions;
    expect(A.zeroBid[market(ctx)]).toBe(1);
    expect(A.proceedsUsd[market(ctx)]).toBe(0);
    expect(A.shortfallUsd[market(ctx)]).toBeCloseTo(90, 9);
    expect(ctx.stats.badDebtUsd[lender(ctx)]).toBeCloseTo(90, 9);
    expect(A.keeperProfitUsd[market(ctx)]).toBeCloseTo(100, 9);
    expect(lenderUsd(ctx)).toBe(1000);
    expect(() => checkLedger(ctx)).not.toThrow();
  });

  it('are bid up to the lot value less one increment when rivals take part', () => {
    // Three keepers: after the zero bid, rivals bid up to 100 / 1.03 = 97.087 (below the tab 90 x 1.13 = 101.7).
    const { ctx, step } = withAuction(90, flip(3));
    step(1);
    expect(ctx.s.auctions.open[0]!.bid).toBeCloseTo(100 / 1.03, 9);
    step(2);
    step(3);
    const A = ctx.stats.auctions;
    expect(A.zeroBid[market(ctx)]).toBe(0);
    expect(A.proceedsUsd[market(ctx)]).toBeCloseTo(100 / 1.03, 9);
    expect(A.shortfallUsd[market(ctx)]).toBe(0);
    expect(A.keeperProfitUsd[market(ctx)]).toBeCloseTo(100 - 100 / 1.03, 9);
    expect(lenderUsd(ctx)).toBeCloseTo(1000 + 100 / 1.03, 9);
    expect(() => checkLedger(ctx)).not.toThrow();
  });

  it('past the tab, take less collateral (dent) and give the rest back', () => {
    // 80 USD at LT 0.7: tab 90.4 < 97.087, so the bid is the tab for 90.4 / 97.087 COL.
    const { ctx, step } = withAuction(80, flip(3), 0.7);
    step(1);
    const a = ctx.s.auctions.open[0]!;
    expect(a.bid).toBeCloseTo(90.4, 9);
    expect(a.bidLot).toBeCloseTo((90.4 * 1.03) / 100, 12);
    step(2);
    step(3);
    expect(lenderUsd(ctx)).toBeCloseTo(1090.4, 9);
    expect(ctx.stats.seizedUsdByAsset[idx(ctx, 'assets', 'COL')]).toBeCloseTo(90.4 * 1.03, 9);
  });

  it('stay at the zero bid when the inclusion delay is longer than the bid duration', () => {
    // Three keepers, but a rival's bid needs 30 s to land and the zero bid expires 24 s after it landed.
    const { ctx, step } = withAuction(90, flip(3));
    ctx.chain.inclusionDelaySec = 30;
    step(1);
    const a = ctx.s.auctions.open[0]!;
    expect(a.lastBidSec).toBe(42);
    expect(a.bid).toBe(0);
    for (let t = 2; t <= 5; t++) step(t);
    expect(ctx.s.auctions.size).toBe(1); // expires at 66 s
    step(6);
    expect(ctx.s.auctions.size).toBe(0);
    expect(ctx.stats.auctions.zeroBid[market(ctx)]).toBe(1);
    expect(ctx.stats.badDebtUsd[lender(ctx)]).toBeCloseTo(90, 9);
  });

  it('with 1.5 bidders on average, give a rival to half the auctions still at zero each step', () => {
    // 1 COL in 4 auctions of 0.25 COL. At 12 s two of them are bid up to 25 / 1.03 each, two stay at zero; at
    // 24 s one of those two gets a rival; the last stands at zero until its bid expires at 36 s.
    const { ctx, step } = withAuction(90, { ...flip(1.5), lotCollateral: '0.25' });
    step(1);
    expect(ctx.s.auctions.open.map((a) => [a.lots, a.bid])).toEqual([
      [2, 50 / 1.03],
      [2, 0],
    ]);
    step(2);
    expect(ctx.s.auctions.open.map((a) => [a.lots, a.bid])).toEqual([
      [2, 50 / 1.03],
      [1, 25 / 1.03],
      [1, 0],
    ]);
    step(3);
    step(4);
    const A = ctx.stats.auctions;
    expect(A.started[market(ctx)]).toBe(4);
    expect(A.closed[market(ctx)]).toBe(4);
    expect(A.zeroBid[market(ctx)]).toBe(1);
    expect(A.proceedsUsd[market(ctx)]).toBeCloseTo(75 / 1.03, 9);
    // Each contested auction covers its debt (22.5 < 24.27); the zero-bid one leaves its 22.5 unpaid.
    expect(A.shortfallUsd[market(ctx)]).toBeCloseTo(22.5, 9);
    expect(() => checkLedger(ctx)).not.toThrow();
  });

  it('restart when they end without a bid (no keeper)', () => {
    // tau 600 s from 12 s: restarted at 612 s (step 51) with a new end at 1212 s.
    const { ctx, step } = withAuction(90, flip(0));
    for (let t = 1; t <= 51; t++) step(t);
    const a = ctx.s.auctions.open[0]!;
    expect(a.hasBid).toBe(false);
    expect(a.endSec).toBe(1212);
    expect(ctx.stats.auctions.closed[market(ctx)]).toBe(0);
  });

  it('thin out with congestion: at level 3 three keepers are one bidder', () => {
    const { ctx, step } = withAuction(90, flip(3));
    ctx.chain.level = 3;
    step(1);
    expect(ctx.s.auctions.open[0]!.bid).toBe(0);
  });
});
