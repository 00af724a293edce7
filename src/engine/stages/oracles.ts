// Stage 3: oracles send updates on deviation or heartbeat; each becomes visible latencySec later.
import {
  ORACLE_EXCHANGE_RATE,
  ORACLE_FIXED,
  ORACLE_MARKET,
  ORACLE_PROXY,
  PEG_USD,
  type EngineState,
} from '../state';
import type { RunContext } from '../context';
import { medianBookPrice } from '../venue-books';
import type { Stage } from './stage';

let scratch = new Float64Array(8);
/** A scratch array of at least n numbers, reused across calls. */
function medianScratch(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  return scratch;
}

/** What oracle o would report now. */
export function oracleSourceValue(s: EngineState, o: number): number {
  const O = s.oracles;
  const A = s.assets;
  const a = O.asset[o]!;
  switch (O.kind[o]) {
    case ORACLE_MARKET: {
      // Reading named venues of an asset priced per venue: the median of their prices (docs/model.md §22).
      const books = s.venues.oracleBooks[o];
      if (!books) return A.price[a]!;
      return medianBookPrice(s.venues, books, A.fundamental[a]!, A.impact[a]!, medianScratch(books.length));
    }
    case ORACLE_PROXY:
      return A.price[O.proxy[o]!]!;
    case ORACLE_FIXED:
      return O.fixedValue[o]!;
    case ORACLE_EXCHANGE_RATE: {
      // The issuer's redemption value: rate x recovery x the target's market price; a market discount of the
      // asset itself does not show. A rate over a proxy reads the target through another asset's price.
      const t = A.pegTarget[a]!;
      const issuer = A.pegIssuer[a]!;
      const proxy = O.proxy[o]!;
      const target = proxy >= 0 ? A.price[proxy]! : t === PEG_USD ? 1 : A.price[t]!;
      return A.pegRate[a]! * s.protocols.recovery[issuer]! * target;
    }
    default:
      return NaN;
  }
}

/** Sets every oracle's reading to its source value, as at the start of a run. */
export function initOracles(s: EngineState): void {
  const O = s.oracles;
  for (let o = 0; o < O.n; o++) {
    const v = oracleSourceValue(s, o);
    O.reading[o] = v;
    O.lastSent[o] = v;
    O.lastSentSec[o] = 0;
  }
}

/** The oracle stage of a run (the oracles' queues are part of the state). */
export function createOracleStage(): Stage {
  return updateOracles;
}

function updateOracles(ctx: RunContext): void {
  const { s, timeSec } = ctx;
  const O = s.oracles;
  for (let o = 0; o < O.n; o++) {
    if (!Number.isNaN(O.manipulated[o]!)) {
      // The forced reading counts as the last update sent: once the manipulation ends, deviation and
      // heartbeat are measured from what the oracle reads, so it returns to its source by its usual rule.
      O.reading[o] = O.manipulated[o]!;
      O.lastSent[o] = O.manipulated[o]!;
      O.lastSentSec[o] = timeSec;
      continue;
    }
    if (O.frozenByEvent[o] || O.frozenByBreaker[o]) continue;
    const v = oracleSourceValue(s, o);
    const last = O.lastSent[o]!;
    const deviated = last > 0 ? Math.abs(v - last) / last >= O.deviation[o]! && v !== last : v !== last;
    const queue = O.pending[o]!;
    if (deviated || timeSec - O.lastSentSec[o]! >= O.heartbeatSec[o]!) {
      // Chain congestion delays the update's transaction too (docs/model.md §17.1); 0 in normal conditions.
      const visibleAt =
        timeSec +
        O.latencySec[o]! +
        O.extraLatencySec[o]! +
        ctx.chains[s.chains.oracleChain[o]!]!.extraDelaySec;
      O.lastSent[o] = v;
      O.lastSentSec[o] = timeSec;
      // Nothing waiting and no latency: the update is visible at once, without going through the queue.
      if (queue.length === 0 && visibleAt <= timeSec) {
        O.reading[o] = v;
        continue;
      }
      queue.push([visibleAt, v]);
    }
    while (queue.length > 0 && queue[0]![0] <= timeSec) O.reading[o] = queue.shift()![1];
  }
}
