// Realised contagion paths (MODEL.md §5): for a failed protocol, the chain of largest contributions back to
// an exogenous event, with step, channel and amount on every hop.
import type { PriceCause } from './context';
import type { Channel, Ledger } from './ledger';

export interface PathHop {
  /** Step of the largest single contribution on this hop (-1 for a structural hop). */
  step: number;
  from: string;
  to: string;
  channel: Channel;
  /** Loss carried by the hop, USD (for hops into a protocol), or 0. */
  amountUsd: number;
  /** Relative price change carried (for hops into an asset), or 0. */
  priceChange: number;
}

interface Contribution {
  from: number;
  channel: Channel;
  total: number;
  step: number;
  worst: number;
}

/** Indexes the run's ledger events and price causes by the node they hit, so paths can be traced backwards. */
export class CausalIndex {
  /** Event rows into each protocol (by protocol index), losses only. */
  private readonly intoProtocol: number[][];
  /** Price causes into each asset (by asset index), falls only. */
  private readonly intoAsset: PriceCause[][];
  private readonly nAssets: number;
  private readonly nProtocols: number;

  constructor(
    private readonly ledger: Ledger,
    causes: readonly PriceCause[],
    private readonly marketCollateral: Map<string, string>,
    private readonly untilStep: (node: string) => number,
  ) {
    const names = ledger.causeNames;
    this.nAssets = names.filter((n) => n.startsWith('asset:')).length;
    this.nProtocols = names.filter((n) => n.startsWith('protocol:')).length;
    this.intoProtocol = Array.from({ length: this.nProtocols }, () => []);
    this.intoAsset = Array.from({ length: this.nAssets }, () => []);
    const ev = ledger.events;
    for (let i = 0; i < ev.length; i++) if (ev.cents.data[i]! < 0) this.intoProtocol[ev.to.data[i]!]!.push(i);
    for (const c of causes) if (c.change < 0) this.intoAsset[c.asset]!.push(c);
  }

  /** The path into `node`, largest contribution first at every hop, ending at an event or a dead end. */
  trace(node: string, maxHops = 12): PathHop[] {
    const names = this.ledger.causeNames;
    const id = names.indexOf(node);
    const hops: PathHop[] = [];
    const seen = new Set<number>([id]);
    const until = this.untilStep(node);
    let cur = id;
    while (hops.length < maxHops && cur >= 0 && !names[cur]!.startsWith('event:')) {
      const curName = names[cur]!;
      let next: Contribution | undefined;
      if (curName.startsWith('market:')) {
        const coll = this.marketCollateral.get(curName.slice(7));
        if (coll)
          next = { from: names.indexOf(`asset:${coll}`), channel: 'price', total: 0, step: -1, worst: 0 };
      } else if (cur < this.nAssets) {
        next = largest(
          this.intoAsset[cur]!.map((c) => ({
            from: c.from,
            channel: c.channel,
            amount: c.change,
            step: c.step,
          })),
          until,
          seen,
        );
      } else if (cur < this.nAssets + this.nProtocols) {
        const ev = this.ledger.events;
        next = largest(
          this.intoProtocol[cur - this.nAssets]!.map((i) => ({
            from: ev.from.data[i]!,
            channel: ev.channelOf(i),
            amount: ev.cents.data[i]! / 100,
            step: ev.step.data[i]!,
          })),
          until,
          seen,
        );
      }
      if (!next) break;
      hops.push({
        step: next.step,
        from: names[next.from]!,
        to: curName,
        channel: next.channel,
        amountUsd: curName.startsWith('protocol:') ? Math.round(next.total * 100) / 100 : 0,
        priceChange: curName.startsWith('asset:') ? next.total : 0,
      });
      if (seen.has(next.from)) break;
      seen.add(next.from);
      cur = next.from;
    }
    return hops;
  }
}

/** Sums contributions per (cause, channel) up to a step and returns the most negative not yet on the path. */
function largest(
  list: readonly { from: number; channel: Channel; amount: number; step: number }[],
  until: number,
  seen: Set<number>,
): Contribution | undefined {
  const by = new Map<string, Contribution>();
  for (const c of list) {
    if (c.step > until) continue;
    const key = `${c.from} ${c.channel}`;
    const acc = by.get(key) ?? { from: c.from, channel: c.channel, total: 0, step: c.step, worst: 0 };
    acc.total += c.amount;
    if (c.amount < acc.worst) [acc.worst, acc.step] = [c.amount, c.step];
    by.set(key, acc);
  }
  const all = [...by.values()].sort((a, b) => a.total - b.total || a.from - b.from);
  return all.find((c) => !seen.has(c.from)) ?? all[0];
}
