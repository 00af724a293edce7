// Interest accrual (docs/model.md §18): each step, every lending pool with a rate curve sets its borrow rate
// from its utilization, the debt of its borrowers grows by the per-second rate compounded over the step, and
// its suppliers' claims (the receipt token's supply and every holding of it, or external liabilities) grow by
// the supply interest. Both sides are booked in the ledger through the `interest` channel, caused by the market.
import type { RunContext } from '../context';
import { poolBorrowed, poolIdle } from '../pools';
import {
  RATE_ADAPTIVE,
  RATE_KINKED,
  RATE_NONE,
  RATE_TIME_WEIGHTED,
  type PoolArrays,
  type RateModelCode,
} from '../pool-state';
import { accrualFactor, adaptiveStep, kinkedBorrowRate, timeWeightedRate, utilization } from '../rates';
import { unhandled } from '../compile-scenario';
import type { Stage } from './stage';

/** The accrual stage, or undefined when no pool of the network has a rate curve (nothing accrues). */
export function createAccrualStage(ctx: RunContext): Stage | undefined {
  const Q = ctx.s.pools;
  const active: number[] = [];
  for (let k = 0; k < Q.n; k++) if (Q.model[k] !== RATE_NONE) active.push(k);
  if (active.length === 0) return undefined;
  const dt = ctx.s.stepSeconds;
  return (ctx) => {
    for (const k of active) accrue(ctx, k, dt);
  };
}

/** The borrow rate a year of pool k over a step of dt seconds at utilization u; updates the rate in force. */
export function stepBorrowRate(Q: PoolArrays, k: number, u: number, dt: number): number {
  const model = Q.model[k] as RateModelCode;
  switch (model) {
    case RATE_KINKED:
      Q.borrowRate[k] = kinkedBorrowRate(
        {
          baseRate: Q.baseRate[k]!,
          slope1: Q.slope1[k]!,
          slope2: Q.slope2[k]!,
          optimalUtilization: Q.optimalUtilization[k]!,
        },
        u,
      );
      break;
    case RATE_TIME_WEIGHTED:
      // Fraxlend updates the rate first and accrues the interval at the new rate.
      Q.borrowRate[k] = timeWeightedRate(
        {
          minRate: Q.minRate[k]!,
          maxRate: Q.maxRate[k]!,
          minTargetUtilization: Q.minTargetUtilization[k]!,
          maxTargetUtilization: Q.maxTargetUtilization[k]!,
          halfLifeSec: Q.halfLifeSec[k]!,
        },
        Q.borrowRate[k]!,
        u,
        dt,
      );
      break;
    case RATE_ADAPTIVE: {
      // Morpho accrues the interval at the curve of the average rate at target over it.
      const next = adaptiveStep(
        {
          targetUtilization: Q.optimalUtilization[k]!,
          curveSteepness: Q.curveSteepness[k]!,
          adjustmentSpeed: Q.adjustmentSpeed[k]!,
          minRateAtTarget: Q.minRate[k]!,
          maxRateAtTarget: Q.maxRate[k]!,
        },
        Q.rateAtTarget[k]!,
        u,
        dt,
      );
      Q.rateAtTarget[k] = next.rateAtTarget;
      Q.borrowRate[k] = next.borrowRate;
      break;
    }
    case RATE_NONE:
      Q.borrowRate[k] = 0;
      break;
    default:
      unhandled(model);
  }
  return Q.borrowRate[k]!;
}

function accrue(ctx: RunContext, k: number, dt: number): void {
  const { s, ledger } = ctx;
  const Q = s.pools;
  const P = s.protocols;
  const M = s.markets;
  const debt = s.cohorts.debt;
  const borrowed = poolBorrowed(s, k);
  const u = utilization(borrowed, poolIdle(s, k));
  const rate = stepBorrowRate(Q, k, u, dt);
  if (u > Q.peakUtilization[k]!) Q.peakUtilization[k] = u;
  if (rate > Q.peakBorrowRate[k]!) Q.peakBorrowRate[k] = rate;
  if (!(rate > 0) || !(borrowed > 0)) return;
  const growth = accrualFactor(rate, dt) - 1;
  const p = Q.protocol[k]!;
  const price = s.assets.price[Q.asset[k]!]!;
  const receipt = Q.receiptIssue[k]!;
  const toSuppliers = 1 - Q.reserveFactor[k]!;
  for (let i = Q.marketStart[k]!; i < Q.marketStart[k + 1]!; i++) {
    const m = Q.markets[i]!;
    let owed = 0;
    for (let c = M.cohortStart[m]!; c < M.cohortStart[m + 1]!; c++) {
      owed += debt[c]!;
      debt[c]! += debt[c]! * growth;
    }
    if (!(owed > 0)) continue;
    const cause = ledger.market(m);
    ledger.loans.touch(m);
    ledger.revalueMarket(m, 'interest', cause);
    const interest = owed * growth;
    Q.interestUsd[k]! += interest * price;
    if (receipt >= 0) {
      rebase(ctx, receipt, (interest * toSuppliers) / s.assets.pegRate[P.issueAsset[receipt]!]!, cause);
    } else {
      P.externalLiabilities[p]! += interest * toSuppliers * price;
      ledger.revalueExternal(p, 'interest', cause);
    }
  }
}

/**
 * The receipt's supply grows by `units`, as a rebasing token does: every holding of it, in any protocol, grows
 * by the same factor, so modelled holders earn their share of the supply interest and the rest goes to holders
 * outside the network.
 */
function rebase(ctx: RunContext, issue: number, units: number, cause: number): void {
  const { s, ledger } = ctx;
  const P = s.protocols;
  const supply = P.issueSupply[issue]!;
  P.issueSupply[issue] = supply + units;
  ledger.revalueIssue(issue, 'interest', cause);
  if (!(supply > 0)) return;
  const factor = 1 + units / supply;
  const holders = ledger.holdingsOf[P.issueAsset[issue]!]!;
  for (let i = 0; i < holders.length; i++) {
    const h = holders[i]!;
    if (!(P.holdAmount[h]! > 0)) continue;
    P.holdAmount[h]! *= factor;
    ledger.revalueHolding(h, 'interest', cause);
  }
}
