// Realised contagion paths (docs/model.md §5): for a failed protocol, the chain of largest contributions back to
// an exogenous event, with step, channel and amount on every hop.
import type { PriceCause } from './context';
import type { Channel, Ledger } from './ledger';

/** A hop's channel: a ledger channel, or `run` for a price fall from stuck depositors selling (docs/model.md §19). */
export type HopChannel = Channel | 'run';

export interface PathHop {
  /** Step of the largest single contribution on this hop (-1 for a structural hop). */
  step: number;
  from: string;
  to: string;
  channel: HopChannel;
  /** Loss carried by the hop, USD (for hops into a protocol), or 0. */
  amountUsd: number;
  /** Relative price change carried (for hops into an asset), or 0. */
  priceChange: number;
}

interface Contribution {
  from: number;
  channel: HopChannel;
  total: number;
  step: number;
  worst: number;
}

/** Indexes the run's ledger events and price causes by the node they hit, so paths can be traced backwards. */
export class CausalIndex {
  /** Event rows into each protocol (by protocol index). */
  private readonly intoProtocol: number[][];
  /** Price causes into each asset (by asset index). */
  private readonly intoAsset: PriceCause[][];
  private readonly nAssets: number;
  private readonly nProtocols: number;
  /** Cause ids by name. */
  private readonly causeId: Map<string, number>;

  constructor(
    private readonly ledger: Ledger,
    causes: readonly PriceCause[],
    private readonly marketCollateral: Map<string, string>,
    private readonly untilStep: (node: string) => number,
  ) {
    const names = ledger.causeNames;
    this.causeId = new Map(names.map((name, i) => [name, i] as const));
    this.nAssets = names.filter((n) => n.startsWith('asset:')).length;
    this.nProtocols = names.filter((n) => n.startsWith('protocol:')).length;
    this.intoProtocol = Array.from({ length: this.nProtocols }, () => []);
    this.intoAsset = Array.from({ length: this.nAssets }, () => []);
    const ev = ledger.events;
    // Both signs are kept: a cause's contribution is its net effect up to the failure.
    for (let i = 0; i < ev.length; i++) this.intoProtocol[ev.to.data[i]!]!.push(i);
    for (const c of causes) this.intoAsset[c.asset]!.push(c);
  }

  /** Contributions into a node (losses into a protocol, falls of an asset, a market's collateral), largest first. */
  private into(cur: number, until: number): Contribution[] {
    const names = this.ledger.causeNames;
    const curName = names[cur]!;
    if (curName.startsWith('market:')) {
      const coll = this.marketCollateral.get(curName.slice(7));
      return coll
        ? [{ from: this.causeId.get(`asset:${coll}`) ?? -1, channel: 'price', total: 0, step: -1, worst: 0 }]
        : [];
    }
    if (cur < this.nAssets) {
      return compounded(
        this.intoAsset[cur]!.map((c) => ({
          from: c.from,
          channel: c.channel,
          amount: c.change,
          step: c.step,
        })),
        until,
      );
    }
    if (cur < this.nAssets + this.nProtocols) {
      const ev = this.ledger.events;
      return grouped(
        this.intoProtocol[cur - this.nAssets]!.map((i) => ({
          from: ev.from.data[i]!,
          channel: ev.channelOf(i),
          amount: ev.cents.data[i]! / 100,
          step: ev.step.data[i]!,
        })),
        until,
      );
    }
    return [];
  }

