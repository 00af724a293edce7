// The contagion graph of a run: the events, assets, markets and protocols that took part, linked by what
// the ledger booked (cause -> protocol, net over the run) and by the hops of the realised failure paths.
import type { HopChannel } from '../engine/realised-paths';
import type { RunResult } from '../engine/result';

export type NodeKind = 'event' | 'asset' | 'market' | 'protocol';

export interface GraphNode {
  /** `kind:id` as in the ledger and the paths, e.g. `protocol:aave-v3-prime`. */
  id: string;
  kind: NodeKind;
  label: string;
  /** Worst status reached (protocols only). */
  status?: 'healthy' | 'paper-loss' | 'stressed' | 'insolvent';
  /** First step at that status (failed protocols only). */
  failedStep?: number;
  /** Equity lost (protocols), bad debt plus liquidations (markets), USD; largest fall as a fraction (assets). */
  weight: number;
  badDebtUsd?: number;
  /** On a realised failure path. */
  onPath: boolean;
}

export interface GraphEdge {
  /** `from->to`: one edge per pair of nodes. */
  key: string;
  from: string;
  to: string;
  /** Channels booked or travelled on this edge, sorted. */
  channels: HopChannel[];
  /** Net equity change booked by the ledger through this edge (negative: a loss), USD. */
  netUsd: number;
  /** Largest relative price change carried by a path hop on this edge (asset hops), else 0. */
  priceChange: number;
  /** A hop of at least one realised failure path. */
  onPath: boolean;
}

export interface ContagionGraph {
  /** Sorted by id. */
  nodes: GraphNode[];
  /** Sorted by key. */
  edges: GraphEdge[];
  /** Ledger edges left out (smallest net amounts) to keep the drawing readable. */
  omittedEdges: number;
}

const kindOf = (id: string): NodeKind => {
  const k = id.slice(0, id.indexOf(':'));
  // A defence whose tightening forced liquidations is a root cause, drawn with the events (docs/model.md §20).
  if (k === 'controller' || k === 'margins') return 'event';
  return k === 'event' || k === 'asset' || k === 'market' ? k : 'protocol';
};
const cents = (usd: string) => Math.round(Number(usd) * 100);
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The graph of a run. Every hop of every failure path is an edge (deduplicated by its two ends); the ledger
 * adds the other links that booked a change of equity, the largest `maxLedgerEdges` of them by net amount.
 */
export function buildContagionGraph(
  run: RunResult,
  options: { maxLedgerEdges?: number } = {},
): ContagionGraph {
  const edges = new Map<string, GraphEdge & { netCents: number }>();
  const edge = (from: string, to: string) => {
    const key = `${from}->${to}`;
    let e = edges.get(key);
    if (!e) {
      e = { key, from, to, channels: [], netUsd: 0, netCents: 0, priceChange: 0, onPath: false };
      edges.set(key, e);
    }
    return e;
  };
  const addChannel = (e: GraphEdge, c: HopChannel) => {
    if (!e.channels.includes(c)) e.channels.push(c);
  };

  for (const row of run.ledger) {
    const e = edge(row.from, `protocol:${row.to}`);
    e.netCents += cents(row.amountUsd);
    addChannel(e, row.channel);
  }
  for (const f of run.failures)
    for (const h of f.path) {
      const e = edge(h.from, h.to);
      e.onPath = true;
      addChannel(e, h.channel);
      if (Math.abs(h.priceChange) > Math.abs(e.priceChange)) e.priceChange = h.priceChange;
    }

  const all = [...edges.values()];
  const ledgerOnly = all
    .filter((e) => !e.onPath && e.netCents !== 0)
    .sort((a, b) => Math.abs(b.netCents) - Math.abs(a.netCents) || byKey(a.key, b.key));
  const keepLedger = ledgerOnly.slice(0, options.maxLedgerEdges ?? 200);
  const kept = [...all.filter((e) => e.onPath), ...keepLedger]
    .map(({ netCents, ...e }) => ({ ...e, netUsd: netCents / 100, channels: [...e.channels].sort() }))
    .sort((a, b) => byKey(a.key, b.key));

  const onPath = new Set(kept.filter((e) => e.onPath).flatMap((e) => [e.from, e.to]));
  const ids = [...new Set(kept.flatMap((e) => [e.from, e.to]))].sort(byKey);
  const protocols = new Map(run.protocols.map((p) => [p.id, p] as const));
  const assets = new Map(run.assets.map((a) => [a.id, a] as const));
  const markets = new Map(run.markets.map((m) => [m.id, m] as const));
  const nodes = ids.map((id): GraphNode => {
    const kind = kindOf(id);
    const name = id.slice(id.indexOf(':') + 1);
    const node: GraphNode = { id, kind, label: name, weight: 0, onPath: onPath.has(id) };
    if (kind === 'protocol') {
      const p = protocols.get(name);
      if (p) {
        node.status = p.status;
        node.weight = Math.max(0, Number(p.lossUsd));
        node.badDebtUsd = Number(p.badDebtUsd);
        const step = p.status === 'insolvent' ? p.firstInsolventStep : p.firstStressedStep;
        if (step !== null && (p.status === 'stressed' || p.status === 'insolvent')) node.failedStep = step;
      }
    } else if (kind === 'market') {
      const m = markets.get(name);
      if (m) {
        node.badDebtUsd = Number(m.badDebtUsd);
        node.weight = Number(m.badDebtUsd) + Number(m.liquidatedUsd);
      }
    } else if (kind === 'asset') {
      node.weight = assets.get(name)?.maxDrawdown ?? 0;
    } else {
      node.label = `${id.slice(0, id.indexOf(':'))} ${name}`;
    }
    return node;
  });
  return { nodes, edges: kept, omittedEdges: ledgerOnly.length - keepLedger.length };
}

/** The distinct hops (by their two ends) of all the run's failure paths. */
export function distinctPathHops(run: RunResult): string[] {
  return [...new Set(run.failures.flatMap((f) => f.path.map((h) => `${h.from}->${h.to}`)))].sort(byKey);
}
