// The network as a typed graphology graph, with the node labels and relationship types used in Neo4j.
import { MultiDirectedGraph } from 'graphology';
import { assetExposureParts, netExposureUsd } from './asset-exposure';
import { balanceSheets, parPricer } from './balance-sheet';
import { ZERO } from './decimal';
import type { Network } from './network';
import { pegRooter } from './peg';

export type NodeLabel = 'Asset' | 'Protocol' | 'Market' | 'Oracle' | 'Venue';
export type RelType =
  | 'HOLDS'
  | 'CLAIM_ON'
  | 'ISSUES'
  | 'RUNS'
  | 'COLLATERAL'
  | 'DEBT'
  | 'PRICED_BY'
  | 'TRACKS'
  | 'PEGGED_TO'
  | 'CONVERTIBLE_TO'
  | 'TRADES'
  | 'LEVERAGE_LOOP';

export const NODE_LABELS: readonly NodeLabel[] = ['Asset', 'Protocol', 'Market', 'Oracle', 'Venue'];
export const REL_TYPES: readonly RelType[] = [
  'HOLDS',
  'CLAIM_ON',
  'ISSUES',
  'RUNS',
  'COLLATERAL',
  'DEBT',
  'PRICED_BY',
  'TRACKS',
  'PEGGED_TO',
  'CONVERTIBLE_TO',
  'TRADES',
  'LEVERAGE_LOOP',
];

export interface NodeAttrs {
  label: NodeLabel;
  id: string;
  name: string;
  /** Kind within the label: protocol kind, oracle source, venue kind, `base`/`pegged` for assets. */
  kind: string;
  /** USD size used to draw and rank: asset market cap is unknown, so assets carry their price. */
  valueUsd: number;
}

export interface EdgeAttrs {
  type: RelType;
  /** USD value carried by the edge at initial prices (0 where the edge carries no money). */
  exposureUsd: number;
  /** Share of the source's assets the edge stands for, where that is meaningful (HOLDS, CLAIM_ON). */
  share?: number;
  /** Extra properties by type (amounts as strings, rates, roles). */
  props: Record<string, string | number | boolean>;
}

export type NetworkGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export const nodeKey = (label: NodeLabel, id: string): string => `${label.toLowerCase()}:${id}`;

const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => cmp(a.id, b.id));
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the graph of a validated network. Nodes are added in label order, then id order, and edges
 * in a fixed order with keys `TYPE:source->target#n`, so the same network always gives the same graph.
 */
