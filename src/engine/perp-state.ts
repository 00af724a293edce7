// The state of the perp books (docs/model.md §15): each book's long and short cohorts, the positions its
// backstop vault took over, its mark and index, and what its liquidations did. Also the value of a
// protocol's perp account, the ledger component a venue's losses and a vault's takeovers are booked in.
import { mapFloat64, mapInt32, mapUint8 } from './typed-columns';
import type { Network, PerpBook, PerpCohort } from '../model/network';

export const LONG = 1;
export const SHORT = -1;

/** What one book's liquidations, funding and backstop did over the run, USD. */
export interface PerpBookStats {
  liquidatedUsd: number;
  bookLiquidatedUsd: number;
  backstopTakeoverUsd: number;
  insuranceFundUsedUsd: number;
  adlVolumeUsd: number;
  /** The part of adlVolumeUsd that closed the backstop sub-vault's own positions, at the mark. */
  backstopDeleveragedUsd: number;
  socializedLossUsd: number;
  badDebtUsd: number;
  fundingPaidByLongsUsd: number;
  /** What the book's sales (liquidations, the vault's unwinding) filled below the index, USD (buys: above). */
  bookDiscountUsd: number;
  /** Notional of the partial market orders of large positions (§15.7), at the mark; also in bookLiquidatedUsd. */
  partialOrderUsd: number;
  /** Notional of liquidation sales that filled against the vault's quotes, at the fill. */
  makerFilledUsd: number;
  /** The part of bookDiscountUsd the vault's quotes bought: its gain against the index at the fill. */
  makerDiscountUsd: number;
  /** Loans against the cohorts' positions (§15.8): USD drawn, the largest paper PnL a draw counted, the debt
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
   * its cohorts (§15.8); empty otherwise. */
  lending: Float64Array;
  labels: (string | undefined)[];
  side: Int8Array;
  size: Float64Array;
  entry: Float64Array;
  margin: Float64Array;
  /** Maintenance margin as a share of notional, from the cohort's margin tier. */
  mmRate: Float64Array;
  /** Per cohort: USD it owes the venue for assets borrowed against its position (§15.8). */
  debt: Float64Array;
  /** The backstop's positions, [long, short]: size, entry and the cash it received or paid. */
  backstopSize: Float64Array;
  backstopEntry: Float64Array;
  backstopCash: Float64Array;
  /** Maintenance margin share of the backstop's positions (the book's first tier). */
  backstopMmRate: number;
  /** Share of the book's depth that is the backstop vault's quotes (0: none). */
  makerShare: number;
  /** What the vault's quotes bought from liquidation sales, [long, short]: size, average entry, funding. */
  makerSize: Float64Array;
  makerEntry: Float64Array;
  makerCash: Float64Array;
  /** Share of a large position sent as its first market order (0: cohorts are sent whole). */
  partialShare: number;
  /** Seconds after a partial order during which the whole position is sent. */
  partialCooldown: number;
  /** Per cohort: 1 for the part of a cohort in positions above the threshold, liquidated in parts. */
  large: Uint8Array;
  /** Per cohort: seconds of cooldown left after its last partial order. */
  cooldownLeft: Float64Array;
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
  /** Per protocol: the capital of its liquidator sub-vault, USD (NaN: none, its free equity margins takeovers). */
  backstopCapital: Float64Array;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Maintenance margin share for a position of `notional`: half the initial margin at the tier's max leverage. */
export function maintenanceRate(book: PerpBook, notional: number): number {
  let lev = book.marginTiers[0]!.maxLeverage;
  for (const tier of book.marginTiers)
    if (notional >= tier.fromNotionalUsd.toNumber()) lev = tier.maxLeverage;
  return 1 / (2 * lev);
}

/** A book's statistics before its first step: every figure 0. */
export function emptyBookStats(): PerpBookStats {
  return {
    liquidatedUsd: 0,
    bookLiquidatedUsd: 0,
    backstopTakeoverUsd: 0,
    insuranceFundUsedUsd: 0,
    adlVolumeUsd: 0,
    backstopDeleveragedUsd: 0,
    socializedLossUsd: 0,
    badDebtUsd: 0,
    fundingPaidByLongsUsd: 0,
    bookDiscountUsd: 0,
    partialOrderUsd: 0,
    makerFilledUsd: 0,
    makerDiscountUsd: 0,
    borrowedUsd: 0,
    pnlCountedUsd: 0,
    loanRecoveredUsd: 0,
    loanBadDebtUsd: 0,
  };
}

/**
 * The cohorts of a book as the engine holds them. With partial liquidation, a cohort that is partly in positions
 * above the threshold is split in two with the same leverage and entry: its small part (kept in place) and its
 * large part (appended, labelled "(large)"), each with its share of the size and margin. A cohort that gives
 * positionNotionalUsd is all large above the threshold and all small at or below it.
 */
function bookCohorts(b: PerpBook): { c: PerpCohort; large: boolean; share: number }[] {
  const p = b.partialLiquidation;
  if (!p) return b.cohorts.map((c) => ({ c, large: false, share: 1 }));
  const above = p.aboveNotionalUsd.toNumber();
  const largeShare = (c: PerpCohort) =>
    c.positionNotionalUsd ? (c.positionNotionalUsd.toNumber() > above ? 1 : 0) : p.largeShare;
  const small = b.cohorts
    .map((c) => ({ c, large: false, share: 1 - largeShare(c) }))
    .filter((x) => x.share > 0);
  const large = b.cohorts.map((c) => ({ c, large: true, share: largeShare(c) })).filter((x) => x.share > 0);
  return [...small, ...large];
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
  const backstopCapital = new Float64Array(protocolCount).fill(NaN);
  const books = defs.map(({ b, venue }, i): PerpBookState => {
    const bookAsset = assetIndex(b.bookAsset);
    const backstop = b.backstop ? protocolIndex(b.backstop.vault) : -1;
    booksOf[venue]!.push(i);
    if (backstop >= 0) booksOf[backstop]!.push(i);
    const capital = b.backstop?.capitalUsd;
    if (backstop >= 0 && capital) backstopCapital[backstop] = capital.toNumber();
    const f = b.funding;
    const cohorts = bookCohorts(b);
    const part = (x: { share: number }, d: { toNumber(): number }) =>
      x.share === 1 ? d.toNumber() : x.share * d.toNumber();
    return {
      id: b.id,
      venue,
      bookAsset,
      indexOracles: mapInt32(b.indexOracles, oracleIndex),
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
      labels: cohorts.map(({ c, large }) => (large ? `${c.label ?? ''} (large)`.trim() : c.label)),
      side: Int8Array.from(cohorts, ({ c }) => (c.side === 'long' ? LONG : SHORT)),
      size: mapFloat64(cohorts, (x) => part(x, x.c.size)),
      entry: mapFloat64(cohorts, ({ c }) => c.entryPriceUsd.toNumber()),
      margin: mapFloat64(cohorts, (x) => part(x, x.c.marginUsd)),
      mmRate: mapFloat64(cohorts, ({ c }) => maintenanceRate(b, c.positionNotionalUsd?.toNumber() ?? 0)),
      large: mapUint8(cohorts, (x) => (x.large ? 1 : 0)),
      cooldownLeft: new Float64Array(cohorts.length),
      partialShare: b.partialLiquidation?.orderShare ?? 0,
      partialCooldown: b.partialLiquidation?.cooldownSeconds ?? 0,
      makerShare: b.backstop?.makerShare ?? 0,
      makerSize: new Float64Array(2),
      makerEntry: new Float64Array(2),
      makerCash: new Float64Array(2),
      debt: new Float64Array(cohorts.length),
      backstopSize: new Float64Array(2),
      backstopEntry: new Float64Array(2),
      backstopCash: new Float64Array(2),
      backstopMmRate: maintenanceRate(b, 0),
      index: initialPrice[bookAsset]!,
      mark: initialPrice[bookAsset]!,
      stats: emptyBookStats(),
    };
  });
  return {
    books,
    venueLoss: new Float64Array(protocolCount),
    insuranceUsed: new Float64Array(protocolCount),
    booksOf,
    backstopCapital,
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
      cooldownLeft: b.cooldownLeft.slice(),
      makerSize: b.makerSize.slice(),
      makerEntry: b.makerEntry.slice(),
      makerCash: b.makerCash.slice(),
      stats: { ...b.stats },
    })),
    venueLoss: x.venueLoss.slice(),
    insuranceUsed: x.insuranceUsed.slice(),
    booksOf: x.booksOf,
    backstopCapital: x.backstopCapital,
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

