// The ledger's reconciliation, in decimal.js: each protocol's booked events sum to its equity change, and
// every component booked equals the component revalued from the final state.
import { Dec, ZERO } from '../model/decimal';
import { InternalError, UsageError } from '../model/errors';
import { CENTS } from './constants';
import type { RunContext } from './context';
import { perpAccountValue } from './perp-state';

const cents = (x: number) => new Dec(x).div(CENTS);

/**
 * Throws InternalError naming the protocol and the difference when the ledger does not reconcile, or a
 * UsageError naming the protocol when its amounts outgrew exact cents (an input problem, exit code 2).
 */
export function checkLedger(ctx: RunContext): void {
  const { s, ledger } = ctx;
  const P = s.protocols;
  // Whole cents add up exactly in floats while every partial sum stays below 2^53; a protocol whose sums
  // go beyond that is summed again in decimal.js.
  const sums = new Float64Array(P.n);
  const unsafe = new Uint8Array(P.n);
  const ev = ledger.events;
  // Without rows (a summary-only run), each step's rows were folded into exact per-protocol sums.
  if (!ledger.keepRows) sums.set(ledger.bookedCents);
  for (let i = 0; i < ev.length; i++) {
    const p = ev.to.data[i]!;
    sums[p]! += ev.cents.data[i]!;
    if (
      Math.abs(sums[p]!) >= Number.MAX_SAFE_INTEGER ||
      Math.abs(ev.cents.data[i]!) >= Number.MAX_SAFE_INTEGER
    )
      unsafe[p] = 1;
  }
  /** The booked sum of p in decimal.js: the float sum where it is exact, summed again otherwise. */
  const booked = (p: number) => {
    if (!unsafe[p]) return ZERO.add(sums[p]!);
    let sum = ZERO;
    for (let i = 0; i < ev.length; i++) if (ev.to.data[i] === p) sum = sum.add(ev.cents.data[i]!);
    return sum;
  };
  for (let p = 0; p < P.n; p++) {
    // Whole cents below 2^53 subtract exactly in floats: compare there, and in decimal.js otherwise.
    const end = ledger.equityCents[p]!;
    const start = ledger.initialEquityCents[p]!;
    const safe =
      !unsafe[p] &&
      Number.isInteger(end) &&
      Number.isInteger(start) &&
      Math.abs(end) < Number.MAX_SAFE_INTEGER / 2 &&
      Math.abs(start) < Number.MAX_SAFE_INTEGER / 2;
    const change = safe && sums[p] === end - start ? undefined : new Dec(end).sub(start);
    if (change && !booked(p).equals(change)) {
      const exact = Number.MAX_SAFE_INTEGER / 2;
      if (unsafe[p] || !(Math.abs(end) < exact) || !(Math.abs(start) < exact))
        throw new UsageError(
          `the run cannot be reconciled: the balance sheet of protocol "${s.names.protocols[p]}" reached ` +
            `${cents(Math.max(Math.abs(end), Math.abs(start))).toExponential(3)} USD, beyond the 2^52 cents (about ` +
            `45 trillion USD) the ledger carries exactly. The input behind it is that protocol in the network, ` +
            `with the convertibility links it converts through (a link without a capacity can mint without end ` +
            `at a price near zero): give those links a capacity, or smaller amounts`,
        );
      throw new InternalError(
        `ledger does not reconcile for protocol "${s.names.protocols[p]}": events sum to ${cents(booked(p).toNumber())} USD, ` +
          `equity changed by ${cents(change.toNumber())} USD (difference ${cents(booked(p).sub(change).toNumber())})`,
      );
    }
    const fromComponents = ledger.recomputeEquityCents(p);
    if (fromComponents !== ledger.equityCents[p]) {
      throw new InternalError(
        `ledger of protocol "${s.names.protocols[p]}" drifted from its components by ${cents(ledger.equityCents[p]! - fromComponents)} USD`,
      );
    }
  }
  // Every component as booked must equal its value in the final state: nothing changed without being booked.
  const stale = (what: string, bookedCents: number, value: number) => {
    const now = Math.round(value * CENTS);
    if (now !== bookedCents) {
      throw new InternalError(
        `ledger missed a change of ${what}: booked ${cents(bookedCents)} USD, state says ${cents(now)} USD`,
      );
    }
  };
  for (let h = 0; h < P.holdAmount.length; h++) {
    stale(
      `the holding of ${s.names.assets[P.holdAsset[h]!]} by "${s.names.protocols[ledger.holdOwner[h]!]}"`,
      ledger.holdCents[h]!,
      ledger.holdingValue(h),
    );
  }
  // The loan book is sorted again from the cohorts as they stand, so a cohort changed without being booked
  // (or without its market's book being touched) shows as a stale loan value.
  ledger.loans.touchAll();
  for (let m = 0; m < s.markets.n; m++)
    stale(`the loans of market "${s.names.markets[m]}"`, ledger.loanCents[m]!, ledger.loanValue(m));
  for (let k = 0; k < P.claimAmount.length; k++) {
    stale(
      `a claim of "${s.names.protocols[ledger.claimOwner[k]!]}"`,
      ledger.claimCents[k]!,
      ledger.claimValue(k),
    );
  }
  for (let k = 0; k < P.issueSupply.length; k++) {
    stale(
      `the ${s.names.assets[P.issueAsset[k]!]} issued by "${s.names.protocols[ledger.issueOwner[k]!]}"`,
      ledger.issueCents[k]!,
      ledger.issueValue(k),
    );
  }
  for (let p = 0; p < P.n; p++) {
    stale(`the other assets of "${s.names.protocols[p]}"`, ledger.otherCents[p]!, P.otherAssets[p]!);
    stale(
      `the external liabilities of "${s.names.protocols[p]}"`,
      ledger.extCents[p]!,
      P.externalLiabilities[p]!,
    );
    stale(
      `the perp account of "${s.names.protocols[p]}"`,
      ledger.perpCents[p]!,
      perpAccountValue(s.perps, p),
    );
  }
}
