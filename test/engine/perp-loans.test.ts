// Loans against perp positions and buys named to a venue (docs/model.md §15.8, §22), worked by hand on a lab:
// TOK traded on venue A (2% depth 1,000 USD) and venue B (3,000), an oracle reading A, and a venue that clears a
// TOK perp book and lends USDC against it (assetWeight 0.8 and maintenance weight 0.9: Mango v3's weights for a
// market of 5x initial and 10x maintenance leverage, w = 1 - 1/leverage). One long cohort of 1,000 TOK from $1
// with $100 of margin borrows after a buy on A lifts the oracle; a sale on A takes it back.
import {
  borrowingPower,
  closeUnderwaterLoans,
  paperPnl,
  recordDraw,
  weightedCollateral,
} from '../../src/engine/perp-loans';
import type { BookMarket } from '../../src/engine/perp-book';
import { LONG, loansValue, type PerpBookState, SHORT } from '../../src/engine/perp-state';
import { simulate } from '../../src/engine/run';
import { handBook } from '../helpers/perp-book-state';
import { bookPrice, findBook } from '../../src/engine/venue-books';
import { renderRun } from '../../src/report/run-text';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { inputIssues } from '../helpers/input-issues';

/** D = depth at 2% / -ln(0.98) (docs/model.md §1.3). */
const DA = 1000 / -Math.log(0.98);
const BUY = 20_000;
/** Venue A after the buy: exp(BUY / D_A) = 1.4979 (§22). */
const M_A = Math.exp(BUY / DA);

function labRaw(o: { usdc?: string; lending?: boolean } = {}): Record<string, any> {
  return {
    format: 'contagion/network@1',
    name: 'lending-perp-lab',
    asOf: '2022-10-11',
    assets: [
      { id: 'TOK', priceUsd: '1', pricedPerVenue: true },
      { id: 'USDC', priceUsd: '1' },
    ],
    venues: [
      {
        id: 'A',
        kind: 'dex',
        liquidity: [{ asset: 'TOK', depthUsd2pct: '1000', resilienceHalfLifeSec: 1e9 }],
      },
      {
        id: 'B',
        kind: 'cex',
        liquidity: [{ asset: 'TOK', depthUsd2pct: '3000', resilienceHalfLifeSec: 1e9 }],
      },
    ],
    oracles: [
      {
        id: 'tok-a',
        asset: 'TOK',
        source: 'market',
        venues: ['A'],
        heartbeatSec: 3600,
        deviation: 0,
        latencySec: 0,
      },
    ],
    protocols: [
      {
        id: 'venue',
        kind: 'perp',
        holdings: [{ asset: 'USDC', amount: o.usdc ?? '500' }],
        externalLiabilitiesUsd: o.usdc ?? '500',
        perps: [
          {
            id: 'venue/tok-perp',
            bookAsset: 'TOK',
            indexOracles: ['tok-a'],
            markBand: 1,
            marginTiers: [{ fromNotionalUsd: '0', maxLeverage: 10 }],
            ...(o.lending === false ? {} : { lending: { assetWeight: 0.8, maintenanceAssetWeight: 0.9 } }),
            cohorts: [{ label: 'long', side: 'long', size: '1000', entryPriceUsd: '1', marginUsd: '100' }],
          },
        ],
      },
    ],
  };
}

interface Lab {
  usdc?: string;
  lending?: boolean;
  share?: number;
  /** Drop the sale that takes venue A back. */
  noSale?: boolean;
  borrowAssets?: string[];
}

function scenarioRaw(o: Lab, steps: number): Record<string, any> {
  return {
    format: 'contagion/scenario@1',
    name: 'buy on A, borrow, sale on A',
    stepSeconds: 60,
    horizonSteps: steps,
    events: [
      { type: 'buy', asset: 'TOK', venue: 'A', atStep: 0, usd: String(BUY) },
      {
        type: 'perp-borrow',
        book: 'venue/tok-perp',
        cohort: 'long',
        atStep: 2,
        assets: o.borrowAssets ?? ['USDC'],
        ...(o.share !== undefined ? { share: o.share } : {}),
      },
      ...(o.noSale ? [] : [{ type: 'sale', asset: 'TOK', venue: 'A', atStep: 3, usd: String(BUY) }]),
    ].filter((e) => e.atStep < steps),
  };
}

