// Stage 7: clearing (docs/model.md §3.7). Balance sheets at market prices; the insurance fund absorbs losses first;
// creditors' recoveries are the greatest clearing vector; claims are marked down by their debtor's recovery.
import {
  claimsAtPar,
  holdersOf,
  isShort,
  solveClearing,
  type ClaimHolders,
  type ClearingProblem,
  type ClearingSolution,
} from '../clearing-solver';
import {
  type RunContext,
  STATUS_HEALTHY,
  STATUS_INSOLVENT,
  STATUS_PAPER_LOSS,
  STATUS_STRESSED,
} from '../context';
import { paperLossUsd } from '../own-marks';
import { perpAccountValue } from '../perp-state';
import { CENTS, STRESS_ASSET_SHARE, STRESS_EQUITY_SHARE } from '../constants';
import type { Stage } from './stage';

/**
 * The clearing problem of the current state (resources and liabilities in USD), in new arrays or, with
 * `into`, in the given ones.
 */
export function clearingProblem(
  ctx: RunContext,
  into?: {
    external: Float64Array;
    liabilities: Float64Array;
    holders?: ClaimHolders;
    claimsAtPar?: Float64Array;
  },
): ClearingProblem {
  const { s, ledger } = ctx;
  ledger.sync(); // loans are read as booked
  const P = s.protocols;
  const external = into?.external ?? new Float64Array(P.n);
  const liabilities = into?.liabilities ?? new Float64Array(P.n);
  // Loans are read from the ledger (revalued whenever a price or a cohort changed), not recomputed.
  // Holdings are valued as ledger.holdingValue does, with its arrays held in locals.
  const price = s.assets.price;
  const { holdStart, holdAmount, holdAsset, issueStart } = P;
  const { loanUsd, marketStart, marketList } = ledger;
  for (let p = 0; p < P.n; p++) {
    let e = P.otherAssets[p]! + P.insuranceFund[p]!;
    for (let h = holdStart[p]!; h < holdStart[p + 1]!; h++) e += holdAmount[h]! * price[holdAsset[h]!]!;
    for (let i = marketStart[p]!; i < marketStart[p + 1]!; i++) e += loanUsd[marketList[i]!]!;
    // The perp account (§15.4): a venue's losses on its books, a backstop vault's positions and quotes, a lending
    // venue's loans against its cohorts (§15.8), as the ledger books them into equity.
    if (s.perps.booksOf[p]!.length > 0) e += perpAccountValue(s.perps, p);
    let l = P.externalLiabilities[p]! + P.claimsOn[p]!;
    for (let k = issueStart[p]!; k < issueStart[p + 1]!; k++) l += ledger.issueValue(k);
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
    // Solvency in whole cents, as the ledger books equity: exact ties of decimal amounts are ties.
    solvencyUnitsPerUsd: CENTS,
    holders: into?.holders,
    claimsAtPar: into?.claimsAtPar,
  };
}

interface ClearingScratch {
  external: Float64Array;
  liabilities: Float64Array;
  changed: Uint8Array;
  recovery: Float64Array;
  defaulted: Uint8Array;
  stressedBefore: Uint8Array;
  /** Issuers of pegged assets, in index order: the protocols whose reserve cover a closed redemption reads. */
  issuers: number[];
  /** The network's claims grouped by debtor (fixed for the run): the solver's rescans of a default round. */
  holders: ClaimHolders;
  /** Each protocol's claims at full recovery (claim amounts are fixed for the run): the solver's first round. */
  claimsAtPar: Float64Array;
}

/**
 * Whether some node's external resources fall short of its liabilities. When none does, nobody defaults and
 * every recovery is 1: the greatest clearing vector without solving.
 */
function anyShort(p: ClearingProblem): boolean {
  for (let i = 0; i < p.n; i++) {
    if (p.liabilities[i]! > 0 && isShort(p.external[i]!, p.liabilities[i]!, p.solvencyUnitsPerUsd))
      return true;
  }
  return false;
}

/** The clearing stage of a run; its per-protocol work arrays are its own, reused every step. */
export function createClearingStage(ctx: RunContext): Stage {
  const nP = ctx.s.protocols.n;
  const scratch = {
    external: new Float64Array(nP),
    liabilities: new Float64Array(nP),
    changed: new Uint8Array(nP),
    recovery: new Float64Array(nP),
    defaulted: new Uint8Array(nP),
    stressedBefore: new Uint8Array(nP),
    issuers: [...new Set(Array.from(ctx.s.assets.pegIssuer).filter((p) => p >= 0))].sort((x, y) => x - y),
    holders: holdersOf(ctx.s.protocols.claimStart, ctx.s.protocols.claimDebtor),
    claimsAtPar: claimsAtPar(ctx.s.protocols.claimStart, ctx.s.protocols.claimAmount),
  };
  return (ctx) => clear(ctx, scratch);
}

/**
 * Whether protocol p is stressed on its books as they stand: losses past the insurance fund beyond the
 * stress share of equity or assets, or any bad debt. With `paperUsd`, that much of the loss is left out (a
 * paper loss, §16): the protocol's books at its own marks.
 */
function stressedOnBooks(ctx: RunContext, p: number, paperUsd = 0): boolean {
  const { ledger, stats } = ctx;
  const equity0 = ledger.initialEquityCents[p]! / 100;
  const loss = equity0 - ledger.equityCents[p]! / 100 - paperUsd;
  return (
    stats.badDebtUsd[p]! > 0 ||
    loss - ctx.s.protocols.insuranceFund[p]! >
      Math.max(STRESS_EQUITY_SHARE * Math.max(0, equity0), STRESS_ASSET_SHARE * ctx.initialAssetsUsd[p]!)
  );
}

