// The rules of one perp book in one step (docs/model.md §15): the mark price, funding, and the liquidation
// waterfall (the book, the backstop vault, the insurance fund, auto-deleveraging), large positions sent to the
// book in parts, the vault's quotes buying a share of the sales, the deleveraging of a liquidator sub-vault's
// positions and the vault's unwinding. Pure arithmetic on a book's state and the market
// it trades in; the perps stage books what it changed.
import { TIE_IS_DEFAULT } from './constants';
import { impactFactor, MAX_LOG_IMPACT } from './impact-factor';
import { LONG, SHORT, type PerpBookState } from './perp-state';

/** The book's market this step, as the waterfall sees and changes it. */
export interface BookMarket {
  /** The book price at the start of the stage, USD per base unit. */
  price: number;
  /** Depth D (USD per unit of log price); 0 when flows do not move the price. */
  depth: number;
  /** Signed USD sold into the book so far this step, at the start-of-stage price (bought is negative). */
  flowUsd: number;
  /** Insurance fund the venue has left, USD. */
  insuranceLeft: number;
  /**
   * Equity of the backstop vault beyond the maintenance margin of its positions, USD (0 without one; Infinity
   * for a liquidator sub-vault, which takes over every cohort the book cannot absorb).
   */
  backstopFree: number;
}

/** Median of the readings (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const v = [...values].sort((x, y) => x - y);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** The mark: the index clamped to the book price within the band. */
export function markPrice(index: number, bookPrice: number, band: number): number {
  return Math.min(bookPrice * (1 + band), Math.max(bookPrice * (1 - band), index));
}

/**
 * Average fill price of selling `g` USD (at the start-of-stage price; negative: buying) into the book after
 * the flows already in it: the price moves as exp(-flow / D), so the fill is its mean over the trade.
 */
export function fillPrice(m: BookMarket, g: number): number {
  if (m.depth <= 0) return m.price;
  const start = m.price * impactFactor(m.flowUsd, m.depth);
  if (g === 0) return start;
  const x = g / m.depth;
  // A purchase beyond the bound of §3.6 meets no depth and fills at the price it found.
  if (x < -MAX_LOG_IMPACT) return start;
  return (start * -Math.expm1(-x)) / x;
}

/** Funding rate per hour at a book price, after the cap, as a share of notional (positive: longs pay shorts). */
export function fundingPerHour(b: PerpBookState, bookPrice: number): number {
  if (b.funding.length === 0 || !(b.index > 0)) return 0;
  const [interest, clamp, cap] = [b.funding[0]!, b.funding[1]!, b.funding[2]!];
  const premium = (bookPrice - b.index) / b.index;
  const per8h = premium + Math.min(clamp, Math.max(-clamp, interest - premium));
  return Math.min(cap, Math.max(-cap, per8h / 8));
}

/** Funding rate for one step, as a share of notional at the index (positive: longs pay shorts). */
export function fundingPerStep(b: PerpBookState, bookPrice: number, stepSeconds: number): number {
  return (fundingPerHour(b, bookPrice) * stepSeconds) / 3600;
}

/**
 * The funding-deviation signal of a book (docs/model.md §21): `|8 · F_hour - I|`, its funding rate per 8 hours
 * at a book price less its interest component; 0 without funding.
 */
export function fundingDeviation(b: PerpBookState, bookPrice: number): number {
  if (b.funding.length === 0 || !(b.index > 0)) return 0;
  return Math.abs(8 * fundingPerHour(b, bookPrice) - b.funding[0]!);
}

/** Pays one step of funding between the book's longs and shorts (cohorts and the backstop's positions). */
export function payFunding(b: PerpBookState, rate: number): void {
  if (rate === 0) return;
  for (let c = 0; c < b.size.length; c++) {
    const pay = rate * b.size[c]! * b.index;
    if (b.side[c] === LONG) {
      b.margin[c]! -= pay;
      b.stats.fundingPaidByLongsUsd += pay;
    } else b.margin[c]! += pay;
  }
  b.backstopCash[0]! -= rate * b.backstopSize[0]! * b.index;
  b.backstopCash[1]! += rate * b.backstopSize[1]! * b.index;
  b.makerCash[0]! -= rate * b.makerSize[0]! * b.index;
  b.makerCash[1]! += rate * b.makerSize[1]! * b.index;
}

/** Counts down the cooldowns of the partial orders of large positions by one step (§15.7). */
export function tickCooldowns(b: PerpBookState, stepSeconds: number): void {
  const left = b.cooldownLeft;
  for (let c = 0; c < left.length; c++) if (left[c]! > 0) left[c] = Math.max(0, left[c]! - stepSeconds);
}

/** Equity of cohort c at the mark. */
export function equityAtMark(b: PerpBookState, c: number): number {
  return b.margin[c]! + b.side[c]! * b.size[c]! * (b.mark - b.entry[c]!);
}

const below = (x: number, limit: number) => (TIE_IS_DEFAULT ? x <= limit : x < limit);

