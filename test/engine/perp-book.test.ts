// Perp book rules (docs/model.md §15), worked by hand: one 10x long cohort (100 ETH from 1000 USD, margin
// 10,000 USD, maintenance 2% as Hyperliquid's half of the initial margin at 25x,
// https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations) liquidated into a deep book, a thin
// book with the backstop taking over, the insurance fund paying the shortfall, and auto-deleveraging of a
// profitable short at the bankruptcy price once nothing else can take it.
import {
  adlQueue,
  type BookMarket,
  deleverageBackstop,
  fillPrice,
  fundingPerStep,
  liquidatableCohorts,
  liquidateCohort,
  markPrice,
  median,
  payFunding,
  tickCooldowns,
  unwindBackstop,
} from '../../src/engine/perp-book';
import { backstopValue, LONG, makerValue, SHORT, type PerpBookState } from '../../src/engine/perp-state';
import { type HandCohort, handBook } from '../helpers/perp-book-state';

type CohortDef = HandCohort;

/** The worked examples' book: maintenance 2%, `backstop` the vault's index (-1: none). */
const book = (mark: number, cohorts: CohortDef[], backstop = -1): PerpBookState =>
  handBook(mark, cohorts, 0.02, { backstop });

const long10x: CohortDef = { side: LONG, size: 100, entry: 1000, margin: 10_000 };
const short5x: CohortDef = { side: SHORT, size: 200, entry: 1000, margin: 40_000 };

function market(price: number, depth: number, insuranceLeft = 0, backstopFree = 0): BookMarket {
  return { price, depth, flowUsd: 0, insuranceLeft, backstopFree };
}

describe('mark, index and funding', () => {
  it('the index is the median of its oracles and the mark is clamped to the book within the band', () => {
    expect(median([1010, 990, 1000])).toBe(1000);
    expect(median([1000, 1010])).toBe(1005);
    expect(markPrice(1000, 1000, 0.01)).toBe(1000);
    // A book 5% below the index: the mark is the book plus 1%.
    expect(markPrice(1000, 950, 0.01)).toBeCloseTo(959.5, 9);
    expect(markPrice(1000, 1050, 0.01)).toBeCloseTo(1039.5, 9);
  });

  it('funding is the premium plus the clamped interest, an eighth per hour, capped, paid by longs to shorts', () => {
    // Hyperliquid's rule (interest 0.01% per 8 h, clamp 0.05%, cap 4% per hour): a book 0.1% above the index
    // gives F8 = 0.001 + clamp(0.0001 - 0.001, +-0.0005) = 0.0005, 0.0000625 per hour, 12 s = 1/300 h.
    const b = book(1000, [long10x, short5x]);
    b.funding = Float64Array.of(0.0001, 0.0005, 0.04);
    b.index = 1000;
    const rate = fundingPerStep(b, 1001, 12);
    expect(rate).toBeCloseTo(0.0000625 / 300, 15);
    payFunding(b, rate);
    // Longs pay rate x 100 ETH x 1000 = 0.0208333 USD; shorts get rate x 200 x 1000.
    expect(b.margin[0]).toBeCloseTo(10_000 - 0.0208333333, 8);
    expect(b.margin[1]).toBeCloseTo(40_000 + 0.0416666667, 8);
    expect(b.stats.fundingPaidByLongsUsd).toBeCloseTo(0.0208333333, 8);
    // A premium of 50% is capped at 4% per hour.
    expect(fundingPerStep(b, 1500, 3600)).toBe(0.04);
  });
});

