// The clearing vector of a claims network: Eisenberg–Noe's greatest fixed point by fictitious default,
// with Furfine loss-given-default and Rogers–Veraart default costs (docs/model.md §3.7, §6).
import { InternalError } from '../model/errors';
import { CLEARING_MAX_ITERATIONS, CLEARING_TOLERANCE, TIE_IS_DEFAULT } from './constants';

export const MODE_CLEARING = 0;
export const MODE_LOSS_GIVEN_DEFAULT = 1;

export interface ClearingProblem {
  n: number;
  /** Non-claim resources of each node (cash, holdings, loans, insurance fund), USD. */
  external: Float64Array;
  /** Everything each node owes, USD (claims of others on it, external and issued liabilities). */
  liabilities: Float64Array;
  /** Claims held, grouped by holder: claims of node i are claimStart[i] .. claimStart[i+1]-1. */
  claimStart: Int32Array;
  claimDebtor: Int32Array;
  claimAmount: Float64Array;
  /** Per node: MODE_CLEARING (pro-rata recovery) or MODE_LOSS_GIVEN_DEFAULT (a fixed recovery 1 - lgd). */
  mode: Uint8Array;
  lossGivenDefault: Float64Array;
  /** Rogers–Veraart: shares of external resources and of claims lost when the node defaults. */
  costExternal: Float64Array;
  costClaims: Float64Array;
  /**
   * When set (the engine sets CENTS), solvency compares resources and liabilities rounded to whole units of
   * 1/solvencyUnitsPerUsd USD, the units the ledger books in: amounts that tie exactly in decimals tie, instead of
   * float rounding of their sums deciding. Unset: compared as floats (the classic models' own units).
   */
  solvencyUnitsPerUsd?: number;
  /**
   * When set, the holders of claims grouped by debtor (holdersOf(p.claimStart, p.claimDebtor)): a default round
   * after the first then rescans only the holders of nodes whose recovery moved, instead of every node.
   */
  holders?: ClaimHolders;
  /**
   * When set (claimsAtPar(p.claimStart, p.claimAmount)), each node's claims at full recovery: the first default
   * round, which starts from full recovery, checks each node without a pass over its claims.
   */
  claimsAtPar?: Float64Array;
}

/**
 * Each node's claims at full recovery, summed in claim order as a pass at recovery 1 sums them (so the same
 * float to the last bit).
 */
export function claimsAtPar(claimStart: Int32Array, claimAmount: Float64Array): Float64Array {
  const n = claimStart.length - 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let k = claimStart[i]!; k < claimStart[i + 1]!; k++) v += claimAmount[k]!;
    out[i] = v;
  }
  return out;
}

/** Holders of claims grouped by debtor: the holders of claims on node j are holder[start[j] .. start[j+1]-1]. */
export interface ClaimHolders {
  start: Int32Array;
  holder: Int32Array;
}

/** The holders of each node's debts, from claims grouped by holder (a holder appears once per claim). */
export function holdersOf(claimStart: Int32Array, claimDebtor: Int32Array): ClaimHolders {
  const n = claimStart.length - 1;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < claimDebtor.length; k++) start[claimDebtor[k]! + 1]!++;
  for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
  const fill = start.slice(0, n);
  const holder = new Int32Array(claimDebtor.length);
  for (let i = 0; i < n; i++)
    for (let k = claimStart[i]!; k < claimStart[i + 1]!; k++) holder[fill[claimDebtor[k]!]!++] = i;
  return { start, holder };
}

export interface ClearingSolution {
  /** Recovery of each node's creditors, in [0, 1]. */
  recovery: Float64Array;
  /** 1 where the node is in default. */
  defaulted: Uint8Array;
  /** Default rounds of the fictitious-default algorithm (0 when nobody defaults). */
  rounds: number;
  /** Inner iterations spent solving for the defaulted nodes' recoveries. */
  iterations: number;
}

/** Value of node i's claims on others at the current recoveries. */
function claimsValue(p: ClearingProblem, rec: Float64Array, i: number): number {
  let v = 0;
  for (let k = p.claimStart[i]!; k < p.claimStart[i + 1]!; k++)
    v += p.claimAmount[k]! * rec[p.claimDebtor[k]!]!;
  return v;
}

/** Whether resources fall short of liabilities, under the tie rule; in whole units of 1/unitsPerUsd when given. */
export function isShort(resources: number, liabilities: number, unitsPerUsd?: number): boolean {
  if (unitsPerUsd) {
    // More than a unit apart, rounding cannot change the order (Math.round is monotone): no rounding needed.
    const gap = (resources - liabilities) * unitsPerUsd;
    if (gap > 2) return false;
    if (gap < -2) return true;
  }
  const r = unitsPerUsd ? Math.round(resources * unitsPerUsd) : resources;
  const l = unitsPerUsd ? Math.round(liabilities * unitsPerUsd) : liabilities;
  return TIE_IS_DEFAULT ? r <= l : r < l;
}

