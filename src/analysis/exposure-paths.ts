// Static exposure paths (docs/model.md §5.1) from an asset or a protocol, ranked by the product of shares.
import { NotFoundError, UsageError } from '../model/errors';
import type { Network } from '../model/network';
import { type ExposureEdge, type ExposureGraph, type ExposureType, exposureGraph } from './exposure';

export interface PathHop {
  from: string;
  to: string;
  type: ExposureType;
  share: number;
  exposureUsd: number;
}

export interface ExposurePath {
  /** Node keys from the source to the exposed protocol. */
  nodes: string[];
  hops: PathHop[];
  /** Product of the hop shares. */
  share: number;
}

export interface ReachedProtocol {
  protocol: string;
  /** Share of the best path (the largest product of shares within the length bound). */
  share: number;
  path: ExposurePath;
}

export interface PathsOptions {
  /** Only paths to this protocol (`protocol:Y`). */
  to?: string;
  /** How many paths to list. */
  k: number;
  /** Longest path, in hops. */
  maxLength: number;
  /** Partial paths the search may take from its queue before it stops (the result then says truncated). */
  maxExpansions: number;
}

export const PATHS_DEFAULTS: PathsOptions = { k: 10, maxLength: 6, maxExpansions: 500_000 };

export interface PathsResult {
  from: string;
  to: string | null;
  k: number;
  maxLength: number;
  /** The k paths of largest share, largest first (ties: fewer hops, then node keys in order). */
  paths: ExposurePath[];
  /** Every protocol reached within maxLength hops (only `to` when given), best path first. */
  reached: ReachedProtocol[];
  /** True when maxExpansions stopped the search before k paths were found. */
  truncated: boolean;
}

/**
 * Resolves `asset:X`, `protocol:Y`, or a bare id naming exactly one asset or protocol, to a node key.
 * Throws NotFoundError for an unknown id, UsageError for another kind of node.
 */
export function resolveNode(
  g: ExposureGraph,
  ref: string,
  what: string,
  kinds: ('asset' | 'protocol')[],
): string {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const kind = ref.slice(0, colon);
    if (!(kinds as string[]).includes(kind))
      throw new UsageError(`${what} must name ${kinds.map((k) => `${k}:ID`).join(' or ')}, got "${ref}"`);
    if (!g.index.has(ref))
      throw new NotFoundError(`${what}: no ${kind} "${ref.slice(colon + 1)}" in the network`);
    return ref;
  }
  const hits = kinds.map((k) => `${k}:${ref}`).filter((key) => g.index.has(key));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) throw new UsageError(`${what}: "${ref}" is ambiguous, write ${hits.join(' or ')}`);
  throw new NotFoundError(`${what}: no ${kinds.join(' or ')} "${ref}" in the network`);
}

/** Exposure paths of a network from one node (see `exposureGraph` for the shares). */
export function exposurePaths(net: Network, from: string, options: Partial<PathsOptions> = {}): PathsResult {
  const g = exposureGraph(net);
  const source = resolveNode(g, from, '--from', ['asset', 'protocol']);
  const target = options.to !== undefined ? resolveNode(g, options.to, '--to', ['protocol']) : undefined;
  return pathsOnGraph(g, source, { ...PATHS_DEFAULTS, ...options, to: target });
}

interface Item {
  node: number;
  share: number;
  hops: number;
  parent: number;
  edge: ExposureEdge | null;
  /** Node keys joined, for deterministic tie-breaks. */
  seq: string;
}

/** Paths on a built graph from a resolved source key. */
export function pathsOnGraph(g: ExposureGraph, source: string, opts: PathsOptions): PathsResult {
  const s = g.index.get(source)!;
  const t = opts.to !== undefined ? g.index.get(opts.to)! : -1;
  const isProtocol = g.nodes.map((k) => k.startsWith('protocol:'));
  const result: PathsResult = {
    from: source,
    to: opts.to ?? null,
    k: opts.k,
    maxLength: opts.maxLength,
    paths: [],
    reached: reachedProtocols(g, s, opts.maxLength).filter((r) => t < 0 || r.protocol === opts.to),
    truncated: false,
  };
  if (t === s || (t >= 0 && result.reached.length === 0)) {
    result.reached = [];
    return result;
  }
  // Hops still needed to reach the target from each node (pruning when --to is given).
  const toTarget = t >= 0 ? hopsTo(g, t) : null;

  const items: Item[] = [{ node: s, share: 1, hops: 0, parent: -1, edge: null, seq: source }];
  const heap = new Heap((a: number, b: number) => before(items[a]!, items[b]!));
  heap.push(0);
  let pops = 0;
  while (heap.size > 0 && result.paths.length < opts.k) {
    if (++pops > opts.maxExpansions) {
      result.truncated = true;
      break;
    }
    const id = heap.pop();
    const it = items[id]!;
    if (it.hops > 0 && isProtocol[it.node] && (t < 0 || it.node === t))
      result.paths.push(pathOf(items, id, g));
    if (it.hops >= opts.maxLength || it.node === t) continue;
    for (const e of g.out[it.node]!) {
      const w = g.index.get(e.to)!;
      if (toTarget && it.hops + 1 + toTarget[w]! > opts.maxLength) continue;
      if (onPath(items, id, w)) continue;
      items.push({
        node: w,
        share: it.share * e.share,
        hops: it.hops + 1,
        parent: id,
        edge: e,
        seq: `${it.seq}\u0000${e.to}`,
      });
      heap.push(items.length - 1);
    }
  }
  return result;
}