describe('liquidation waterfall, worked by hand', () => {
  // Mark 910: equity 10,000 + 100 x (910 - 1000) = 1,000 < 2% x 91,000 = 1,820: liquidatable. Bankruptcy
  // price 1000 - 10,000 / 100 = 900.
  it('a deep book absorbs the cohort above bankruptcy: the trader keeps the rest, no bad debt', () => {
    const b = book(910, [long10x]);
    expect(liquidatableCohorts(b)).toEqual([0]);
    // Selling 91,000 USD into D = 9.1M: x = 0.01, fill = 910 (1 - e^-0.01) / 0.01 = 905.4651 >= 900.
    const m = market(910, 9_100_000);
    expect(fillPrice(m, 91_000)).toBeCloseTo(905.4651288, 6);
    const flows: number[] = [];
    expect(liquidateCohort(b, 0, m, (usd) => flows.push(usd))).toBe(0);
    expect(flows).toEqual([91_000]);
    expect(b.size[0]).toBe(0);
    expect(b.stats.bookLiquidatedUsd).toBeCloseTo(91_000, 6);
    expect(b.stats.liquidatedUsd).toBeCloseTo(91_000, 6);
    expect(b.stats.backstopTakeoverUsd).toBe(0);
    expect(b.stats.badDebtUsd).toBe(0);
    expect(b.stats.adlVolumeUsd).toBe(0);
  });

  it('a thin book would fill below bankruptcy: the backstop takes the cohort over at the mark', () => {
    const b = book(910, [long10x], 1);
    // D = 910,000: x = 0.1, fill = 910 (1 - e^-0.1) / 0.1 = 865.98 < 900.
    const m = market(910, 910_000, 0, 100_000);
    expect(fillPrice(m, 91_000)).toBeCloseTo(865.9794959, 6);
    expect(liquidateCohort(b, 0, m, () => undefined)).toBe(0);
    // The vault takes 100 ETH long at 910 with the 1,000 of equity left: its PnL is +1,000 at the mark.
    expect(b.backstopSize[0]).toBe(100);
    expect(b.backstopEntry[0]).toBe(910);
    expect(b.backstopCash[0]).toBeCloseTo(1000, 9);
    expect(backstopValue(b)).toBeCloseTo(1000, 9);
    // It needs 2% x 91,000 - 1,000 = 820 of its free equity.
    expect(m.backstopFree).toBeCloseTo(100_000 - 820, 9);
    expect(b.stats.backstopTakeoverUsd).toBeCloseTo(91_000, 6);
    expect(b.stats.badDebtUsd).toBe(0);
    // The mark then falls to 900: the vault's positions lose 100 x 10 = 1,000, its account is back to 0.
    b.mark = 900;
    expect(backstopValue(b)).toBeCloseTo(0, 9);
  });

  it('a backstop with too little free equity takes a share; the rest waits while its equity is positive', () => {
    const b = book(910, [long10x], 1);
    // Free equity 410 = half of the 820 needed: half the cohort is taken over.
    const m = market(910, 910_000, 0, 410);
    liquidateCohort(b, 0, m, () => undefined);
    expect(b.backstopSize[0]).toBeCloseTo(50, 9);
    expect(b.backstopCash[0]).toBeCloseTo(500, 9);
    expect(b.size[0]).toBeCloseTo(50, 9);
    expect(b.margin[0]).toBeCloseTo(5000, 9);
    expect(b.stats.adlVolumeUsd).toBe(0);
  });

  // Mark 890 (a gap through bankruptcy): equity 10,000 + 100 x (890 - 1000) = -1,000. The thin book
  // (D = 890,000, x = 0.1) fills at 890 (1 - e^-0.1) / 0.1 = 846.947, a shortfall of
  // -(10,000 + 100 x (846.947 - 1000)) = 5,305.30.
  it('with the backstop spent, an insurance fund that covers the shortfall pays it and the book takes the cohort', () => {
    const b = book(890, [long10x, short5x]);
    const m = market(890, 890_000, 10_000, 0);
    expect(liquidateCohort(b, 0, m, () => undefined)).toBe(0);
    expect(b.stats.insuranceFundUsedUsd).toBeCloseTo(5305.302052, 5);
    expect(m.insuranceLeft).toBeCloseTo(10_000 - 5305.302052, 5);
    expect(b.stats.bookLiquidatedUsd).toBeCloseTo(89_000, 6);
    expect(b.stats.adlVolumeUsd).toBe(0);
    expect(b.stats.badDebtUsd).toBe(0);
  });

  it('with backstop and insurance fund spent, ADL closes the profitable short at the bankruptcy price', () => {
    const b = book(890, [long10x, short5x], 1);
    const m = market(890, 890_000, 5000, 0);
    expect(adlQueue(b, SHORT)).toEqual([1]);
    expect(liquidateCohort(b, 0, m, () => undefined)).toBe(0);
    // 100 ETH of the short are closed at 900: ADL volume 90,000; the shorts get 100 x (900 - 890) = 1,000
    // less than at the mark, exactly the long's negative equity; the venue has no bad debt.
    expect(b.stats.adlVolumeUsd).toBeCloseTo(90_000, 6);
    expect(b.stats.socializedLossUsd).toBeCloseTo(1000, 6);
    expect(b.stats.badDebtUsd).toBe(0);
    expect(b.stats.insuranceFundUsedUsd).toBe(0);
    expect(b.size[0]).toBe(0);
    expect(b.size[1]).toBeCloseTo(100, 9);
    expect(b.margin[1]).toBeCloseTo(20_000, 9);
    expect(b.stats.bookLiquidatedUsd).toBe(0);
    expect(backstopValue(b)).toBe(0);
  });

  it('with no opposite position in profit, the negative equity is the venue bad debt', () => {
    const b = book(890, [long10x]);
    const m = market(890, 890_000, 0, 0);
    expect(liquidateCohort(b, 0, m, () => undefined)).toBeCloseTo(1000, 6);
    expect(b.stats.badDebtUsd).toBeCloseTo(1000, 6);
    expect(b.stats.adlVolumeUsd).toBe(0);
  });

  it('the backstop unwinds its positions into the book and realises its PnL at the fill', () => {
    const b = book(910, [], 1);
    b.backstopSize[0] = 100;
    b.backstopEntry[0] = 910;
    b.backstopCash[0] = 1000;
    b.unwindUsdPerStep = 45_500;
    // 50 ETH sold into D = 9.1M: x = 45,500 / 9.1M = 0.005, fill = 910 (1 - e^-0.005) / 0.005 = 907.7288;
    // cash 1,000 + 50 x (907.7288 - 910) = 886.4393.
    const m = market(910, 9_100_000);
    unwindBackstop(b, m, () => undefined);
    expect(b.backstopSize[0]).toBe(50);
    expect(b.backstopCash[0]).toBeCloseTo(886.4393466, 6);
    // The book's liquidity providers bought 50 ETH at 907.7288 against an index of 910: 113.5607.
    expect(b.stats.bookDiscountUsd).toBeCloseTo(113.5606534, 6);
  });

  it('the backstop does not unwind into a book that would fill it further from the book price than its margin', () => {
    const b = book(910, [], 1);
    b.backstopSize[0] = 100;
    b.backstopEntry[0] = 910;
    b.unwindUsdPerStep = 45_500;
    // D = 910,000: x = 0.05, the fill is 2.46% below the book, more than the 2% maintenance: it waits.
    const m = market(910, 910_000);
    const flows: number[] = [];
    unwindBackstop(b, m, (usd) => flows.push(usd));
    expect(flows).toEqual([]);
    expect(b.backstopSize[0]).toBe(100);
  });
});

