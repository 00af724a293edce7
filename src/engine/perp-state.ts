// The state of the perp books (docs/model.md §15): each book's long and short cohorts, the positions its
// backstop vault took over, its mark and index, and what its liquidations did. Also the value of a
// protocol's perp account, the ledger component a venue's losses and a vault's takeovers are booked in.
import type { Network, PerpBook } from '../model/network';

export const LONG = 1;
export const SHORT = -1;

/** What one book's liquidations, funding and backstop did over the run, USD. */
export interface PerpBookStats {
  liquidatedUsd: number;
  bookLiquidatedUsd: number;
  backstopTakeoverUsd: number;
  insuranceFundUsedUsd: number;
  adlVolumeUsd: number;
  socializedLossUsd: number;
  badDebtUsd: number;
  fundingPaidByLongsUsd: number;
  /** Loans against the cohorts' positions (§15.7): USD drawn, the largest paper PnL a draw counted, the debt
   * repaid by closing accounts and the debt they could not repay. */
  borrowedUsd: number;
  pnlCountedUsd: number;
  loanRecoveredUsd: number;
  loanBadDebtUsd: number;
}

/** One perp book with its cohorts as columns. Prices are USD per base unit. */
export interface PerpBookState {
  id: string;
  /** The protocol that clears the book (its losses are booked to it). */
  venue: number;
  bookAsset: number;
  indexOracles: Int32Array;
  markBand: number;
  /** Funding parameters [interestPer8h, clampPer8h, capPerHour]; empty without funding. */
  funding: Float64Array;
  /** The backstop vault (a protocol index), or -1. */
  backstop: number;
  /** Notional of taken-over positions the vault closes into the book per step (0: it holds them). */
  unwindUsdPerStep: number;
  /** [asset, liability, maintenance asset, maintenance liability] weights of a book whose venue lends against
   * its cohorts (§15.7); empty otherwise. */
  lending: Float64Array;
  labels: (string | undefined)[];
  side: Int8Array;
  size: Float64Array;
  entry: Float64Array;
  margin: Float64Array;
  /** Maintenance margin as a share of notional, from the cohort's margin tier. */
  mmRate: Float64Array;
  /** Per cohort: USD it owes the venue for assets borrowed against its position (§15.7). */
  debt: Float64Array;
  /** The backstop's positions, [long, short]: size, entry and the cash it received or paid. */
  backstopSize: Float64Array;
  backstopEntry: Float64Array;
  backstopCash: Float64Array;
  /** Maintenance margin share of the backstop's positions (the book's first tier). */
  backstopMmRate: number;
  index: number;
  mark: number;
  stats: PerpBookStats;
}

