// Chain conditions of the current step (docs/model.md §17.1): the congestion level of gas and the delay before
// a transaction is included, set by the scenario's chain events. Keeper capacity, keeper participation in
// auctions and the delivery of oracle updates read them.
import type { CompiledEvent } from './compile-scenario';

export type CompiledChainEvent = Extract<CompiledEvent, { type: 'chain' }>;

export interface ChainConditions {
  /** Gas price over its normal level (1 = normal). */
  level: number;
  /** Seconds from sending a transaction to its inclusion (0 without a chain event: at once). */
  inclusionDelaySec: number;
  /** Seconds of that delay beyond one block: what congestion adds to every transaction, oracle updates too. */
  extraDelaySec: number;
}

/** Normal conditions: what a run without chain events has every step. */
export function normalChain(): ChainConditions {
  return { level: 1, inclusionDelaySec: 0, extraDelaySec: 0 };
}

/** A chain event's congestion level at step t (its last level holds to its end). */
export function chainLevelAt(e: CompiledChainEvent, t: number): number {
  const k = Math.floor((t - e.atStep) / e.everySteps);
  return e.levels[Math.min(Math.max(k, 0), e.levels.length - 1)]!;
}

/**
 * Sets the conditions of step t of every chain from the chain events in force: an event names one chain or
 * (chain -1) every chain (docs/model.md §23.2); with several on a chain, the largest level and the longest
 * delay hold.
 */
export function setChainConditions(
  out: readonly ChainConditions[],
  active: Iterable<CompiledChainEvent>,
  t: number,
): void {
  // An iterator is read once: with several chains, the events are listed first.
  const events = out.length === 1 ? active : [...active];
  for (let c = 0; c < out.length; c++) setChainConditionsOf(out[c]!, c, events, t);
}

function setChainConditionsOf(
  out: ChainConditions,
  chain: number,
  active: Iterable<CompiledChainEvent>,
  t: number,
): void {
  out.level = 1;
  out.inclusionDelaySec = 0;
  out.extraDelaySec = 0;
  for (const e of active) {
    if (e.chain >= 0 && e.chain !== chain) continue;
    const level = chainLevelAt(e, t);
    const extra = e.inclusionDelaySecPerLevel * (level - 1);
    out.level = Math.max(out.level, level);
    out.extraDelaySec = Math.max(out.extraDelaySec, extra);
    out.inclusionDelaySec = Math.max(out.inclusionDelaySec, e.blockTimeSec + extra);
  }
}