/** Order of paths: larger share, then fewer hops, then node keys. */
function before(a: Item, b: Item): boolean {
  if (a.share !== b.share) return a.share > b.share;
  if (a.hops !== b.hops) return a.hops < b.hops;
  return a.seq < b.seq;
}

function onPath(items: Item[], id: number, node: number): boolean {
  for (let i = id; i >= 0; i = items[i]!.parent) if (items[i]!.node === node) return true;
  return false;
}

function pathOf(items: Item[], id: number, g: ExposureGraph): ExposurePath {
  const hops: PathHop[] = [];
  const nodes: string[] = [];
  for (let i = id; i >= 0; i = items[i]!.parent) {
    const it = items[i]!;
    nodes.push(g.nodes[it.node]!);
    if (it.edge) hops.push(hopOf(it.edge));
  }
  nodes.reverse();
  hops.reverse();
  return { nodes, hops, share: items[id]!.share };
}

const hopOf = (e: ExposureEdge): PathHop => ({
  from: e.from,
  to: e.to,
  type: e.type,
  share: e.share,
  exposureUsd: e.exposureUsd,
});

/** Fewest hops from every node to node t (Infinity when t cannot be reached). */
function hopsTo(g: ExposureGraph, t: number): Float64Array {
  const into: number[][] = g.nodes.map(() => []);
  g.out.forEach((list, u) => list.forEach((e) => into[g.index.get(e.to)!]!.push(u)));
  const dist = new Float64Array(g.nodes.length).fill(Infinity);
  dist[t] = 0;
  const queue = [t];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    for (const u of into[v]!) {
      if (dist[u] === Infinity) {
        dist[u] = dist[v]! + 1;
        queue.push(u);
      }
    }
  }
  return dist;
}

/**
 * The best path to every protocol within maxLength hops: the largest product of shares over walks of at
 * most maxLength hops (a hop-bounded Bellman–Ford in the max-product semiring). Shares are at most 1, so
 * cutting a cycle out of a walk never lowers its product: the best walk is a simple path.
 */
export function reachedProtocols(g: ExposureGraph, s: number, maxLength: number): ReachedProtocol[] {
  const n = g.nodes.length;
  const best: Float64Array[] = [new Float64Array(n)];
  const via: (ExposureEdge | null)[][] = [new Array<ExposureEdge | null>(n).fill(null)];
  best[0]![s] = 1;
  for (let h = 1; h <= maxLength; h++) {
    const prev = best[h - 1]!;
    const cur = new Float64Array(n);
    const edge = new Array<ExposureEdge | null>(n).fill(null);
    for (let u = 0; u < n; u++) {
      if (!(prev[u]! > 0)) continue;
      for (const e of g.out[u]!) {
        const w = g.index.get(e.to)!;
        const x = prev[u]! * e.share;
        if (x > cur[w]!) {
          cur[w] = x;
          edge[w] = e;
        }
      }
    }
    best.push(cur);
    via.push(edge);
  }
  const out: ReachedProtocol[] = [];
  for (let v = 0; v < n; v++) {
    if (v === s || !g.nodes[v]!.startsWith('protocol:')) continue;
    let h = -1;
    for (let k = 1; k <= maxLength; k++)
      if (best[k]![v]! > 0 && (h < 0 || best[k]![v]! > best[h]![v]!)) h = k;
    if (h < 0) continue;
    const edges: ExposureEdge[] = [];
    let cur = v;
    for (let k = h; k >= 1; k--) {
      const e = via[k]![cur]!;
      edges.push(e);
      cur = g.index.get(e.from)!;
    }
    edges.reverse();
    const path = simplePath(g.nodes[s]!, edges);
    out.push({ protocol: g.nodes[v]!, share: path.share, path });
  }
  return out.sort((a, b) => b.share - a.share || (a.protocol < b.protocol ? -1 : 1));
}

/** A walk with any cycle cut out (cycles of share 1 can tie with the simple path). */
function simplePath(source: string, edges: ExposureEdge[]): ExposurePath {
  const nodes = [source];
  const kept: ExposureEdge[] = [];
  for (const e of edges) {
    const at = nodes.indexOf(e.to);
    if (at >= 0) {
      nodes.length = at + 1;
      kept.length = at;
    } else {
      nodes.push(e.to);
      kept.push(e);
    }
  }
  return { nodes, hops: kept.map(hopOf), share: kept.reduce((x, e) => x * e.share, 1) };
}

/** A binary heap of item ids under a "comes before" order. */
class Heap {
  private readonly a: number[] = [];
  constructor(private readonly first: (x: number, y: number) => boolean) {}
  get size(): number {
    return this.a.length;
  }
  push(x: number): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.first(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): number {
    const a = this.a;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.first(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.first(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}
