// A protocol's books at its own marks (docs/model.md §16): the holdings it marks at an oracle and its markets'
// loans at the readings of the oracles they liquidate on, against the same at market prices; and the latent
// bad debt of its markets (underwater positions still open) at either set of prices.
import type { RunContext } from './context';

/** Prices of a market's collateral and debt: at market, or at the oracles the market reads. */
function marketPrices(ctx: RunContext, m: number, atOracles: boolean): { pc: number; pd: number } {
  const { s, ledger } = ctx;
  const M = s.markets;
  const reading = s.oracles.reading;
  const price = s.assets.price;
  const pc = atOracles ? reading[M.collateralOracle[m]!]! : price[M.collateral[m]!]!;
  // A loan in the protocol's own token is worth par on either view, as it is booked (§1.6).
  const pd = M.ownDebt[m]
    ? ledger.par(M.debt[m]!)
    : atOracles
      ? reading[M.debtOracle[m]!]!
      : price[M.debt[m]!]!;
  return { pc, pd };
}

/** A market's loans (each cohort at min(debt, collateral)) at market prices or at its oracles' readings. */
export function loansUsd(ctx: RunContext, m: number, atOracles: boolean): number {
  const { pc, pd } = marketPrices(ctx, m, atOracles);
  return ctx.ledger.loans.value(m, pc, pd);
}

/** A market's latent bad debt: debt above collateral of the positions still open, USD. */
export function latentBadDebtUsd(ctx: RunContext, m: number, atOracles: boolean): number {
  const { pc, pd } = marketPrices(ctx, m, atOracles);
  if (!(pd > 0)) return 0;
  const book = ctx.ledger.loans;
  return Math.max(0, pd * book.debt(m) - book.value(m, pc, pd));
}

/** Equity at the protocol's own marks minus equity at market prices, USD (positive: the market marks lower). */
export function ownMarkGapUsd(ctx: RunContext, p: number): number {
  const { s, ledger } = ctx;
  const P = s.protocols;
  const reading = s.oracles.reading;
  const price = s.assets.price;
  let gap = 0;
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) {
    const o = P.holdOracle[h]!;
    if (o >= 0) gap += P.holdAmount[h]! * (reading[o]! - price[P.holdAsset[h]!]!);
  }
  const markets = ledger.marketsBy[p]!;
  for (let i = 0; i < markets.length; i++) {
    const m = markets[i]!;
    gap += loansUsd(ctx, m, true) - loansUsd(ctx, m, false);
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
