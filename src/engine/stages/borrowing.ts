// New borrowing (docs/model.md §20.6): a scenario's `borrow` events draw new debt against new collateral in a
// market, every step of their window, bounded by the caps and pauses the risk controllers set this step and by
// the lender's idle units of the debt asset. Booked `exogenous` from the event.
import { unhandled } from '../compile-scenario';
import type { CompiledEvent } from '../compile-scenario';
import type { RunContext } from '../context';
import type { Stage } from './stage';

type BorrowEvent = Extract<CompiledEvent, { type: 'borrow' }>;

/** The borrowing stage of a run, or undefined when the scenario has no `borrow` event. */
export function createBorrowingStage(ctx: RunContext): Stage | undefined {
  const borrows: [BorrowEvent, number][] = [];
  ctx.compiled.events.forEach((e, i) => {
    switch (e.type) {
      case 'borrow':
        borrows.push([e, i]);
        break;
      case 'price':
      case 'depth':
      case 'oracle-freeze':
      case 'oracle-stale':
      case 'oracle-manipulate':
      case 'exploit':
      case 'run':
      case 'sale':
      case 'buy':
      case 'perp-borrow':
      case 'chain':
      case 'bridge-exploit':
      case 'link':
        break;
      default:
        unhandled(e);
    }
  });
  if (borrows.length === 0) return undefined;
  return (run) => {
    for (const [e, i] of borrows) if (run.t >= e.from && run.t < e.until) borrow(run, e, i);
  };
}

/**
 * The share of a step's borrowing that can be filled: 1, or less where the market's borrow cap (on its total
 * debt), its supply cap (on its total collateral) or the lender's idle units stop it first.
 */
export function fillShare(
  debtPerStep: number,
  collateralPerStep: number,
  room: { debt: number; collateral: number; idle: number },
): number {
  let share = 1;
  if (debtPerStep > 0) share = Math.min(share, Math.max(0, room.debt) / debtPerStep, room.idle / debtPerStep);
  if (collateralPerStep > 0) share = Math.min(share, Math.max(0, room.collateral) / collateralPerStep);
  return Math.max(0, share);
}

function borrow(ctx: RunContext, e: BorrowEvent, i: number): void {
  const { s, ledger } = ctx;
  const M = s.markets;
  const C = s.cohorts;
  const P = s.protocols;
  const D = ctx.defences;
  const m = e.market;
  // A controller's pause of the market, or a breaker's `pause-borrowing` on its lender, stops it.
  if (D.pausedBy[m]! >= 0 || ctx.controls.pauseBorrowing[M.protocol[m]!]) return;
  let debt = 0;
  let collateral = 0;
  for (let c = M.cohortStart[m]!; c < M.cohortStart[m + 1]!; c++) {
    debt += C.debt[c]!;
    collateral += C.collateral[c]!;
  }
  if (!(collateral > 0)) return;
  const own = M.ownDebt[m] === 1;
  const h = M.debtHolding[m]!;
  // A market lending the protocol's own token mints it; any other lends out the lender's idle units.
  const idle = own ? Infinity : h >= 0 ? Math.max(0, P.holdAmount[h]!) : 0;
  const share = fillShare(e.debtPerStep, e.collateralPerStep, {
    debt: D.borrowCap[m]! - debt,
    collateral: D.supplyCap[m]! - collateral,
    idle,
  });
  if (share <= 0) return;
  const dy = share * e.debtPerStep;
  const dx = share * e.collateralPerStep;
  for (let c = M.cohortStart[m]!; c < M.cohortStart[m + 1]!; c++) {
    const w = C.collateral[c]! / collateral;
    C.debt[c]! += w * dy;
    C.collateral[c]! += w * dx;
  }
  const from = ledger.event(i);
  ledger.loans.touch(m);
  ledger.revalueMarket(m, 'exogenous', from);
  if (own) {
    P.issueSupply[M.debtIssue[m]!]! += dy;
    ledger.revalueIssue(M.debtIssue[m]!, 'exogenous', from);
  } else {
    P.holdAmount[h]! -= dy;
    ledger.revalueHolding(h, 'exogenous', from);
  }
}
