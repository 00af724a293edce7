// Systemic importance per protocol: centralities of the dependence graph and DebtRank of its default.
import { DirectedGraph } from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import eigenvectorCentrality from 'graphology-metrics/centrality/eigenvector';
import pagerank from 'graphology-metrics/centrality/pagerank';
import { balanceSheets, marketLoansUsd, parPricer } from '../model/balance-sheet';
import { ZERO } from '../model/decimal';
import type { Network } from '../model/network';
import { type ImpactMatrix, impactMatrix } from './debtrank';
import { debtRankOfEveryDefault, type EveryDefault } from './debtrank-every';
import { debtRankOfEveryDefaultParallel } from './debtrank-parallel';
import { DEFAULT_DEBTRANK_EXPOSURES, type DebtRankExposures } from './debtrank-exposures';
import { exposureGraph, type ExposureGraph } from './exposure';

export { DEBTRANK_EXPOSURES, type DebtRankExposures } from './debtrank-exposures';

export interface SystemicOptions {
  exposures: DebtRankExposures;
  /** Compute betweenness, PageRank and eigenvector centrality (costly on very large networks). */
  centrality: boolean;
}

export const SYSTEMIC_DEFAULTS: SystemicOptions = { exposures: DEFAULT_DEBTRANK_EXPOSURES, centrality: true };

export interface ProtocolImportance {
  protocol: string;
  kind: string;
  assetsUsd: number;
  /** Equity plus insurance fund at initial prices: the buffer DebtRank divides exposures by. */
  bufferUsd: number;
  /** Economic weight v_i: the protocol's share of all protocols' assets. */
  weight: number;
  /** DebtRank of the protocol's default, Battiston et al. (2012). */
  debtRank: number;
  /** DebtRank of the protocol's default, differential rule of Bardoscia et al. (2015), on the uncapped leverage. */
  debtRankDifferential: number;
  /** Other protocols in distress (h > 0), and at full distress (h = 1), under Battiston's rule. */
  distressed: number;
  defaulted: number;
  /** Brandes betweenness on distances -ln(share), normalised by (n-1)(n-2); null when not computed. */
  betweenness: number | null;
  /** PageRank (damping 0.85) on dependence edges weighted by share; null when not computed. */
  pagerank: number | null;
  /** Eigenvector centrality on dependence edges weighted by share; null when not computed or not converged. */
  eigenvector: number | null;
}

export interface SystemicResult {
  network: { name: string; asOf: string };
  exposures: DebtRankExposures;
  /** Protocol-to-protocol dependence edges of the centrality graph, and non-zero entries of W. */
  dependenceEdges: number;
  impactEdges: number;
  /** False when the power iteration of eigenvector centrality did not converge. */
  /** Whether eigenvector centrality converged; null when centralities were not computed. */
  eigenvectorConverged: boolean | null;
  /** Sorted by DebtRank, then differential DebtRank, then id. */
  protocols: ProtocolImportance[];
}

export interface DependenceEdge {
  /** The exposed protocol. */
  from: string;
  /** The protocol it depends on. */
  to: string;
  share: number;
}

/**
 * The protocol graph: p depends on y with share min(1, claims of p on y / p's assets + the exposure shares
 * of p to every asset whose price follows y: y's issued tokens and the assets pegged to or minted from
 * them). Edges point from the exposed protocol to the one it depends on.
 */
export function dependenceEdges(net: Network, g: ExposureGraph = exposureGraph(net)): DependenceEdge[] {
  const out: DependenceEdge[] = [];
  for (const y of [...net.protocols].sort((a, b) => cmp(a.id, b.id))) {
    const yKey = `protocol:${y.id}`;
    const share = new Map<string, number>();
    const add = (p: string, s: number) => {
      if (p !== yKey) share.set(p, (share.get(p) ?? 0) + s);
    };
    // Assets that follow y: issued by y, then down pegs and mint links between assets.
    const seen = new Set<string>();
    const stack: string[] = [];
    for (const e of g.out[g.index.get(yKey)!]!) {
      if (e.type === 'claim') add(e.to, e.share);
      else if (e.type === 'issuance' && !seen.has(e.to)) {
        seen.add(e.to);
        stack.push(e.to);
      }
    }
    while (stack.length > 0) {
      const a = stack.pop()!;
      for (const e of g.out[g.index.get(a)!]!) {
        if (e.to.startsWith('protocol:')) add(e.to, e.share);
        else if (!seen.has(e.to)) {
          seen.add(e.to);
          stack.push(e.to);
        }
      }
    }
    for (const [p, s] of share) out.push({ from: p.slice(9), to: y.id, share: Math.min(1, s) });
  }
  return out.sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
}