export function buildGraph(net: Network): NetworkGraph {
  const g: NetworkGraph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd.toNumber()] as const));
  const sheets = new Map(balanceSheets(net).map((s) => [s.protocol, s] as const));
  const par = parPricer(net);
  const pegRoot = pegRooter(net);
  // A protocol is not exposed to an asset when the tokens it issues pegged to the asset offset what it holds
  // and lends (docs/model.md §5.1): its relationships to the asset say so, for the stored exposure query.
  const exposure = assetExposureParts(net);
  const nettedOut = (p: string, a: string): Record<string, boolean> => {
    const x = exposure.get(p)?.get(a);
    const assets = sheets.get(p)?.assetsUsd.toNumber() ?? 0;
    return x && assets > 0 && netExposureUsd(x) > 0 ? {} : { nettedOut: true };
  };
  const edgeCount = new Map<string, number>();
  const addEdge = (type: RelType, from: string, to: string, attrs: Omit<EdgeAttrs, 'type'>) => {
    const base = `${type}:${from}->${to}`;
    const n = edgeCount.get(base) ?? 0;
    edgeCount.set(base, n + 1);
    g.addDirectedEdgeWithKey(`${base}#${n}`, from, to, { type, ...attrs });
  };

  for (const a of byId(net.assets)) {
    g.addNode(nodeKey('Asset', a.id), {
      label: 'Asset',
      id: a.id,
      name: a.name ?? a.id,
      kind: a.peg ? 'pegged' : 'base',
      valueUsd: a.priceUsd.toNumber(),
    });
  }
  for (const p of byId(net.protocols)) {
    g.addNode(nodeKey('Protocol', p.id), {
      label: 'Protocol',
      id: p.id,
      name: p.name ?? p.id,
      kind: p.kind,
      valueUsd: sheets.get(p.id)?.assetsUsd.toNumber() ?? 0,
    });
  }
  const markets = byId(net.protocols.flatMap((p) => p.markets.map((m) => ({ ...m, protocol: p.id }))));
  for (const m of markets) {
    const debtUsd =
      m.cohorts.reduce((s, c) => s.add(c.debtAmount), ZERO).toNumber() * (price.get(m.debt) ?? 0);
    g.addNode(nodeKey('Market', m.id), {
      label: 'Market',
      id: m.id,
      name: m.name ?? m.id,
      kind: 'market',
      valueUsd: debtUsd,
    });
  }
  for (const o of byId(net.oracles)) {
    g.addNode(nodeKey('Oracle', o.id), {
      label: 'Oracle',
      id: o.id,
      name: o.name ?? o.id,
      kind: o.source,
      valueUsd: 0,
    });
  }
  for (const v of byId(net.venues)) {
    const depth = v.liquidity.reduce((s, l) => s.add(l.depthUsd2pct), ZERO).toNumber();
    g.addNode(nodeKey('Venue', v.id), {
      label: 'Venue',
      id: v.id,
      name: v.name ?? v.id,
      kind: v.kind,
      valueUsd: depth,
    });
  }

  const A = (id: string) => nodeKey('Asset', id);
  const P = (id: string) => nodeKey('Protocol', id);
  for (const a of byId(net.assets)) {
    if (a.peg && a.peg.target !== 'USD') {
      addEdge('PEGGED_TO', A(a.id), A(a.peg.target), {
        exposureUsd: 0,
        props: { rate: a.peg.rate, issuer: a.peg.issuer },
      });
    }
  }
  for (const p of byId(net.protocols)) {
    const assets = sheets.get(p.id)?.assetsUsd.toNumber() ?? 0;
    const shareOf = (usd: number) => (assets > 0 ? usd / assets : 0);
    for (const h of p.holdings) {
      const usd = h.amount.toNumber() * (price.get(h.asset) ?? 0);
      addEdge('HOLDS', P(p.id), A(h.asset), {
        exposureUsd: usd,
        share: shareOf(usd),
        props: { amount: h.amount.toFixed(), ...nettedOut(p.id, h.asset) },
      });
    }
    for (const c of p.claims) {
      const usd = c.amountUsd.toNumber();
      addEdge('CLAIM_ON', P(p.id), P(c.on), {
        exposureUsd: usd,
        share: shareOf(usd),
        props: { amountUsd: c.amountUsd.toFixed(), kind: c.kind },
      });
    }
    for (const i of p.issues) {
      const usd = i.supply.mul(par(i.asset)).toNumber();
      addEdge('ISSUES', P(p.id), A(i.asset), { exposureUsd: usd, props: { supply: i.supply.toFixed() } });
    }
    for (const m of byId(p.markets))
      addEdge('RUNS', P(p.id), nodeKey('Market', m.id), { exposureUsd: 0, props: {} });
  }
  for (const m of markets) {
    const M = nodeKey('Market', m.id);
    const coll = m.cohorts.reduce((s, c) => s.add(c.collateralAmount), ZERO);
    const debt = m.cohorts.reduce((s, c) => s.add(c.debtAmount), ZERO);
    const collUsd = coll.toNumber() * (price.get(m.collateral) ?? 0);
    const debtUsd = debt.toNumber() * (price.get(m.debt) ?? 0);
    addEdge('COLLATERAL', M, A(m.collateral), {
      exposureUsd: collUsd,
      props: {
        amount: coll.toFixed(),
        liquidationThreshold: m.liquidationThreshold,
        loanToValue: m.loanToValue,
        ...nettedOut(m.protocol, m.collateral),
      },
    });
    addEdge('DEBT', M, A(m.debt), {
      exposureUsd: debtUsd,
      props: { amount: debt.toFixed(), ...nettedOut(m.protocol, m.debt) },
    });
    addEdge('PRICED_BY', M, nodeKey('Oracle', m.collateralOracle), {
      exposureUsd: collUsd,
      props: { role: 'collateral' },
    });
    addEdge('PRICED_BY', M, nodeKey('Oracle', m.debtOracle), {
      exposureUsd: debtUsd,
      props: { role: 'debt' },
    });
    if (pegRoot(m.collateral) === pegRoot(m.debt)) {
      addEdge('LEVERAGE_LOOP', A(m.collateral), A(m.debt), {
        exposureUsd: debtUsd,
        props: { market: m.id, protocol: m.protocol, maxLeverage: 1 / (1 - m.loanToValue) },
      });
    }
  }
  for (const o of byId(net.oracles)) {
    addEdge('TRACKS', nodeKey('Oracle', o.id), A(o.asset), { exposureUsd: 0, props: { role: 'reports' } });
    if (o.proxyAsset)
      addEdge('TRACKS', nodeKey('Oracle', o.id), A(o.proxyAsset), {
        exposureUsd: 0,
        props: { role: 'proxy' },
      });
  }
  const links = [...net.convertibility].sort(
    (a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || cmp(a.direction, b.direction),
  );
  for (const c of links) {
    const props: EdgeAttrs['props'] = { rate: c.rate, fee: c.fee, direction: c.direction };
    if (c.converter) props.converter = c.converter;
    if (c.capacity) props.capacity = c.capacity.toFixed();
    if (c.id !== undefined) props.id = c.id;
    if (c.capacityPerDay) props.capacityPerDay = c.capacityPerDay.toFixed();
    if (c.delaySec !== 0) props.delaySec = c.delaySec;
    if (c.costOfCapital !== 0) props.costOfCapital = c.costOfCapital;
    if (!c.open) props.open = false;
    // Ids have no comma: the venues travel as one property.
    if (c.venues) props.venues = c.venues.join(',');
    addEdge('CONVERTIBLE_TO', A(c.from), A(c.to), { exposureUsd: 0, props });
  }
  for (const v of byId(net.venues)) {
    if (v.operator) addEdge('RUNS', P(v.operator), nodeKey('Venue', v.id), { exposureUsd: 0, props: {} });
    for (const l of v.liquidity) {
      addEdge('TRADES', nodeKey('Venue', v.id), A(l.asset), {
        exposureUsd: l.depthUsd2pct.toNumber(),
        props: { depthUsd2pct: l.depthUsd2pct.toFixed(), resilienceHalfLifeSec: l.resilienceHalfLifeSec },
      });
    }
  }
  return g;
}