function run(o: Lab, steps: number) {
  const net = parseNetwork(labRaw(o), 'lab.json');
  const scenario = parseScenario(scenarioRaw(o, steps), 'lab-scenario.json', net);
  const { ctx, result } = simulate(net, scenario);
  const s = ctx.s;
  const a = s.names.assets.indexOf('TOK');
  const book = (v: string) =>
    bookPrice(s.venues, findBook(s.venues, a, v), s.assets.fundamental[a]!, s.assets.impact[a]!);
  const usdc = s.protocols.holdAmount[s.protocols.holdStart[0]!]!;
  return { ctx, result, book, usdc, perp: s.perps.books[0]!, venue: result.protocols[0]! };
}

/** The power the cohort has at mark M_A: 100 + 1000 (0.8 M_A - 1) = 298.31. */
const POWER = 100 + 1000 * (0.8 * M_A - 1);
/** Closing 1,000 TOK at price 1 into both venues' depth: x = 1000 / D, fill (1 - e^-x) / x; equity 97.48. */
const X = 1000 / (4000 / -Math.log(0.98));
const REPAID = 100 + 1000 * ((1 - Math.exp(-X)) / X - 1);

describe('a buy on a venue (docs/model.md §22)', () => {
  it('lifts that venue by exp(usd / D_A) and leaves the other; the market price is the depth-weighted mean', () => {
    const r = run({}, 1);
    expect(r.book('A')).toBeCloseTo(M_A, 6);
    expect(r.book('B')).toBe(1);
    expect(r.result.assets.find((x) => x.id === 'TOK')!.finalPriceUsd).toBeCloseTo(0.25 * M_A + 0.75, 6);
  });

  it('without a venue is spread by depth: both venues rise by exp(usd / (D_A + D_B))', () => {
    const net = parseNetwork(labRaw(), 'lab.json');
    const raw = scenarioRaw({}, 1);
    delete raw.events[0].venue;
    const { ctx } = simulate(net, parseScenario(raw, 's.json', net));
    const s = ctx.s;
    const a = s.names.assets.indexOf('TOK');
    const both = Math.exp(BUY / (4000 / -Math.log(0.98)));
    for (const v of ['A', 'B'])
      expect(bookPrice(s.venues, findBook(s.venues, a, v), 1, s.assets.impact[a]!)).toBeCloseTo(both, 9);
    expect(s.assets.price[a]).toBeCloseTo(both, 9);
  });

  it('the oracle reading A and the perp mark see it on the next step', () => {
    const r = run({}, 2);
    expect(r.ctx.s.oracles.reading[0]).toBeCloseTo(M_A, 6);
    expect(r.perp.mark).toBeCloseTo(M_A, 6);
  });
});