/** Cohorts whose equity at the mark is below maintenance, worst margin ratio first (ties by index). */
export function liquidatableCohorts(b: PerpBookState): number[] {
  const out: { c: number; ratio: number }[] = [];
  for (let c = 0; c < b.size.length; c++) {
    const notional = b.size[c]! * b.mark;
    if (!(notional > 0)) continue;
    const e = equityAtMark(b, c);
    if (below(e, b.mmRate[c]! * notional)) out.push({ c, ratio: e / notional });
  }
  return out.sort((x, y) => x.ratio - y.ratio || x.c - y.c).map((x) => x.c);
}

/**
 * Sells (or buys back) `units` of a position of `side` into book b; returns the average fill. What the fill is
 * below the index (above it for a buy) is what the book's liquidity providers gain against the external price.
 * A liquidation sale (`quotes`) fills the vault's share of the depth, `makerShare · units`, at the same average
 * fill: the vault takes the opposite position (it buys a long sold, sells to a short buying back) and holds it.
 */
function trade(
  b: PerpBookState,
  m: BookMarket,
  side: number,
  units: number,
  onFlow: (usd: number) => void,
  quotes: boolean,
): number {
  const g = side * units * m.price;
  const avg = fillPrice(m, g);
  m.flowUsd += g;
  const discount = side * units * (b.index - avg);
  b.stats.bookDiscountUsd += discount;
  if (quotes && b.makerShare > 0) {
    const u = b.makerShare * units;
    const k = side === LONG ? 0 : 1;
    const held = b.makerSize[k]!;
    b.makerEntry[k] = (held * b.makerEntry[k]! + u * avg) / (held + u);
    b.makerSize[k] = held + u;
    b.stats.makerFilledUsd += u * avg;
    b.stats.makerDiscountUsd += b.makerShare * discount;
  }
  onFlow(g);
  return avg;
}

/** Closes part `share` of cohort c (its size and margin fall in proportion). */
function shrink(b: PerpBookState, c: number, share: number): void {
  if (share >= 1) {
    b.size[c] = 0;
    b.margin[c] = 0;
    return;
  }
  b.size[c]! *= 1 - share;
  b.margin[c]! *= 1 - share;
}

/**
 * Liquidates cohort c by the waterfall of §15: the whole cohort into the book when its average fill is no
 * worse than the bankruptcy price; else the backstop takes over at the mark what its free equity margins;
 * the rest goes into the book with the insurance fund paying the shortfall, if it can pay all of it; else a
 * rest with negative equity is closed against the most profitable opposite cohorts at its bankruptcy price
 * (auto-deleveraging), and what no opposite position can take is the venue's bad debt, closed at the mark.
 * A rest with equity left that nothing can take waits for the next step. `onFlow` gets every USD sold into the
 * book (negative: bought). Returns the bad debt.
 */
export function liquidateCohort(
  b: PerpBookState,
  c: number,
  m: BookMarket,
  onFlow: (usd: number) => void,
): number {
  const side = b.side[c]!;
  const mk = b.mark;
  const st = b.stats;
  const entry = b.entry[c]!;
  // 0. A large position out of cooldown sends only its partial order, if the book fills it above bankruptcy.
  if (b.large[c] === 1 && b.partialShare < 1 && !(b.cooldownLeft[c]! > 0)) {
    const share = b.partialShare;
    const units = share * b.size[c]!;
    const fill = fillPrice(m, side * units * m.price);
    if (share * b.margin[c]! + side * units * (fill - entry) >= 0) {
      trade(b, m, side, units, onFlow, true);
      st.liquidatedUsd += units * mk;
      st.bookLiquidatedUsd += units * mk;
      st.partialOrderUsd += units * mk;
      shrink(b, c, share);
      b.cooldownLeft[c] = b.partialCooldown;
      return 0;
    }
  }
  // 1. The book, for the whole cohort.
  const full = b.size[c]!;
  if (b.margin[c]! + side * full * (fillPrice(m, side * full * m.price) - entry) >= 0) {
    trade(b, m, side, full, onFlow, true);
    st.liquidatedUsd += full * mk;
    st.bookLiquidatedUsd += full * mk;
    shrink(b, c, 1);
    return 0;
  }
  // 2. The backstop takes over at the mark what its free equity can margin.
  if (b.backstop >= 0 && m.backstopFree > 0) {
    const e = equityAtMark(b, c);
    const need = b.backstopMmRate * full * mk - e;
    const share = need > 0 ? Math.min(1, m.backstopFree / need) : 1;
    const units = share * full;
    const k = side === LONG ? 0 : 1;
    const held = b.backstopSize[k]!;
    b.backstopEntry[k] = (held * b.backstopEntry[k]! + units * mk) / (held + units);
    b.backstopSize[k] = held + units;
    b.backstopCash[k]! += share * e;
    m.backstopFree -= share * need;
    st.backstopTakeoverUsd += units * mk;
    st.liquidatedUsd += units * mk;
    shrink(b, c, share);
  }
  const rest = b.size[c]!;
  if (!(rest > 0)) return 0;
  const margin = b.margin[c]!;
  // 3. The rest into the book; the insurance fund pays the shortfall below bankruptcy if it can.
  const shortfall = -(margin + side * rest * (fillPrice(m, side * rest * m.price) - entry));
  if (shortfall <= 0 || shortfall <= m.insuranceLeft) {
    trade(b, m, side, rest, onFlow, true);
    if (shortfall > 0) {
      m.insuranceLeft -= shortfall;
      st.insuranceFundUsedUsd += shortfall;
    }
    st.liquidatedUsd += rest * mk;
    st.bookLiquidatedUsd += rest * mk;
    shrink(b, c, 1);
    return 0;
  }
  // 4. Auto-deleveraging, only for a rest whose equity at the mark is negative.
  if (margin + side * rest * (mk - entry) >= 0) return 0;
  const bankruptcy = entry - (side * margin) / rest;
  let left = rest;
  for (const o of adlQueue(b, -side)) {
    if (!(left > 0)) break;
    const units = Math.min(left, b.size[o]!);
    shrink(b, o, units / b.size[o]!);
    st.adlVolumeUsd += units * bankruptcy;
    st.socializedLossUsd += side * units * (bankruptcy - mk);
    st.liquidatedUsd += units * mk;
    left -= units;
  }
  // 5. What no opposite position took is bad debt: closed at the mark, the venue pays the negative equity.
  let badDebt = 0;
  if (left > 0) {
    const m2 = (margin * left) / rest;
    badDebt = -(m2 + side * left * (mk - entry));
    st.badDebtUsd += badDebt;
    st.liquidatedUsd += left * mk;
  }
  shrink(b, c, 1);
  return badDebt;
}