describe('deleveraging the backstop sub-vault, worked by hand', () => {
  it("closes the sub-vault's long at the mark against the profitable shorts, highest index first", () => {
    // Mark 900. Short A: 60 ETH from 1000 with 6,000 of margin: equity 12,000, index (1000 / 900) x 54,000 /
    // 12,000 = 5. Short B: 200 ETH from 950 with 40,000: equity 50,000, index (950 / 900) x 180,000 / 50,000
    // = 3.8. Short C (from 850) is at a loss and is not deleveraged.
    const b = book(
      900,
      [
        { side: SHORT, size: 60, entry: 1000, margin: 6_000 },
        { side: SHORT, size: 200, entry: 950, margin: 40_000 },
        { side: SHORT, size: 50, entry: 850, margin: 10_000 },
      ],
      1,
    );
    b.backstopSize[0] = 100;
    b.backstopEntry[0] = 1000;
    b.backstopCash[0] = 2_000;
    deleverageBackstop(b);
    // A closes all 60, B 40 of its 200 (its margin falls to 32,000), C none.
    expect(Array.from(b.size)).toEqual([0, 160, 50]);
    expect(Array.from(b.margin)).toEqual([0, 32_000, 10_000]);
    // The vault realises 100 x (900 - 1000) = -10,000 at the mark: its account is still 2,000 - 10,000.
    expect(b.backstopSize[0]).toBe(0);
    expect(b.backstopCash[0]).toBe(-8_000);
    expect(backstopValue(b)).toBe(-8_000);
    expect(b.stats.adlVolumeUsd).toBe(90_000);
    expect(b.stats.backstopDeleveragedUsd).toBe(90_000);
    expect(b.stats.socializedLossUsd).toBe(0);
  });

  it('keeps what no profitable opposite cohort can take', () => {
    const b = book(900, [{ side: LONG, size: 10, entry: 1000, margin: 5_000 }], 1);
    b.backstopSize[1] = 30;
    b.backstopEntry[1] = 800;
    deleverageBackstop(b);
    expect(b.backstopSize[1]).toBe(30);
    expect(b.stats.adlVolumeUsd).toBe(0);
  });
});