describe('borrowing against a perp position (docs/model.md §15.8)', () => {
  it('draws the weighted collateral at the last mark from the venue, which keeps its equity', () => {
    const r = run({ noSale: true }, 3);
    // 100 + 1000 (0.8 * 1.4979 - 1) = 298.31 of the 500 USDC leave the venue; the loan takes their place.
    expect(r.perp.debt[0]).toBeCloseTo(POWER, 4);
    expect(r.usdc).toBeCloseTo(500 - POWER, 4);
    expect(Number(r.perp.stats.pnlCountedUsd)).toBeCloseTo(1000 * (M_A - 1), 4);
    expect(Number(r.result.perps![0]!.loans!.pnlCountedUsd)).toBeCloseTo(1000 * (M_A - 1), 2);
    expect(Number(r.venue.lossUsd)).toBeCloseTo(0, 2);
    expect(Number(r.venue.badDebtUsd)).toBe(0);
    // The loan is among the venue's resources in the clearing: its depositors recover in full.
    expect(r.venue.status).toBe('healthy');
    expect(r.venue.recovery).toBe(1);
  });

  it('draws a share of the power, and no more than the venue holds', () => {
    expect(run({ noSale: true, share: 0.5 }, 3).perp.debt[0]).toBeCloseTo(POWER / 2, 4);
    const thin = run({ noSale: true, usdc: '120' }, 3);
    expect(thin.perp.debt[0]).toBeCloseTo(120, 6);
    expect(thin.usdc).toBe(0);
  });

  it('once the mark falls back the account is sold into the book; what the sale leaves repays, the rest is bad debt', () => {
    // At mark 1 the maintenance collateral is 100 + 1000 (0.9 - 1) = 0 < 298.31: closed. 1,000 TOK sold into
    // both venues (D = 4000 / 0.0202) fill at (1 - e^-x) / x, x = 1000 / D; the equity 100 + 1000 (fill - 1) repays.
    const r = run({}, 5);
    expect(r.perp.mark).toBeCloseTo(1, 6);
    expect(r.perp.debt[0]).toBe(0);
    expect(r.perp.size[0]).toBe(0);
    expect(Number(r.venue.badDebtUsd)).toBeCloseTo(POWER - REPAID, 2);
    expect(Number(r.result.perps![0]!.loans!.recoveredUsd)).toBeCloseTo(REPAID, 2);
    expect(Number(r.venue.lossUsd)).toBeCloseTo(POWER - REPAID, 2);
    expect(r.venue.status).toBe('insolvent');
  });

  it("records the close's sale into the book as a liquidation price cause from the venue", () => {
    const { ctx } = run({}, 5);
    const tok = ctx.s.names.assets.indexOf('TOK');
    const closes = ctx.stats.causes.filter((c) => c.step === 4 && c.asset === tok);
    expect(closes).toEqual([
      expect.objectContaining({ from: ctx.ledger.protocol(0), channel: 'liquidation' }),
    ]);
    expect(closes[0]!.usd).toBeCloseTo(1000, 3);
  });

  it('the run text lists the loans under the perp books', () => {
    const text = renderRun(run({}, 5).result);
    const at = text.indexOf('Loans against perp positions');
    expect(at).toBeGreaterThan(text.indexOf('Perp books'));
    expect(text.slice(at)).toMatch(/perp book\s*│\s*borrowed\s*│\s*PnL counted/);
    expect(text.slice(at)).toMatch(/venue\/tok-perp\s*│\s*\$298\.31\s*│/);
  });

  it('with 120 USDC to lend, 120 is drawn and what the sale leaves repays it in part', () => {
    const r = run({ usdc: '120' }, 5);
    expect(Number(r.venue.badDebtUsd)).toBeCloseTo(120 - REPAID, 2);
  });

  it('a larger buy lends more and loses more', () => {
    const small = Number(run({}, 5).venue.badDebtUsd);
    const net = parseNetwork(labRaw({ usdc: '5000' }), 'lab.json');
    const raw = scenarioRaw({}, 5);
    raw.events[0].usd = String(2 * BUY);
    raw.events[2].usd = String(2 * BUY);
    const { result } = simulate(net, parseScenario(raw, 's.json', net));
    // 100 + 1000 (0.8 exp(2 BUY / D_A) - 1) - REPAID = 797.45: the draw at the higher mark, less the same sale.
    expect(Number(result.protocols[0]!.badDebtUsd)).toBeCloseTo(
      100 + 1000 * (0.8 * M_A * M_A - 1) - REPAID,
      2,
    );
    expect(Number(result.protocols[0]!.badDebtUsd)).toBeGreaterThan(small);
  });
});

