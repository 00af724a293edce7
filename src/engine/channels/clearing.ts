// Stage 7: clearing (MODEL.md §3.7). Balance sheets at market prices; the insurance fund absorbs losses first;
// creditors' recoveries are the greatest clearing vector; claims are marked down by their debtor's recovery.
import { solveClearing, type ClearingProblem } from '../clearing-solver';
import { type RunContext, STATUS_HEALTHY, STATUS_INSOLVENT, STATUS_STRESSED } from '../context';
import { STRESS_ASSET_SHARE, STRESS_EQUITY_SHARE } from '../constants';
import type { Stage } from './stage';

/** The clearing problem of the current state (resources and liabilities in USD). */
export function clearingProblem(ctx: RunContext): ClearingProblem {
  const { s, ledger } = ctx;
  const P = s.protocols;
  const external = new Float64Array(P.n);
  const liabilities = new Float64Array(P.n);
  // Loans are read from the ledger (revalued whenever a price or a cohort changed), not recomputed.
  for (let p = 0; p < P.n; p++) {
    let e = P.otherAssets[p]! + P.insuranceFund[p]!;
    for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) e += ledger.holdingValue(h);
    for (const m of ledger.marketsBy[p]!) e += ledger.loanUsd[m]!;
    let l = P.externalLiabilities[p]! + P.claimsOn[p]!;
    for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++) l += ledger.issueValue(k);
    external[p] = e;
    liabilities[p] = l;
  }
  return {
    n: P.n,
    external,
    liabilities,
    claimStart: P.claimStart,
    claimDebtor: P.claimDebtor,
    claimAmount: P.claimAmount,
    mode: P.mode,
    lossGivenDefault: P.lossGivenDefault,
    costExternal: P.costExternal,
    costClaims: P.costClaims,
  };
}

export const clear: Stage = (ctx) => {
  const { s, ledger, stats } = ctx;
  const P = s.protocols;
  const solution = solveClearing(clearingProblem(ctx));
  const changed = new Uint8Array(P.n);
  for (let p = 0; p < P.n; p++) {
    if (solution.recovery[p] !== P.recovery[p]) changed[p] = 1;
    P.recovery[p] = solution.recovery[p]!;
  }
  for (let k = 0; k < P.claimDebtor.length; k++) {
    const j = P.claimDebtor[k]!;
    if (changed[j]) ledger.revalueClaim(k, 'counterparty', ledger.protocol(j));
  }
  // Status: stressed once losses pass the insurance fund or any debt went bad; insolvent when in default.
  for (let p = 0; p < P.n; p++) {
    const equity0 = ledger.initialEquityCents[p]! / 100;
    const loss = equity0 - ledger.equityCents[p]! / 100;
    let status = STATUS_HEALTHY;
    if (solution.defaulted[p]) status = STATUS_INSOLVENT;
    else if (
      stats.badDebtUsd[p]! > 0 ||
      loss - P.insuranceFund[p]! >
        Math.max(STRESS_EQUITY_SHARE * Math.max(0, equity0), STRESS_ASSET_SHARE * ctx.initialAssetsUsd[p]!)
    ) {
      status = STATUS_STRESSED;
    }
    stats.status[p] = status;
    if (status >= STATUS_STRESSED && stats.firstStressed[p] === -1) stats.firstStressed[p] = ctx.t;
    if (status === STATUS_INSOLVENT && stats.firstInsolvent[p] === -1) stats.firstInsolvent[p] = ctx.t;
  }
};