export interface DebtRankInputs {
  /** Protocol ids in id order (the node order of W). */
  ids: string[];
  /** Battiston's impact matrix: W_ij = min(1, Lambda_ij). */
  W: ImpactMatrix;
  /** The leverage matrix of Bardoscia et al. (2015): Lambda_ij = exposure of j to i / buffer of j, uncapped. */
  leverage: ImpactMatrix;
  v: Float64Array;
  assetsUsd: Float64Array;
  bufferUsd: Float64Array;
}

/**
 * DebtRank's inputs: Lambda_ij = exposure of j to i / buffer of j and W_ij = min(1, Lambda_ij), with the
 * exposure of j to i as `exposures` says (`DebtRankExposures`) and the buffer equity + insurance fund at
 * initial prices (both entries 1 when the buffer is not positive); v_i = assets of i over all protocols'
 * assets. A protocol's own tokens (held or as collateral) are no exposure to itself.
 */
export function debtRankInputs(net: Network, exposures: DebtRankExposures): DebtRankInputs {
  const ids = net.protocols.map((p) => p.id).sort(cmp);
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const n = ids.length;
  const sheets = new Map(balanceSheets(net).map((s) => [s.protocol, s] as const));
  const assetsUsd = new Float64Array(n);
  const bufferUsd = new Float64Array(n);
  for (const p of net.protocols) {
    const i = index.get(p.id)!;
    const s = sheets.get(p.id)!;
    assetsUsd[i] = s.assetsUsd.toNumber();
    bufferUsd[i] = s.equityUsd.add(p.insuranceFundUsd).toNumber();
  }
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd.toNumber()] as const));
  const priceDec = new Map(net.assets.map((a) => [a.id, a.priceUsd] as const));
  const px = (a: string) => priceDec.get(a) ?? ZERO;
  const par = parPricer(net);
  const issuer = new Map(net.assets.flatMap((a) => (a.peg ? [[a.id, a.peg.issuer] as const] : [])));
  const src: number[] = [];
  const tgt: number[] = [];
  const usd: number[] = [];
  for (const p of net.protocols) {
    const j = index.get(p.id)!;
    for (const c of p.claims) {
      src.push(index.get(c.on)!);
      tgt.push(j);
      usd.push(c.amountUsd.toNumber());
    }
    if (exposures !== 'claims') {
      for (const h of p.holdings) {
        const y = issuer.get(h.asset);
        if (y === undefined || y === p.id) continue;
        src.push(index.get(y)!);
        tgt.push(j);
        usd.push(h.amount.toNumber() * (price.get(h.asset) ?? 0));
      }
    }
    if (exposures === 'claims-tokens-collateral') {
      const own = new Set(p.issues.map((x) => x.asset));
      for (const m of p.markets) {
        const y = issuer.get(m.collateral);
        if (y === undefined || y === p.id) continue;
        src.push(index.get(y)!);
        tgt.push(j);
        usd.push(marketLoansUsd(m, own, px, par).toNumber());
      }
    }
  }
  // Sum exposures per pair first, then divide by the buffer (W is capped at 1 after summing).
  const pair = new Map<number, number>();
  for (let k = 0; k < src.length; k++) {
    if (!(usd[k]! > 0) || src[k] === tgt[k]) continue;
    const key = src[k]! * n + tgt[k]!;
    pair.set(key, (pair.get(key) ?? 0) + usd[k]!);
  }
  const s2: number[] = [];
  const t2: number[] = [];
  const w2: number[] = [];
  for (const [key, x] of pair) {
    const i = Math.floor(key / n);
    const j = key % n;
    s2.push(i);
    t2.push(j);
    w2.push(bufferUsd[j]! > 0 ? x / bufferUsd[j]! : 1);
  }
  const total = assetsUsd.reduce((s, x) => s + x, 0);
  const v = Float64Array.from(assetsUsd, (x) => (total > 0 ? x / total : 1 / Math.max(1, n)));
  return {
    ids,
    W: impactMatrix(n, s2, t2, w2),
    leverage: impactMatrix(n, s2, t2, w2, Infinity),
    v,
    assetsUsd,
    bufferUsd,
  };
}

/** Centralities and DebtRank of every protocol, on this thread. */
export function systemicImportance(net: Network, options: Partial<SystemicOptions> = {}): SystemicResult {
  const opts = { ...SYSTEMIC_DEFAULTS, ...options };
  const inputs = debtRankInputs(net, opts.exposures);
  return assemble(
    net,
    opts,
    inputs,
    debtRankOfEveryDefault(inputs.W, inputs.v, 1, { leverage: inputs.leverage }),
  );
}