/**
 * Greatest clearing vector. Starts from full recovery; each round fixes the set of defaulted nodes, solves
 * their recoveries by Gauss–Seidel iteration from above (which converges to the greatest solution), then adds
 * every node that can no longer pay. The set only grows, so at most n rounds are needed (Eisenberg & Noe
 * 2001, the fictitious default algorithm; Rogers & Veraart 2013 for default costs).
 */
export function solveClearing(
  p: ClearingProblem,
  start?: Float64Array,
  work?: { recovery: Float64Array; defaulted: Uint8Array },
): ClearingSolution {
  // With `work`, the solution is written into its arrays (reused from step to step) instead of new ones.
  const rec = work ? work.recovery : new Float64Array(p.n);
  if (start) rec.set(start);
  else rec.fill(1);
  const defaulted = work ? work.defaulted.fill(0) : new Uint8Array(p.n);
  let rounds = 0;
  let iterations = 0;
  const inDefault: number[] = [];
  const units = p.solvencyUnitsPerUsd;
  // With the holders index: after the first round, the nodes to rescan (in index order, as a full scan meets
  // them), and the defaulted nodes' recoveries before the round's solve. A node none of whose debtors' recovery
  // moved values its claims as at its last scan, so it still pays.
  const H = p.holders;
  let rescan: number[] | undefined;
  const marked = H ? new Uint8Array(p.n) : undefined;
  const before: number[] = [];
  // The first round starts from full recovery (no `start`): claims are worth their amounts.
  let atPar = start ? undefined : p.claimsAtPar;
  const check = (i: number): boolean => {
    if (defaulted[i] || p.liabilities[i]! <= 0) return false;
    // Claims are worth at least 0, so a node whose external resources cover its liabilities pays in full.
    if (!isShort(p.external[i]!, p.liabilities[i]!, units)) return false;
    const claims = atPar ? atPar[i]! : claimsValue(p, rec, i);
    if (isShort(p.external[i]! + claims, p.liabilities[i]!, units)) {
      defaulted[i] = 1;
      inDefault.push(i);
      return true;
    }
    return false;
  };
  for (;;) {
    // Who cannot pay at the current recoveries?
    let added = 0;
    if (rescan) {
      rescan.sort((x, y) => x - y);
      for (const i of rescan) {
        marked![i] = 0;
        if (check(i)) added++;
      }
    } else for (let i = 0; i < p.n; i++) if (check(i)) added++;
    atPar = undefined;
    if (added === 0) break;
    rounds++;
    if (H) for (let d = 0; d < inDefault.length; d++) before[d] = rec[inDefault[d]!]!;
    // Solve the defaulted nodes' recoveries with the default set fixed.
    for (;;) {
      if (++iterations > CLEARING_MAX_ITERATIONS) {
        throw new InternalError(`clearing did not converge in ${CLEARING_MAX_ITERATIONS} iterations`);
      }
      let change = 0;
      for (const i of inDefault) {
        let next: number;
        if (p.mode[i] === MODE_LOSS_GIVEN_DEFAULT) next = 1 - p.lossGivenDefault[i]!;
        else {
          const value =
            (1 - p.costExternal[i]!) * p.external[i]! + (1 - p.costClaims[i]!) * claimsValue(p, rec, i);
          next = Math.min(1, Math.max(0, value / p.liabilities[i]!));
        }
        change = Math.max(change, Math.abs(next - rec[i]!));
        rec[i] = next;
      }
      if (change <= CLEARING_TOLERANCE) break;
    }
    if (H) {
      rescan = [];
      for (let d = 0; d < inDefault.length; d++) {
        const j = inDefault[d]!;
        if (rec[j] === before[d]) continue;
        for (let k = H.start[j]!; k < H.start[j + 1]!; k++) {
          const i = H.holder[k]!;
          if (!marked![i] && !defaulted[i]) {
            marked![i] = 1;
            rescan.push(i);
          }
        }
      }
    }
  }
  return { recovery: rec, defaulted, rounds, iterations };
}

/** Builds the grouped claim arrays of a problem from unsorted (holder, debtor, amount) triples. */
export function groupClaims(
  n: number,
  holder: ArrayLike<number>,
  debtor: ArrayLike<number>,
  amount: ArrayLike<number>,
): Pick<ClearingProblem, 'claimStart' | 'claimDebtor' | 'claimAmount'> {
  const m = holder.length;
  const claimStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) claimStart[holder[k]! + 1]!++;
  for (let i = 0; i < n; i++) claimStart[i + 1]! += claimStart[i]!;
  const fill = claimStart.slice(0, n);
  const claimDebtor = new Int32Array(m);
  const claimAmount = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const at = fill[holder[k]!]!++;
    claimDebtor[at] = debtor[k]!;
    claimAmount[at] = amount[k]!;
  }
  return { claimStart, claimDebtor, claimAmount };
}
