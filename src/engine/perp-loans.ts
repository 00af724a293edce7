// Loans against perp positions (docs/model.md §15.8): a venue that lends in the same account as it clears perps
// (Mango v3's cross-margin account) counts a cohort's position at the mark, weighted, as collateral. A scenario's
// borrow event draws assets from the venue's holdings up to that borrowing power; the perps stage closes an
// account whose collateral no longer covers its debt into the book, and what the sale's proceeds cannot repay is
// the venue's bad debt.
import { TIE_IS_DEFAULT } from './constants';
import { type BookMarket, fillPrice } from './perp-book';
import { LONG, type PerpBookState } from './perp-state';

const below = (x: number, limit: number) => (TIE_IS_DEFAULT ? x <= limit : x < limit);

/**
 * Cohort c's weighted collateral at the mark, M + s Q (w mark - E): w the asset weight for a long, the liability
 * weight for a short; the initial weights (what it may borrow) or, with `maintenance`, the maintenance ones
 * (what must cover its debt).
 */
export function weightedCollateral(b: PerpBookState, c: number, maintenance = false): number {
  const side = b.side[c]!;
  const w = b.lending[(maintenance ? 2 : 0) + (side === LONG ? 0 : 1)]!;
  return b.margin[c]! + side * b.size[c]! * (w * b.mark - b.entry[c]!);
}

/** What cohort c can still borrow at the mark: its weighted collateral less its debt (0 when negative). */
export function borrowingPower(b: PerpBookState, c: number): number {
  return Math.max(0, weightedCollateral(b, c) - b.debt[c]!);
}

/** Cohort c's unrealised PnL at the mark, s Q (mark - E). */
export function paperPnl(b: PerpBookState, c: number): number {
  return b.side[c]! * b.size[c]! * (b.mark - b.entry[c]!);
}

/** Records a draw of `usd` by cohort c: its debt, the book's borrowed total and the paper PnL the draw counted. */
export function recordDraw(b: PerpBookState, c: number, usd: number): void {
  if (!(usd > 0)) return;
  b.debt[c]! += usd;
  b.stats.borrowedUsd += usd;
  b.stats.pnlCountedUsd = Math.max(b.stats.pnlCountedUsd, paperPnl(b, c));
}

/** What closing the accounts of one step did: debt closed, and the part of it no equity repaid. */
export interface LoanCloseOut {
  closedUsd: number;
  badDebtUsd: number;
}

/**
 * Closes every indebted cohort whose collateral at the maintenance weights is below its debt, or whose equity is
 * below its maintenance margin (so the waterfall never sees a position that backs a loan): the whole position is
 * sold into the book at the average fill of §15.3 (`onFlow` gets the USD sold, negative when bought back), the
 * account's equity at that fill repays the debt up to the debt, and the rest is bad debt.
 */
export function closeUnderwaterLoans(
  b: PerpBookState,
  m: BookMarket,
  onFlow: (usd: number) => void,
): LoanCloseOut {
  const out: LoanCloseOut = { closedUsd: 0, badDebtUsd: 0 };
  if (b.lending.length === 0) return out;
  for (let c = 0; c < b.debt.length; c++) {
    const d = b.debt[c]!;
    if (!(d > 0)) continue;
    const e = b.margin[c]! + paperPnl(b, c);
    const maintenance = b.mmRate[c]! * b.size[c]! * b.mark;
    if (!below(weightedCollateral(b, c, true), d) && !below(e, maintenance)) continue;
    const side = b.side[c]!;
    const g = side * b.size[c]! * m.price;
    const fill = fillPrice(m, g);
    if (g !== 0) {
      m.flowUsd += g;
      onFlow(g);
    }
    const proceeds = b.margin[c]! + side * b.size[c]! * (fill - b.entry[c]!);
    const repaid = Math.min(d, Math.max(0, proceeds));
    b.stats.loanRecoveredUsd += repaid;
    b.stats.loanBadDebtUsd += d - repaid;
    out.closedUsd += d;
    out.badDebtUsd += d - repaid;
    b.debt[c] = 0;
    b.size[c] = 0;
    b.margin[c] = 0;
  }
  return out;
}