/** The account of the vault's quotes on one book at its mark: what they bought, at the mark, and its funding. */
export function makerValue(b: PerpBookState): number {
  let v = 0;
  for (let k = 0; k < 2; k++) {
    const side = k === 0 ? LONG : SHORT;
    v += b.makerCash[k]! + side * b.makerSize[k]! * (b.mark - b.makerEntry[k]!);
  }
  return v;
}

/**
 * The venue's loans to a lending book's cohorts (§15.8): each at the smaller of its debt and the cohort's equity
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
 * Equity of protocol p's liquidator sub-vault: its capital plus its accounts on the books it backs (NaN when p
 * has no sub-vault and its whole equity backs takeovers).
 */
export function subVaultEquity(x: PerpState, p: number): number {
  let v = x.backstopCapital[p]!;
  if (Number.isNaN(v)) return v;
  const own = x.booksOf[p]!;
  for (let i = 0; i < own.length; i++) {
    const b = x.books[own[i]!]!;
    if (b.backstop === p) v += backstopValue(b);
  }
  return v;
}

/**
 * The perp account of protocol p: minus what it lost clearing its books, plus its backstop accounts (the vault's
 * takeovers and its quotes) and its loans against the cohorts of the books it clears.
 */
export function perpAccountValue(x: PerpState, p: number): number {
  let v = -x.venueLoss[p]!;
  const own = x.booksOf[p]!;
  for (let i = 0; i < own.length; i++) {
    const b = x.books[own[i]!]!;
    if (b.backstop === p) v += backstopValue(b) + makerValue(b);
    if (b.venue === p) v += loansValue(b);
  }
  return v;
}