/** `systemicImportance` with DebtRank computed on worker threads on large networks (the same result). */
export async function systemicImportanceParallel(
  net: Network,
  options: Partial<SystemicOptions> = {},
): Promise<SystemicResult> {
  const opts = { ...SYSTEMIC_DEFAULTS, ...options };
  const inputs = debtRankInputs(net, opts.exposures);
  return assemble(
    net,
    opts,
    inputs,
    await debtRankOfEveryDefaultParallel(inputs.W, inputs.v, 1, { leverage: inputs.leverage }),
  );
}

function assemble(
  net: Network,
  opts: SystemicOptions,
  inputs: DebtRankInputs,
  every: EveryDefault,
): SystemicResult {
  const { ids } = inputs;
  const deps = dependenceEdges(net);
  const centrality = opts.centrality ? centralities(ids, deps) : null;
  const kind = new Map(net.protocols.map((p) => [p.id, p.kind] as const));
  const protocols: ProtocolImportance[] = ids.map((id, i) => ({
    protocol: id,
    kind: kind.get(id) ?? 'other',
    assetsUsd: inputs.assetsUsd[i]!,
    bufferUsd: inputs.bufferUsd[i]!,
    weight: inputs.v[i]!,
    debtRank: every.battiston[i]!,
    debtRankDifferential: every.differential[i]!,
    distressed: every.distressedBattiston[i]!,
    defaulted: every.defaultedBattiston[i]!,
    betweenness: centrality ? centrality.betweenness.get(id)! : null,
    pagerank: centrality ? centrality.pagerank.get(id)! : null,
    eigenvector: centrality?.eigenvector ? centrality.eigenvector.get(id)! : null,
  }));
  protocols.sort(
    (a, b) =>
      b.debtRank - a.debtRank ||
      b.debtRankDifferential - a.debtRankDifferential ||
      cmp(a.protocol, b.protocol),
  );
  return {
    network: { name: net.name, asOf: net.asOf },
    exposures: opts.exposures,
    dependenceEdges: deps.length,
    impactEdges: inputs.W.target.length,
    eigenvectorConverged: centrality ? centrality.eigenvector !== null : null,
    protocols,
  };
}

interface EdgeAttrs {
  share: number;
  distance: number;
}

/**
 * A protocol's key in the graphology graph: its id behind a prefix, because graphology keeps neighbours in
 * plain objects, where an id such as `constructor` or `toString` would be found on the prototype.
 */
const nodeKey = (id: string): string => `p:${id}`;

/**
 * The dependence graph as a graphology graph: nodes are protocol ids (as `nodeKey`), edges carry share and
 * -ln(share).
 */
export function dependenceGraph(ids: readonly string[], deps: readonly DependenceEdge[]): DirectedGraph {
  const g = new DirectedGraph<Record<string, never>, EdgeAttrs>();
  for (const id of ids) g.addNode(nodeKey(id));
  for (const d of deps)
    g.addDirectedEdge(nodeKey(d.from), nodeKey(d.to), { share: d.share, distance: -Math.log(d.share) });
  return g;
}

/** A centrality keyed by graph node, as a Map keyed by protocol id (no object lookups by user ids). */
function byId(ids: readonly string[], values: Record<string, number>): Map<string, number> {
  return new Map(
    ids.map((id) => [id, Object.hasOwn(values, nodeKey(id)) ? values[nodeKey(id)]! : 0] as const),
  );
}

/**
 * Betweenness (Brandes, Dijkstra on distance -ln(share): the shortest path is the path of largest product
 * of shares), PageRank and eigenvector centrality (edge weight = share, so importance flows from exposed
 * protocols to the ones they depend on). Weights are always passed explicitly.
 */
export function centralities(
  ids: readonly string[],
  deps: readonly DependenceEdge[],
): {
  betweenness: Map<string, number>;
  pagerank: Map<string, number>;
  eigenvector: Map<string, number> | null;
} {
  const g = dependenceGraph(ids, deps);
  const betweenness = betweennessCentrality(g, {
    getEdgeWeight: (_e, a) => (a as EdgeAttrs).distance,
    normalized: true,
  });
  const pr =
    g.order > 0 ? pagerank(g, { getEdgeWeight: (_e, a) => (a as EdgeAttrs).share, alpha: 0.85 }) : {};
  let eigenvector: Record<string, number> | null = null;
  try {
    eigenvector =
      g.order > 0
        ? eigenvectorCentrality(g, {
            getEdgeWeight: (_e, a) => (a as EdgeAttrs).share,
            maxIterations: 1000,
            tolerance: 1e-9,
          })
        : {};
  } catch {
    eigenvector = null;
  }
  return {
    betweenness: byId(ids, betweenness),
    pagerank: byId(ids, pr),
    eigenvector: eigenvector && byId(ids, eigenvector),
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
