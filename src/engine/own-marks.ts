// A protocol's books at its own marks (docs/model.md §16): the holdings it marks at an oracle and its markets'
// loans at the readings of the oracles they liquidate on, each reading taken no higher than what backs the
// asset, against the same at market prices; and the latent bad debt of its markets (underwater positions
// still open) at either set of prices.
import type { RunContext } from './context';
import { PEG_NONE } from './state';

/** Which prices a valuation reads: market prices, oracle readings, or the protocol's own marks. */
type View = 'market' | 'oracle' | 'own';

/**
 * What backs one unit of an asset: a base asset's fundamental (its market price without price impact), a
 * pegged asset's par at its issuer's recovery (without the bounds of its links and any closed-redemption
 * discount). A market price below it is a market discount, not a loss of backing.
 */
export function backedValue(ctx: RunContext, a: number): number {
  const { s, ledger } = ctx;
  const A = s.assets;
  if (A.pegTarget[a]! === PEG_NONE) return A.fundamental[a]!;
  return A.pegBasis[a]! * ledger.par(a) * s.protocols.recovery[A.pegIssuer[a]!]!;
}

/** An oracle's reading as a protocol's own mark: no higher than what backs the asset it reports. */
function ownMark(ctx: RunContext, o: number, a: number): number {
  return Math.min(ctx.s.oracles.reading[o]!, backedValue(ctx, a));
}

/** Prices of a market's collateral and debt in a view. */
function marketPrices(ctx: RunContext, m: number, view: View): { pc: number; pd: number } {
  const { s, ledger } = ctx;
  const M = s.markets;
  const reading = s.oracles.reading;
  const price = s.assets.price;
  const c = M.collateral[m]!;
  const d = M.debt[m]!;
  const pc =
    view === 'market'
      ? price[c]!
      : view === 'oracle'
        ? reading[M.collateralOracle[m]!]!
        : ownMark(ctx, M.collateralOracle[m]!, c);
  // A loan in the protocol's own token is worth par in every view, as it is booked (§1.6).
  const pd = M.ownDebt[m]
    ? ledger.par(d)
    : view === 'market'
      ? price[d]!
      : view === 'oracle'
        ? reading[M.debtOracle[m]!]!
        : ownMark(ctx, M.debtOracle[m]!, d);
  return { pc, pd };
}

/** A market's loans (each cohort at min(debt, collateral)) in a view. */
export function loansUsd(ctx: RunContext, m: number, view: View): number {
  const { pc, pd } = marketPrices(ctx, m, view);
  return ctx.ledger.loans.value(m, pc, pd);
}

/** A market's latent bad debt: debt above collateral of the positions still open, USD. */
export function latentBadDebtUsd(ctx: RunContext, m: number, atOracles: boolean): number {
  const { pc, pd } = marketPrices(ctx, m, atOracles ? 'oracle' : 'market');
  if (!(pd > 0)) return 0;
  const book = ctx.ledger.loans;
  return Math.max(0, pd * book.debt(m) - book.value(m, pc, pd));
}

/**
 * Equity at the protocol's own marks minus equity at market prices, USD (positive: the market marks lower
 * than the protocol's oracles do, and lower than what backs the asset).
 */
export function ownMarkGapUsd(ctx: RunContext, p: number): number {
  const { s, ledger } = ctx;
  const P = s.protocols;
  const price = s.assets.price;
  let gap = 0;
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) {
    const o = P.holdOracle[h]!;
    const a = P.holdAsset[h]!;
    if (o >= 0) gap += P.holdAmount[h]! * (ownMark(ctx, o, a) - price[a]!);
  }
  // The prices of marketPrices' 'own' and 'market' views, read here without making their pairs (this runs
  // for every market of every stressed protocol, every step).
  const M = s.markets;
  const markets = ledger.marketsBy[p]!;
  for (let i = 0; i < markets.length; i++) {
    const m = markets[i]!;
    const c = M.collateral[m]!;
    const d = M.debt[m]!;
    const ownPc = ownMark(ctx, M.collateralOracle[m]!, c);
    const marketPc = price[c]!;
    const parDebt = M.ownDebt[m] ? ledger.par(d) : NaN;
    const ownPd = M.ownDebt[m] ? parDebt : ownMark(ctx, M.debtOracle[m]!, d);
    const marketPd = M.ownDebt[m] ? parDebt : price[d]!;
    // At the same prices both views value the loans alike: the difference is 0 (nothing to look up).
    if (ownPc === marketPc && ownPd === marketPd) continue;
    gap += ledger.loans.value(m, ownPc, ownPd) - ledger.loans.value(m, marketPc, marketPd);
  }
  return gap;
}

/**
 * Paper loss: the part of the protocol's loss at market prices that its own marks do not see, i.e. the
 * growth of the gap between the two views since the run began, within the loss itself.
 */
export function paperLossUsd(ctx: RunContext, p: number): number {
  const { ledger } = ctx;
  const loss = (ledger.initialEquityCents[p]! - ledger.equityCents[p]!) / 100;
  const grown = ownMarkGapUsd(ctx, p) - ctx.stats.ownMarkGap0[p]!;
  return Math.min(Math.max(0, loss), Math.max(0, grown));
}

/** Records every protocol's gap between its own marks and the market at the start (oracles initialised). */
export function recordInitialOwnMarks(ctx: RunContext): void {
  for (let p = 0; p < ctx.s.protocols.n; p++) ctx.stats.ownMarkGap0[p] = ownMarkGapUsd(ctx, p);
}