export interface PerpState {
  books: PerpBookState[];
  /** Per protocol: what it lost on the books it clears (insurance fund paid out and bad debt), USD. */
  venueLoss: Float64Array;
  /** Per protocol: insurance fund paid out by its books so far, USD. */
  insuranceUsed: Float64Array;
  /** Per protocol: the books it clears or backs (indices into `books`), for its account value. */
  booksOf: number[][];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Maintenance margin share for a position of `notional`: half the initial margin at the tier's max leverage. */
export function maintenanceRate(book: PerpBook, notional: number): number {
  let lev = book.marginTiers[0]!.maxLeverage;
  for (const tier of book.marginTiers)
    if (notional >= tier.fromNotionalUsd.toNumber()) lev = tier.maxLeverage;
  return 1 / (2 * lev);
}

function emptyStats(): PerpBookStats {
  return {
    liquidatedUsd: 0,
    bookLiquidatedUsd: 0,
    backstopTakeoverUsd: 0,
    insuranceFundUsedUsd: 0,
    adlVolumeUsd: 0,
    socializedLossUsd: 0,
    badDebtUsd: 0,
    fundingPaidByLongsUsd: 0,
    borrowedUsd: 0,
    pnlCountedUsd: 0,
    loanRecoveredUsd: 0,
    loanBadDebtUsd: 0,
  };
}

/** The perp books of a network, in id order, with the protocol and asset indices given. */
export function buildPerpState(
  net: Network,
  protocolIndex: (id: string) => number,
  assetIndex: (id: string) => number,
  oracleIndex: (id: string) => number,
  initialPrice: Float64Array,
  protocolCount: number,
): PerpState {
  const defs = net.protocols
    .flatMap((p) => (p.perps ?? []).map((b) => ({ b, venue: protocolIndex(p.id) })))
    .sort((x, y) => cmp(x.b.id, y.b.id));
  const booksOf: number[][] = Array.from({ length: protocolCount }, () => []);
  const books = defs.map(({ b, venue }, i): PerpBookState => {
    const bookAsset = assetIndex(b.bookAsset);
    const backstop = b.backstop ? protocolIndex(b.backstop.vault) : -1;
    booksOf[venue]!.push(i);
    if (backstop >= 0) booksOf[backstop]!.push(i);
    const f = b.funding;
    return {
      id: b.id,
      venue,
      bookAsset,
      indexOracles: Int32Array.from(b.indexOracles, oracleIndex),
      markBand: b.markBand,
      funding: f ? Float64Array.of(f.interestPer8h, f.clampPer8h, f.capPerHour) : new Float64Array(0),
      backstop,
      unwindUsdPerStep: b.backstop?.unwindUsdPerStep?.toNumber() ?? 0,
      lending: b.lending
        ? Float64Array.of(
            b.lending.assetWeight,
            b.lending.liabilityWeight,
            b.lending.maintenanceAssetWeight ?? b.lending.assetWeight,
            b.lending.maintenanceLiabilityWeight ?? b.lending.liabilityWeight,
          )
        : new Float64Array(0),
      labels: b.cohorts.map((c) => c.label),
      side: Int8Array.from(b.cohorts, (c) => (c.side === 'long' ? LONG : SHORT)),
      size: Float64Array.from(b.cohorts, (c) => c.size.toNumber()),
      entry: Float64Array.from(b.cohorts, (c) => c.entryPriceUsd.toNumber()),
      margin: Float64Array.from(b.cohorts, (c) => c.marginUsd.toNumber()),
      mmRate: Float64Array.from(b.cohorts, (c) => maintenanceRate(b, c.positionNotionalUsd?.toNumber() ?? 0)),
      debt: new Float64Array(b.cohorts.length),
      backstopSize: new Float64Array(2),
      backstopEntry: new Float64Array(2),
      backstopCash: new Float64Array(2),
      backstopMmRate: maintenanceRate(b, 0),
      index: initialPrice[bookAsset]!,
      mark: initialPrice[bookAsset]!,
      stats: emptyStats(),
    };
  });
  return {
    books,
    venueLoss: new Float64Array(protocolCount),
    insuranceUsed: new Float64Array(protocolCount),
    booksOf,
  };
}

/** A copy to run from (every column and number copied; ids, labels and the index of books shared). */
export function copyPerpState(x: PerpState): PerpState {
  return {
    books: x.books.map((b) => ({
      ...b,
      side: b.side.slice(),
      size: b.size.slice(),
      entry: b.entry.slice(),
      margin: b.margin.slice(),
      debt: b.debt.slice(),
      backstopSize: b.backstopSize.slice(),
      backstopEntry: b.backstopEntry.slice(),
      backstopCash: b.backstopCash.slice(),
      stats: { ...b.stats },
    })),
    venueLoss: x.venueLoss.slice(),
    insuranceUsed: x.insuranceUsed.slice(),
    booksOf: x.booksOf,
  };
}

/** The backstop's account on one book at its mark: cash plus the positions' unrealised PnL. */
export function backstopValue(b: PerpBookState): number {
  let v = 0;
  for (let k = 0; k < 2; k++) {
    const side = k === 0 ? LONG : SHORT;
    v += b.backstopCash[k]! + side * b.backstopSize[k]! * (b.mark - b.backstopEntry[k]!);
  }
  return v;
}

/**
 * The venue's loans to a lending book's cohorts (§15.7): each at the smaller of its debt and the cohort's equity
 * at the mark (no less than 0), plus what closing accounts repaid.
 */
export function loansValue(b: PerpBookState): number {
  if (b.lending.length === 0) return 0;
  let v = b.stats.loanRecoveredUsd;
  for (let c = 0; c < b.debt.length; c++) {
    const d = b.debt[c]!;
    if (!(d > 0)) continue;
    const e = b.margin[c]! + b.side[c]! * b.size[c]! * (b.mark - b.entry[c]!);
    v += Math.min(d, Math.max(0, e));
  }
  return v;
}

/**
 * The perp account of protocol p: minus what it lost clearing its books, plus its backstop accounts and its
 * loans against the cohorts of the books it clears.
 */
export function perpAccountValue(x: PerpState, p: number): number {
  let v = -x.venueLoss[p]!;
  const own = x.booksOf[p]!;
  for (let i = 0; i < own.length; i++) {
    const b = x.books[own[i]!]!;
    if (b.backstop === p) v += backstopValue(b);
    if (b.venue === p) v += loansValue(b);
  }
  return v;
}
