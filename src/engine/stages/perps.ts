// Stage 5b: perp books (docs/model.md §15). Each book's index and mark, one step of funding, the liquidation
// waterfall (book, backstop vault, insurance fund, auto-deleveraging; large positions in parts; the vault's
// quotes buying a share of the sales; first, a liquidator sub-vault past its capital is deleveraged) and the
// backstop's unwinding; the venue's losses and the vault's account are booked to their perp accounts; a lending
// venue's loans against its cohorts are revalued at the mark and the accounts they no longer cover sold into the
// book (§15.8).
import type { RunContext } from '../context';
import {
  type BookMarket,
  deleverageBackstop,
  fundingPerStep,
  liquidatableCohorts,
  liquidateCohort,
  markPrice,
  median,
  payFunding,
  tickCooldowns,
  unwindBackstop,
} from '../perp-book';
import { closeUnderwaterLoans, type LoanCloseOut } from '../perp-loans';
import { type PerpBookState, subVaultEquity } from '../perp-state';
import { addFlow } from './liquidations';
import type { Stage } from './stage';

/** The perp stage of a run, or undefined when the network has no perp book (the step is then as before). */
export function createPerpStage(ctx: RunContext): Stage | undefined {
  if (ctx.s.perps.books.length === 0) return undefined;
  const readings: number[] = [];
  return (run) => {
    const books = run.s.perps.books;
    for (let i = 0; i < books.length; i++) stepBook(run, books[i]!, readings);
  };
}

/**
 * Free equity of a backstop vault: its equity as booked less the maintenance margin of all its positions.
 * Unbounded for a vault with a liquidator sub-vault: it takes over whatever the book cannot absorb, even
 * undercollateralised, and its loss is stopped by deleveraging once it passes the sub-vault's capital.
 */
function backstopFree(ctx: RunContext, vault: number): number {
  const { perps } = ctx.s;
  if (!Number.isNaN(perps.backstopCapital[vault]!)) return Infinity;
  ctx.ledger.sync();
  let free = ctx.ledger.equityCents[vault]! / 100;
  for (const i of perps.booksOf[vault]!) {
    const b = perps.books[i]!;
    if (b.backstop !== vault) continue;
    const held = b.backstopSize[0]! + b.backstopSize[1]! + b.makerSize[0]! + b.makerSize[1]!;
    free -= b.backstopMmRate * held * b.mark;
  }
  return Math.max(0, free);
}

function stepBook(ctx: RunContext, b: PerpBookState, readings: number[]): void {
  const { s, ledger, stats } = ctx;
  const A = s.assets;
  const a = b.bookAsset;
  const v = b.venue;
  const cause = ledger.asset(a);
  const bookPrice = A.price[a]!;
  readings.length = 0;
  for (let k = 0; k < b.indexOracles.length; k++) readings.push(s.oracles.reading[b.indexOracles[k]!]!);
  b.index = median(readings);
  b.mark = markPrice(b.index, bookPrice, b.markBand);
  payFunding(b, fundingPerStep(b, bookPrice, s.stepSeconds));
  tickCooldowns(b, s.stepSeconds);
  // The vault's positions at the new mark, and its funding.
  if (b.backstop >= 0) ledger.revaluePerp(b.backstop, 'price', cause);
  // The venue's loans against its cohorts at the new mark (§15.8).
  if (b.lending.length > 0) ledger.revaluePerp(v, 'price', cause);

  const before = { ...b.stats };
  const paused = ctx.controls.pauseLiquidations[v];
  // A liquidator sub-vault whose equity is negative has its positions deleveraged first.
  if (!paused && b.backstop >= 0 && subVaultEquity(s.perps, b.backstop) < 0) deleverageBackstop(b);
  const m: BookMarket = {
    price: bookPrice,
    depth: A.depth[a]! * A.depthMultiplier[a]!,
    flowUsd: A.flow[a]!,
    insuranceLeft: Math.max(0, s.protocols.insuranceFund[v]! - s.perps.insuranceUsed[v]!),
    backstopFree: b.backstop >= 0 ? backstopFree(ctx, b.backstop) : 0,
  };
  let loans: LoanCloseOut | undefined;
  if (!paused) {
    const sell = (usd: number) => addFlow(ctx, ledger.protocol(v), a, usd);
    // Accounts whose loans their positions no longer cover are closed into the book first (§15.8).
    if (b.lending.length > 0) loans = closeUnderwaterLoans(b, m, sell);
    for (const c of liquidatableCohorts(b)) liquidateCohort(b, c, m, sell);
  }
  if (b.backstop >= 0) {
    const vault = ledger.protocol(b.backstop);
    unwindBackstop(b, m, (usd) => addFlow(ctx, vault, a, usd));
  }

  const st = b.stats;
  const insurance = st.insuranceFundUsedUsd - before.insuranceFundUsedUsd;
  const badDebt = st.badDebtUsd - before.badDebtUsd;
  const liquidated = st.liquidatedUsd - before.liquidatedUsd + (loans?.closedUsd ?? 0);
  s.perps.insuranceUsed[v]! += insurance;
  s.perps.venueLoss[v]! += insurance + badDebt;
  stats.badDebtUsd[v]! += badDebt + (loans?.badDebtUsd ?? 0);
  stats.liquidatedUsd[v]! += liquidated;
  const window = stats.liquidatedWindow;
  window[window.length - 1]![v]! += liquidated;
  ledger.revaluePerp(v, 'liquidation', cause);
  if (b.backstop >= 0) ledger.revaluePerp(b.backstop, 'liquidation', cause);
}