/**
 * Opposite cohorts of `side` in profit at the mark, in deleveraging order: highest (mark / entry) (inverted for
 * shorts) times leverage (notional over equity) first, ties by index.
 */
export function adlQueue(b: PerpBookState, side: number): number[] {
  const mk = b.mark;
  const out: { o: number; score: number }[] = [];
  for (let o = 0; o < b.size.length; o++) {
    if (b.side[o] !== side || !(b.size[o]! > 0)) continue;
    // A position that backs a loan of its venue (§15.8) is not deleveraged: its PnL is the loan's collateral.
    if (b.debt[o]! > 0) continue;
    const pnl = side * b.size[o]! * (mk - b.entry[o]!);
    const e = equityAtMark(b, o);
    if (!(pnl > 0) || !(e > 0)) continue;
    const ratio = side === SHORT ? b.entry[o]! / mk : mk / b.entry[o]!;
    out.push({ o, score: (ratio * b.size[o]! * mk) / e });
  }
  return out.sort((x, y) => y.score - x.score || x.o - y.o).map((x) => x.o);
}

/**
 * Auto-deleverages the backstop's own positions on this book, when its liquidator sub-vault's equity is
 * negative (docs/model.md §15.3): each side is closed at the mark against opposite cohorts in profit, in the
 * deleveraging order, as far as they reach. The vault realises them at the mark, so its loss stops growing
 * and nothing is socialised; the volume is the notional at the mark. What no opposite cohort takes stays.
 */
export function deleverageBackstop(b: PerpBookState): void {
  const mk = b.mark;
  const st = b.stats;
  for (let k = 0; k < 2; k++) {
    const held = b.backstopSize[k]!;
    if (!(held > 0)) continue;
    const side = k === 0 ? LONG : SHORT;
    let left = held;
    for (const o of adlQueue(b, -side)) {
      if (!(left > 0)) break;
      const units = Math.min(left, b.size[o]!);
      shrink(b, o, units / b.size[o]!);
      st.adlVolumeUsd += units * mk;
      st.backstopDeleveragedUsd += units * mk;
      left -= units;
    }
    const closed = held - left;
    b.backstopCash[k]! += side * closed * (mk - b.backstopEntry[k]!);
    b.backstopSize[k] = left > 0 ? left : 0;
  }
}

/**
 * The backstop closes up to `unwindUsdPerStep` of each side of its positions into the book, in a step whose
 * average fill stays within its maintenance rate of the book price (a vault does not pay more than the margin
 * it keeps to get out; in a book too thin for that it waits).
 */
export function unwindBackstop(b: PerpBookState, m: BookMarket, onFlow: (usd: number) => void): void {
  if (!(b.unwindUsdPerStep > 0) || !(m.price > 0)) return;
  for (let k = 0; k < 2; k++) {
    const held = b.backstopSize[k]!;
    if (!(held > 0)) continue;
    const side = k === 0 ? LONG : SHORT;
    const units = Math.min(held, b.unwindUsdPerStep / m.price);
    const fill = fillPrice(m, side * units * m.price);
    if (!(Math.abs(fill / m.price - 1) <= b.backstopMmRate)) continue;
    const avg = trade(b, m, side, units, onFlow, false);
    b.backstopCash[k]! += side * units * (avg - b.backstopEntry[k]!);
    b.backstopSize[k] = units === held ? 0 : held - units;
  }
}