describe('the rules on a hand-built book', () => {
  /** A long (margin 100) and a short (margin 300), 1,000 units each from 1, maintenance 5%, lending at weights
   * 0.8 / 1.2 (borrowing) and 0.9 / 1.1 (maintenance). */
  const book = (mark: number): PerpBookState =>
    handBook(
      mark,
      [
        { side: LONG, size: 1000, entry: 1, margin: 100 },
        { side: SHORT, size: 1000, entry: 1, margin: 300 },
      ],
      0.05,
      { id: 'b', markBand: 1, lending: Float64Array.of(0.8, 1.2, 0.9, 1.1), labels: ['long', 'short'] },
    );

  let flows: number[] = [];
  const record = (usd: number) => flows.push(usd);
  beforeEach(() => (flows = []));
  /** A book without depth fills at its price (§15.3). */
  const noDepth = (price: number): BookMarket => ({
    price,
    depth: 0,
    flowUsd: 0,
    insuranceLeft: 0,
    backstopFree: 0,
  });

  it('sells a closed account into a thin book at the average fill of §15.3', () => {
    const b = book(1.5);
    recordDraw(b, 0, 300);
    b.mark = 1.3;
    // 1,300 USD into D = 13,000: fill 1.3 (1 - e^-0.1) / 0.1 = 1.23711; equity 100 + 1000 * 0.23711 = 337.11.
    const out = closeUnderwaterLoans(b, { ...noDepth(1.3), depth: 13_000 }, record);
    expect(out.badDebtUsd).toBe(0);
    const thin = book(1.5);
    recordDraw(thin, 0, 300);
    thin.mark = 1.3;
    // Into D = 1,300: fill 1.3 (1 - e^-1) = 0.82176, equity 100 - 178.24 < 0: all 300 is bad debt.
    expect(closeUnderwaterLoans(thin, { ...noDepth(1.3), depth: 1_300 }, record).badDebtUsd).toBeCloseTo(
      300,
      9,
    );
    expect(thin.stats.loanRecoveredUsd).toBe(0);
    expect(flows).toEqual([1300, 1300]);
  });

  it('weighs a long by the asset weight and a short by the liability weight', () => {
    const b = book(1.5);
    // Long: 100 + 1000 (0.8 * 1.5 - 1) = 300; at maintenance 100 + 1000 (0.9 * 1.5 - 1) = 450.
    expect(weightedCollateral(b, 0)).toBeCloseTo(300, 9);
    expect(weightedCollateral(b, 0, true)).toBeCloseTo(450, 9);
    expect(paperPnl(b, 0)).toBeCloseTo(500, 9);
    // Short at 0.5: 300 - 1000 (1.2 * 0.5 - 1) = 700.
    b.mark = 0.5;
    expect(weightedCollateral(b, 1)).toBeCloseTo(700, 9);
    expect(borrowingPower(b, 1)).toBeCloseTo(700, 9);
  });

  it('values a loan at the smaller of its debt and the equity, and closes it below maintenance collateral', () => {
    const b = book(1.5);
    recordDraw(b, 0, 300);
    expect(b.stats.pnlCountedUsd).toBeCloseTo(500, 9);
    expect(loansValue(b)).toBeCloseTo(300, 9);
    // At 1.3: equity 400 covers 300; maintenance collateral 100 + 1000 (1.17 - 1) = 270 < 300: closed, repaid.
    b.mark = 1.3;
    expect(closeUnderwaterLoans(b, noDepth(1.3), record)).toEqual({ closedUsd: 300, badDebtUsd: 0 });
    expect(flows).toEqual([1300]);
    expect(b.stats.loanRecoveredUsd).toBe(300);
    expect(loansValue(b)).toBe(300);
    // Drawn again at 1.5 by a fresh book and closed at 1.1: equity 200 repays 200, 100 is bad debt.
    const c = book(1.5);
    recordDraw(c, 0, 300);
    c.mark = 1.1;
    expect(loansValue(c)).toBeCloseTo(200, 9);
    const out = closeUnderwaterLoans(c, noDepth(1.1), record);
    expect(out.closedUsd).toBe(300);
    expect(out.badDebtUsd).toBeCloseTo(100, 9);
    expect(loansValue(c)).toBeCloseTo(200, 9);
  });

  it('keeps an account whose maintenance collateral still covers its debt', () => {
    const b = book(1.5);
    recordDraw(b, 0, 300);
    b.mark = 1.45; // 100 + 1000 (0.9 * 1.45 - 1) = 405 >= 300
    expect(closeUnderwaterLoans(b, noDepth(1.45), record)).toEqual({ closedUsd: 0, badDebtUsd: 0 });
    expect(b.debt[0]).toBe(300);
  });
});

describe('validation of borrow events', () => {
  const reasons = inputIssues;

  it('names a book that does not lend, a cohort not there, and an asset the venue does not hold', () => {
    const plain = parseNetwork(labRaw({ lending: false }), 'n.json');
    expect(reasons(() => parseScenario(scenarioRaw({}, 5), 's.json', plain))).toEqual([
      expect.stringMatching(/events\[1\]\.book: perp book "venue\/tok-perp" does not lend/),
    ]);
    const net = parseNetwork(labRaw(), 'n.json');
    const raw = scenarioRaw({ borrowAssets: ['TOK'] }, 5);
    raw.events[1].cohort = 'nobody';
    expect(reasons(() => parseScenario(raw, 's.json', net))).toEqual([
      expect.stringMatching(
        /events\[1\]\.cohort: perp book "venue\/tok-perp" has no cohort labelled "nobody"/,
      ),
      expect.stringMatching(/events\[1\]\.assets\[0\]: "venue" holds no "TOK" to lend/),
    ]);
  });
});