// Hyperliquid sends only 20% of a position above 100,000 USDC as a market liquidation order; for 30 s after
// a block with a partial liquidation, its orders are for the whole position (Hyperliquid's announcement,
// https://tginsight.xyz/channel/hyperliquid_announcements/post/307; docs/model.md §15.7).
describe('partial liquidation of a large cohort and the vault quotes, worked by hand', () => {
  /** The 10x long, all in large positions, 20% orders and a 30 s cooldown; the vault quotes a quarter of depth. */
  function large(): PerpBookState {
    const b = book(910, [long10x], 1);
    b.large[0] = 1;
    b.partialShare = 0.2;
    b.partialCooldown = 30;
    b.makerShare = 0.25;
    return b;
  }

  it('sends 20 of the 100 ETH into a book of D = 910,000 at 900.96, and the vault quotes buy 5 ETH of it', () => {
    const b = large();
    const flows: number[] = [];
    // The whole cohort would fill at 865.98, below bankruptcy (900); 20 ETH fill at
    // 910 (1 - e^-0.02) / 0.02 = 900.960, above the slice's bankruptcy: 2,000 + 20 (900.96 - 1000) = 19.21 >= 0.
    expect(liquidateCohort(b, 0, market(910, 910_000, 0, 1e9), (g) => flows.push(g))).toBe(0);
    expect(flows).toEqual([18_200]);
    expect(b.size[0]).toBeCloseTo(80, 12);
    expect(b.margin[0]).toBeCloseTo(8_000, 9);
    expect(b.cooldownLeft[0]).toBe(30);
    expect(b.backstopSize[0]).toBe(0);
    expect(b.stats.partialOrderUsd).toBeCloseTo(18_200, 9);
    expect(b.stats.bookLiquidatedUsd).toBeCloseTo(18_200, 9);
    // Sold 9.04 under the index 910: 20 x 9.0396 = 180.79, of which the vault's quarter is 45.20.
    expect(b.stats.bookDiscountUsd).toBeCloseTo(180.7927, 3);
    expect(b.makerSize[0]).toBeCloseTo(5, 12);
    expect(b.makerEntry[0]).toBeCloseTo(900.9604, 3);
    expect(b.stats.makerFilledUsd).toBeCloseTo(4_504.8018, 3);
    expect(b.stats.makerDiscountUsd).toBeCloseTo(45.1982, 3);
    // The vault holds its 5 ETH: at a mark of 950 they are worth 5 x (950 - 900.96) = 245.20 more than paid.
    b.mark = 950;
    expect(makerValue(b)).toBeCloseTo(245.1982, 3);
    expect(backstopValue(b)).toBe(0);
  });

  it('in the cooldown the rest goes whole: 80 ETH into a book of D = 9.1M at 906.37', () => {
    const b = large();
    liquidateCohort(b, 0, market(910, 910_000, 0, 1e9), () => {});
    tickCooldowns(b, 12);
    expect(b.cooldownLeft[0]).toBe(18);
    // Still below maintenance (its margin ratio is unchanged), so it is liquidated whole:
    // 910 (1 - e^-0.008) / 0.008 = 906.370; equity 8,000 + 80 (906.37 - 1000) = 509.57 >= 0.
    liquidateCohort(b, 0, market(910, 9_100_000), () => {});
    expect(b.size[0]).toBe(0);
    expect(b.stats.partialOrderUsd).toBeCloseTo(18_200, 9);
    expect(b.stats.bookLiquidatedUsd).toBeCloseTo(18_200 + 72_800, 9);
    // The vault's quotes buy 20 more ETH at 906.37: 25 ETH at (5 x 900.96 + 20 x 906.37) / 25 = 905.29.
    expect(b.makerSize[0]).toBeCloseTo(25, 12);
    expect(b.makerEntry[0]).toBeCloseTo((4_504.8018 + 18_127.3937) / 25, 3);
    expect(b.stats.bookDiscountUsd).toBeCloseTo(180.7927 + 290.425, 3);
  });

  it('after the cooldown (three steps of 12 s) the next order is a partial one again', () => {
    const b = large();
    liquidateCohort(b, 0, market(910, 910_000, 0, 1e9), () => {});
    for (let i = 0; i < 3; i++) tickCooldowns(b, 12);
    expect(b.cooldownLeft[0]).toBe(0);
    liquidateCohort(b, 0, market(910, 9_100_000), () => {});
    // 20% of the 80 ETH left.
    expect(b.size[0]).toBeCloseTo(64, 12);
    expect(b.cooldownLeft[0]).toBe(30);
  });

  it('a slice the book fills below its bankruptcy sends the whole cohort down the waterfall', () => {
    const b = large();
    // D = 91,000: 20 ETH fill at 910 (1 - e^-0.2) / 0.2 = 824.78; 2,000 + 20 (824.78 - 1000) = -1,504.50 < 0.
    liquidateCohort(b, 0, market(910, 91_000, 0, 1e9), () => {});
    expect(b.stats.partialOrderUsd).toBe(0);
    expect(b.stats.backstopTakeoverUsd).toBeCloseTo(91_000, 9);
    expect(b.backstopSize[0]).toBe(100);
    expect(b.makerSize[0]).toBe(0);
  });

  it("the vault's own unwinding does not fill its quotes", () => {
    const b = large();
    b.backstopSize[0] = 50;
    b.backstopEntry[0] = 910;
    b.unwindUsdPerStep = 45_500;
    unwindBackstop(b, market(910, 9_100_000), () => {});
    expect(b.backstopSize[0]).toBe(0);
    expect(b.makerSize[0]).toBe(0);
    expect(b.stats.makerFilledUsd).toBe(0);
  });
});
