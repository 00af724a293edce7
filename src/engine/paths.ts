// Realised contagion paths (MODEL.md §5): for a failed protocol, the chain of largest contributions back to
// an exogenous event, with step, channel and amount on every hop.
import type { Channel, LedgerEvent } from './ledger';
import type { PriceCause } from './context';

export interface PathHop {
  /** Step of the largest single contribution on this hop. */
  step: number;
  from: string;
  to: string;
  channel: Channel | 'exogenous';
  /** Loss carried by the hop, USD (for hops into a protocol), or 0. */
  amountUsd: number;
  /** Relative price change carried (for hops into an asset), or 0. */
  priceChange: number;
}

interface Contribution {
  from: string;
  channel: PathHop['channel'];
  total: number;
  step: number;
  worst: number;
}

/** Indexes the run's ledger events and price causes so paths can be traced backwards. */
export class CausalIndex {
  private readonly intoProtocol = new Map<string, Contribution[]>();
  private readonly intoAsset = new Map<string, Contribution[]>();

  constructor(
    events: readonly LedgerEvent[],
    protocolNames: readonly string[],
    causes: readonly PriceCause[],
    assetNames: readonly string[],
    private readonly marketCollateral: Map<string, string>,
    private readonly untilStep: (node: string) => number,
  ) {
    for (const e of events) {
      if (e.cents >= 0) continue;
      add(this.intoProtocol, `protocol:${protocolNames[e.to]}`, e.from, e.channel, e.cents / 100, e.step);
    }
    for (const c of causes) {
      if (c.change >= 0) continue;
      add(this.intoAsset, `asset:${assetNames[c.asset]}`, c.from, c.channel, c.change, c.step);
    }
  }

  /** The path into `node`, largest contribution first at every hop, ending at an event or a dead end. */
  trace(node: string, maxHops = 12): PathHop[] {
    const hops: PathHop[] = [];
    const seen = new Set<string>([node]);
    let cur = node;
    while (hops.length < maxHops && !cur.startsWith('event:')) {
      const until = this.untilStep(node);
      let next: Contribution | undefined;
      if (cur.startsWith('market:')) {
        const coll = this.marketCollateral.get(cur.slice(7));
        if (coll) next = { from: `asset:${coll}`, channel: 'price', total: 0, step: -1, worst: 0 };
      } else {
        const list = (cur.startsWith('protocol:') ? this.intoProtocol : this.intoAsset).get(cur) ?? [];
        next = largest(list, until, seen);
      }
      if (!next) break;
      hops.push({
        step: next.step,
        from: next.from,
        to: cur,
        channel: next.channel,
        amountUsd: cur.startsWith('protocol:') ? round2(next.total) : 0,
        priceChange: cur.startsWith('asset:') ? next.total : 0,
      });
      if (seen.has(next.from)) break;
      seen.add(next.from);
      cur = next.from;
    }
    return hops;
  }
}

function add(
  map: Map<string, Contribution[]>,
  to: string,
  from: string,
  channel: PathHop['channel'],
  amount: number,
  step: number,
): void {
  let list = map.get(to);
  if (!list) map.set(to, (list = []));
  list.push({ from, channel, total: amount, step, worst: amount });
}

/** Sums contributions per (from, channel) up to a step and returns the most negative. */
function largest(list: readonly Contribution[], until: number, seen: Set<string>): Contribution | undefined {
  const by = new Map<string, Contribution>();
  for (const c of list) {
    if (c.step > until) continue;
    const key = `${c.from}\u0000${c.channel}`;
    const acc = by.get(key) ?? { from: c.from, channel: c.channel, total: 0, step: c.step, worst: 0 };
    acc.total += c.total;
    if (c.worst < acc.worst) [acc.worst, acc.step] = [c.worst, c.step];
    by.set(key, acc);
  }
  const all = [...by.values()].sort(
    (a, b) => a.total - b.total || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0),
  );
  return all.find((c) => !seen.has(c.from)) ?? all[0];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