  /**
   * The path into `node` back to an exogenous event: depth first, largest contribution first at every
   * hop, never visiting a node twice. When no chain reaches an event within `maxHops` (or the search
   * budget), the greedy chain of largest contributions is returned instead.
   */
  trace(node: string, maxHops = 12): PathHop[] {
    const names = this.ledger.causeNames;
    const root = this.causeId.get(node) ?? -1;
    if (root < 0) return [];
    const until = this.untilStep(node);
    const onPath = new Set<number>([root]);
    const hops: PathHop[] = [];
    let budget = 5000;
    const hop = (c: Contribution, to: number): PathHop => {
      const toName = names[to]!;
      return {
        step: c.step,
        from: names[c.from]!,
        to: toName,
        channel: c.channel,
        amountUsd: toName.startsWith('protocol:') ? Math.round(c.total * 100) / 100 : 0,
        priceChange: toName.startsWith('asset:') ? c.total : 0,
      };
    };
    const search = (cur: number): boolean => {
      if (isRootCause(names[cur]!)) return true;
      if (hops.length >= maxHops || --budget < 0) return false;
      for (const c of this.into(cur, until)) {
        if (onPath.has(c.from)) continue;
        onPath.add(c.from);
        hops.push(hop(c, cur));
        if (search(c.from)) return true;
        hops.pop();
        onPath.delete(c.from);
      }
      return false;
    };
    if (search(root)) return hops;
    // No chain reaches an event: the greedy chain of largest contributions, as far as it goes.
    const greedy: PathHop[] = [];
    const seen = new Set<number>([root]);
    let cur = root;
    while (greedy.length < maxHops) {
      const next = this.into(cur, until).find((c) => !seen.has(c.from));
      if (!next) break;
      greedy.push(hop(next, cur));
      seen.add(next.from);
      cur = next.from;
    }
    return greedy;
  }
}

/**
 * A cause a path ends at: a scenario event, or a defence whose own action forced liquidations (a dynamic
 * margin or a risk controller, docs/model.md §20).
 */
const isRootCause = (name: string): boolean =>
  name.startsWith('event:') || name.startsWith('controller:') || name.startsWith('margins:');

/**
 * Relative price changes per (cause, channel) up to a step, compounded over steps: the shares a cause has of
 * one step's change add up, and the steps multiply, (1 + r1)(1 + r2)... - 1, so a 30% fall over many steps
 * carries -0.3. The net falls, largest first; the hop's step is that of its largest single contribution.
 */
function compounded(
  list: readonly { from: number; channel: HopChannel; amount: number; step: number }[],
  until: number,
): Contribution[] {
  const by = new Map<string, Contribution & { stepNow: number; stepSum: number }>();
  for (const c of list) {
    if (c.step > until) continue;
    const key = `${c.from} ${c.channel}`;
    let acc = by.get(key);
    if (!acc) {
      acc = {
        from: c.from,
        channel: c.channel,
        total: 0,
        step: c.step,
        worst: 0,
        stepNow: c.step,
        stepSum: 0,
      };
      by.set(key, acc);
    }
    if (c.step !== acc.stepNow) {
      acc.total = (1 + acc.total) * (1 + acc.stepSum) - 1;
      [acc.stepNow, acc.stepSum] = [c.step, 0];
    }
    acc.stepSum += c.amount;
    if (c.amount < acc.worst) [acc.worst, acc.step] = [c.amount, c.step];
  }
  const out: Contribution[] = [];
  for (const acc of by.values()) {
    const total = (1 + acc.total) * (1 + acc.stepSum) - 1;
    if (total < 0)
      out.push({ from: acc.from, channel: acc.channel, total, step: acc.step, worst: acc.worst });
  }
  return out.sort((a, b) => a.total - b.total || a.from - b.from);
}

/** Sums contributions per (cause, channel) up to a step; the net losses, most negative first. */
function grouped(
  list: readonly { from: number; channel: HopChannel; amount: number; step: number }[],
  until: number,
): Contribution[] {
  const by = new Map<string, Contribution>();
  for (const c of list) {
    if (c.step > until) continue;
    const key = `${c.from} ${c.channel}`;
    const acc = by.get(key) ?? { from: c.from, channel: c.channel, total: 0, step: c.step, worst: 0 };
    acc.total += c.amount;
    if (c.amount < acc.worst) [acc.worst, acc.step] = [c.amount, c.step];
    by.set(key, acc);
  }
  return [...by.values()].filter((c) => c.total < 0).sort((a, b) => a.total - b.total || a.from - b.from);
}
