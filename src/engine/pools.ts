// Reading a run's lending pools (docs/model.md §18): what is borrowed, what sits idle, the utilization, and a
// protocol's idle liquidity (what its depositors can withdraw from its pools now).
import type { RunContext } from './context';
import { utilization } from './rates';
import type { EngineState } from './state';

/** Tokens borrowed from pool k: the debt of every cohort of its markets. */
export function poolBorrowed(s: EngineState, k: number): number {
  const Q = s.pools;
  const M = s.markets;
  const debt = s.cohorts.debt;
  let borrowed = 0;
  for (let i = Q.marketStart[k]!; i < Q.marketStart[k + 1]!; i++) {
    const m = Q.markets[i]!;
    for (let c = M.cohortStart[m]!; c < M.cohortStart[m + 1]!; c++) borrowed += debt[c]!;
  }
  return borrowed;
}

/** Tokens idle in pool k: the protocol's holding of the asset, what suppliers can withdraw now. */
export function poolIdle(s: EngineState, k: number): number {
  return Math.max(0, s.protocols.holdAmount[s.pools.holding[k]!]!);
}

/** Utilization of pool k: borrowed / (borrowed + idle). */
export function poolUtilization(s: EngineState, k: number): number {
  return utilization(poolBorrowed(s, k), poolIdle(s, k));
}

/** Indices of the pools of protocol p (pools are ordered by protocol). */
export function poolsOf(s: EngineState, p: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < s.pools.n; k++) if (s.pools.protocol[k] === p) out.push(k);
  return out;
}

/**
 * USD a protocol's suppliers can withdraw from its pools now: the idle tokens of each of its pools at market
 * price. A pool at 100% utilization adds nothing. 0 for a protocol that lends nothing.
 */
export function idleLiquidity(ctx: RunContext, p: number): number {
  const { s } = ctx;
  let usd = 0;
  for (const k of poolsOf(s, p)) usd += poolIdle(s, k) * s.assets.price[s.pools.asset[k]!]!;
  return usd;
}