/** Resources of node p with its claims at the given recoveries, USD. */
function resourcesAt(problem: ClearingProblem, recovery: Float64Array, p: number): number {
  let r = problem.external[p]!;
  for (let k = problem.claimStart[p]!; k < problem.claimStart[p + 1]!; k++)
    r += problem.claimAmount[k]! * recovery[problem.claimDebtor[k]!]!;
  return r;
}

/**
 * The status of protocol p after the clearing (§8, §16): insolvent when in default at market prices and
 * still short at its own marks; stressed when stressed at its own marks; a paper loss when it is short or
 * stressed at market prices only; healthy otherwise.
 */
function statusOf(
  ctx: RunContext,
  problem: ClearingProblem,
  solution: ClearingSolution | undefined,
  p: number,
): number {
  const defaulted = solution?.defaulted[p] === 1;
  if (!defaulted && !stressedOnBooks(ctx, p)) return STATUS_HEALTHY;
  const paper = paperLossUsd(ctx, p);
  if (defaulted) {
    const resources = resourcesAt(problem, solution!.recovery, p) + paper;
    if (paper === 0 || isShort(resources, problem.liabilities[p]!, problem.solvencyUnitsPerUsd))
      return STATUS_INSOLVENT;
  }
  return stressedOnBooks(ctx, p, paper) ? STATUS_STRESSED : STATUS_PAPER_LOSS;
}

/**
 * Share of p's liabilities its assets cover without the insurance fund (capital outside the reserves), with
 * claims at the clearing's recoveries: what holders price its token at while its redemptions are closed.
 */
function reserveCover(problem: ClearingProblem, recovery: Float64Array, fund: number, p: number): number {
  const l = problem.liabilities[p]!;
  if (!(l > 0)) return 1;
  return Math.min(1, Math.max(0, (resourcesAt(problem, recovery, p) - fund) / l));
}

/**
 * Whether protocol p is short before this step's clearing marks any claim down: its resources with every
 * claim it holds valued at its debtor's recovery from the step before (round 0 of the fictitious-default
 * sequence), against its liabilities.
 */
function shortBeforeMarks(problem: ClearingProblem, recovery: Float64Array, p: number): boolean {
  const r = resourcesAt(problem, recovery, p);
  return problem.liabilities[p]! > 0 && isShort(r, problem.liabilities[p]!, problem.solvencyUnitsPerUsd);
}

function clear(ctx: RunContext, scratch: ClearingScratch): void {
  const { s, ledger, stats } = ctx;
  const P = s.protocols;
  const problem = clearingProblem(ctx, scratch);
  // Round 0 of this step: who, not stressed before, is stressed on its own books before any claim is marked down (the equity the
  // ledger holds now, with claims at last step's recoveries).
  const stressedBefore = scratch.stressedBefore;
  for (let p = 0; p < P.n; p++)
    stressedBefore[p] =
      stats.firstStressed[p] === -1 &&
      stressedOnBooks(ctx, p) &&
      stressedOnBooks(ctx, p, paperLossUsd(ctx, p))
        ? 1
        : 0;
  const solution = anyShort(problem) ? solveClearing(problem, undefined, scratch) : undefined;
  const changed = scratch.changed;
  for (let p = 0; p < P.n; p++) {
    if (solution?.defaulted[p] && stats.firstInsolvent[p] === -1)
      stats.firstInsolventRound[p] = shortBeforeMarks(problem, P.recovery, p) ? 0 : 1;
  }
  let anyChanged = false;
  for (let p = 0; p < P.n; p++) {
    const recovery = solution ? solution.recovery[p]! : 1;
    changed[p] = recovery !== P.recovery[p] ? 1 : 0;
    if (changed[p]) anyChanged = true;
    P.recovery[p] = recovery;
  }
  for (const p of scratch.issuers)
    P.reserveCover[p] = reserveCover(problem, P.recovery, P.insuranceFund[p]!, p);
  // Claims are revalued only on a step where some recovery moved (most steps of a run move none).
  if (anyChanged) {
    for (let k = 0; k < P.claimDebtor.length; k++) {
      const j = P.claimDebtor[k]!;
      if (changed[j]) ledger.revalueClaim(k, 'counterparty', ledger.protocol(j));
    }
  }
  ledger.sync(); // status reads equity
  // Status: stressed once losses pass the insurance fund or any debt went bad; insolvent when in default.
  // Round 1: after the marks. A status first reached in round 0 came from the protocol's own losses this step;
  // one first reached in round 1 came from claims marked down in this step's clearing.
  for (let p = 0; p < P.n; p++) {
    const status = statusOf(ctx, problem, solution, p);
    stats.status[p] = status;
    if (status === STATUS_PAPER_LOSS && stats.firstPaperLoss[p] === -1) stats.firstPaperLoss[p] = ctx.t;
    if (status >= STATUS_STRESSED && stats.firstStressed[p] === -1) {
      stats.firstStressed[p] = ctx.t;
      stats.firstStressedRound[p] =
        stressedBefore[p] || (status === STATUS_INSOLVENT && stats.firstInsolventRound[p] === 0) ? 0 : 1;
    }
    if (status === STATUS_INSOLVENT && stats.firstInsolvent[p] === -1) stats.firstInsolvent[p] = ctx.t;
  }
}
