// The lending pools of a network in typed arrays (docs/model.md §18): one pool per protocol and asset its
// markets lend (not its own token), with the markets that borrow from it, its idle holding and, where the
// network gives one, its interest-rate curve and the current borrow rate.
import { mapInt32 } from './typed-columns';
import type { Protocol } from '../model/network';
import { unhandled } from '../model/errors';
import type { MarketArrays, ProtocolArrays } from './state';

export const RATE_NONE = 0;
export const RATE_KINKED = 1;
export const RATE_TIME_WEIGHTED = 2;
export const RATE_ADAPTIVE = 3;
/** The codes of `model`. */
export type RateModelCode =
  typeof RATE_NONE | typeof RATE_KINKED | typeof RATE_TIME_WEIGHTED | typeof RATE_ADAPTIVE;

export interface PoolArrays {
  n: number;
  protocol: Int32Array;
  asset: Int32Array;
  /** The protocol's holding slot of the asset: the pool's idle liquidity. */
  holding: Int32Array;
  /** Markets of pool k are markets[marketStart[k] .. marketStart[k+1]-1], in index order. */
  marketStart: Int32Array;
  markets: Int32Array;
  /** RATE_NONE (no accrual), RATE_KINKED, RATE_TIME_WEIGHTED or RATE_ADAPTIVE. */
  model: Uint8Array;
  baseRate: Float64Array;
  slope1: Float64Array;
  slope2: Float64Array;
  /** The kink (kinked) or the target utilization (adaptive). */
  optimalUtilization: Float64Array;
  /** Bounds of the rate (time-weighted) or of the rate at target (adaptive). */
  minRate: Float64Array;
  maxRate: Float64Array;
  curveSteepness: Float64Array;
  adjustmentSpeed: Float64Array;
  /** State of an adaptive curve: the rate at target in force. */
  rateAtTarget: Float64Array;
  minTargetUtilization: Float64Array;
  maxTargetUtilization: Float64Array;
  halfLifeSec: Float64Array;
  reserveFactor: Float64Array;
  /** Issue slot of the receipt token whose supply grows with the supply interest, or -1 (external liabilities grow). */
  receiptIssue: Int32Array;
  /** State: the borrow rate a year in force (time-weighted curves carry it from step to step). */
  borrowRate: Float64Array;
  /** Run statistics: highest utilization and borrow rate seen, and the borrowers' interest in USD. */
  peakUtilization: Float64Array;
  peakBorrowRate: Float64Array;
  interestUsd: Float64Array;
}

/**
 * The pools of a network's state: for every protocol (in index order), each asset its markets lend that it
 * does not issue (in asset index order).
 */
export function buildPools(
  protocolsSorted: readonly Protocol[],
  assetIndex: ReadonlyMap<string, number>,
  P: ProtocolArrays,
  M: MarketArrays,
): PoolArrays {
  const rows: { p: number; a: number; markets: number[] }[] = [];
  const byProtocol: number[][] = protocolsSorted.map(() => []);
  for (let m = 0; m < M.n; m++) if (!M.ownDebt[m]) byProtocol[M.protocol[m]!]!.push(m);
  byProtocol.forEach((ms, p) => {
    const assets = [...new Set(ms.map((m) => M.debt[m]!))].sort((x, y) => x - y);
    for (const a of assets) rows.push({ p, a, markets: ms.filter((m) => M.debt[m] === a) });
  });
  const n = rows.length;
  const f = () => new Float64Array(n);
  const pools: PoolArrays = {
    n,
    protocol: mapInt32(rows, (r) => r.p),
    asset: mapInt32(rows, (r) => r.a),
    holding: mapInt32(rows, (r) => M.debtHolding[r.markets[0]!]!),
    marketStart: new Int32Array(n + 1),
    markets: Int32Array.from(rows.flatMap((r) => r.markets)),
    model: new Uint8Array(n),
    baseRate: f(),
    slope1: f(),
    slope2: f(),
    optimalUtilization: f(),
    minRate: f(),
    maxRate: f(),
    curveSteepness: f(),
    adjustmentSpeed: f(),
    rateAtTarget: f(),
    minTargetUtilization: f(),
    maxTargetUtilization: f(),
    halfLifeSec: f(),
    reserveFactor: f(),
    receiptIssue: new Int32Array(n).fill(-1),
    borrowRate: f(),
    peakUtilization: f(),
    peakBorrowRate: f(),
    interestUsd: f(),
  };
  rows.forEach((r, k) => (pools.marketStart[k + 1] = pools.marketStart[k]! + r.markets.length));
  rows.forEach((r, k) => {
    const def = protocolsSorted[r.p]!.lendingPools?.find((x) => assetIndex.get(x.asset) === r.a);
    if (!def) return;
    pools.reserveFactor[k] = def.reserveFactor;
    if (def.receipt !== undefined) {
      const a = assetIndex.get(def.receipt)!;
      for (let i = P.issueStart[r.p]!; i < P.issueStart[r.p + 1]!; i++)
        if (P.issueAsset[i] === a) pools.receiptIssue[k] = i;
    }
    const c = def.rate;
    switch (c.model) {
      case 'kinked':
        pools.model[k] = RATE_KINKED;
        pools.baseRate[k] = c.baseRate;
        pools.slope1[k] = c.slope1;
        pools.slope2[k] = c.slope2;
        pools.optimalUtilization[k] = c.optimalUtilization;
        break;
      case 'time-weighted':
        pools.model[k] = RATE_TIME_WEIGHTED;
        pools.borrowRate[k] = c.initialRate;
        pools.minRate[k] = c.minRate;
        pools.maxRate[k] = c.maxRate;
        pools.minTargetUtilization[k] = c.minTargetUtilization;
        pools.maxTargetUtilization[k] = c.maxTargetUtilization;
        pools.halfLifeSec[k] = c.halfLifeSec;
        break;
      case 'adaptive':
        pools.model[k] = RATE_ADAPTIVE;
        pools.rateAtTarget[k] = c.initialRateAtTarget;
        pools.optimalUtilization[k] = c.targetUtilization;
        pools.curveSteepness[k] = c.curveSteepness;
        pools.adjustmentSpeed[k] = c.adjustmentSpeed;
        pools.minRate[k] = c.minRateAtTarget;
        pools.maxRate[k] = c.maxRateAtTarget;
        break;
      default:
        unhandled(c);
    }
  });
  return pools;
}
