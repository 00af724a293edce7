// The clearing house's ledger (docs/model.md §25.5): every transfer of a resolution, in whole cents, with
// its cause, and the check that each party's booked transfers sum to what the waterfall says it gained.
import { InternalError } from '../../model/errors';
import type { WaterfallResult } from './waterfall';

export type ClearingCause =
  | 'variation-margin'
  | 'defaulter-margin'
  | 'defaulter-fund'
  | 'house-fund'
  | 'member-fund'
  | 'settlement'
  | 'socialized';

export const CLEARING_CAUSES: readonly ClearingCause[] = [
  'variation-margin',
  'defaulter-margin',
  'defaulter-fund',
  'house-fund',
  'member-fund',
  'settlement',
  'socialized',
];

/** Accounts: members 0..n-1, then the house's clearing account (n) and the house's own capital (n + 1). */
export interface Transfer {
  step: number;
  from: number;
  to: number;
  cents: bigint;
  cause: ClearingCause;
}

export interface LedgerInput {
  members: number;
  payable: readonly bigint[];
  receivable: readonly bigint[];
  defaulted: readonly boolean[];
  /** raisedByStep[d][k]: what defaulter d's margin raised at step k (settlement-asset margin at step 0). */
  raisedByStep: readonly (readonly bigint[])[];
  waterfall: WaterfallResult;
  /** The step the waterfall runs and the house settles: the last step of the sale. */
  settleStep: number;
}

/** Books a resolution: payers pay, defaulters' margin comes in as it is raised, the layers pay, the house settles. */
export function bookResolution(x: LedgerInput): Transfer[] {
  const house = x.members;
  const capital = x.members + 1;
  const out: Transfer[] = [];
  const book = (step: number, from: number, to: number, cents: bigint, cause: ClearingCause) => {
    if (cents !== 0n) out.push({ step, from, to, cents, cause });
  };
  for (let i = 0; i < x.members; i++)
    if (!x.defaulted[i]) book(0, i, house, x.payable[i]!, 'variation-margin');
  for (const d of x.waterfall.defaults) {
    // What the margin raised comes in step by step until what the defaulter owed is met.
    let left = d.margin;
    x.raisedByStep[d.member]!.forEach((r, k) => {
      const take = r < left ? r : left;
      left -= take;
      book(k, d.member, house, take, 'defaulter-margin');
    });
  }
  const t = x.settleStep;
  for (const d of x.waterfall.defaults) {
    book(t, d.member, house, d.ownFund, 'defaulter-fund');
    book(t, capital, house, d.skin, 'house-fund');
    d.memberFund.forEach((c, i) => book(t, i, house, c, 'member-fund'));
  }
  for (let i = 0; i < x.members; i++) book(t, house, i, x.receivable[i]!, 'settlement');
  for (let i = 0; i < x.members; i++) book(t, i, house, x.waterfall.haircut[i]!, 'socialized');
  return out;
}

/** Each account's net of booked transfers (in minus out). */
export function balances(accounts: number, transfers: readonly Transfer[]): bigint[] {
  const b = Array.from({ length: accounts }, () => 0n);
  for (const tr of transfers) {
    b[tr.from]! -= tr.cents;
    b[tr.to]! += tr.cents;
  }
  return b;
}

/**
 * Throws InternalError naming the account when its booked transfers do not sum to what the waterfall says
 * it gained: a survivor `receivable - payable - fund used - haircut`, a defaulter `-(margin + own fund)`,
 * the house's capital `-skin used`, the clearing account `-unallocated`; and when a default's layers do not
 * add up to what the defaulter owed.
 */
export function checkClearingLedger(
  x: LedgerInput,
  transfers: readonly Transfer[],
  names: readonly string[],
): void {
  const n = x.members;
  const w = x.waterfall;
  const expected = Array.from({ length: n + 2 }, () => 0n);
  for (let i = 0; i < n; i++)
    expected[i] = x.defaulted[i] ? 0n : x.receivable[i]! - x.payable[i]! - w.fundUsed[i]! - w.haircut[i]!;
  for (const d of w.defaults) {
    expected[d.member] = -(d.margin + d.ownFund);
    expected[n]! -= d.unallocated;
    const layers =
      d.margin +
      d.ownFund +
      d.skin +
      d.memberFund.reduce((s, c) => s + c, 0n) +
      d.haircut.reduce((s, c) => s + c, 0n) +
      d.unallocated;
    if (layers !== d.owed)
      throw new InternalError(
        `clearing ledger: the layers of ${names[d.member]}'s default sum to ${layers} cents, it owed ${d.owed}`,
      );
  }
  expected[n + 1] = -w.skinUsed;
  const booked = balances(n + 2, transfers);
  booked.forEach((b, i) => {
    if (b !== expected[i])
      throw new InternalError(
        `clearing ledger: ${names[i]} booked ${b} cents, the waterfall gives ${expected[i]} (difference ${b - expected[i]!})`,
      );
  });
}
