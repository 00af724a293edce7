// Oracle entries of laboratory networks as raw JSON: a market oracle and a fixed one, both with a one-hour
// heartbeat, no deviation threshold and no latency.

/** A market oracle `id` of `asset`. */
export function marketOracle(id: string, asset: string): Record<string, unknown> {
  return { id, asset, source: 'market', heartbeatSec: 3600, deviation: 0, latencySec: 0 };
}

/** A fixed oracle `id` that always reports `fixedPriceUsd` for `asset`. */
export function fixedOracle(id: string, asset: string, fixedPriceUsd: string): Record<string, unknown> {
  return { id, asset, source: 'fixed', fixedPriceUsd, heartbeatSec: 3600, deviation: 0, latencySec: 0 };
}
