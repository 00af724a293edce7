// The network as rows for Neo4j: buildGraph's nodes and relationships, each carrying every field of the file
// losslessly (amounts as exact strings with float shadows named ...F, refs, notes, and file order as `ord`).
import { int, type Integer } from 'neo4j-driver';
import type { Dec } from '../model/decimal';
import { InternalError } from '../model/errors';
import { buildGraph, nodeKey, type NodeLabel, type RelType } from '../model/graph';
import type { Auction, Cited, Network } from '../model/network';
import { REL_GROUPS, relGroupKey, STORE_LABELS, type StoreLabel } from './cypher-files';

export type PropValue = string | number | boolean | string[] | Integer;
export type Props = Record<string, PropValue>;

export interface NodeRow {
  id: string;
  props: Props;
}

export interface RelRow {
  from: string;
  to: string;
  props: Props;
}

export interface NetworkRows {
  /** The (:Network) node: name, date, format and the sources map as JSON. */
  network: Props;
  nodes: Record<StoreLabel, NodeRow[]>;
  /** Relationship rows by relGroupKey(type, from label, to label), in the graph's order. */
  rels: Map<string, RelRow[]>;
}

/** Graph edge properties that are amounts (exact strings); each gets a float shadow. */
const AMOUNT_PROPS = new Set(['amount', 'amountUsd', 'supply', 'capacity', 'capacityPerDay', 'depthUsd2pct']);

/** An amount as its exact string and a float shadow `${name}F` for sorting; nothing when absent. */
export function amountProps(name: string, d: Dec | undefined): Props {
  return d === undefined ? {} : { [name]: d.toFixed(), [`${name}F`]: d.toNumber() };
}

const opt = (name: string, v: PropValue | undefined): Props => (v === undefined ? {} : { [name]: v });

const cited = (c: Cited): Props => ({ ...(c.ref.length > 0 ? { ref: c.ref } : {}), ...opt('note', c.note) });

/** Keys of buildGraph's edges (`TYPE:source->target#n`), counted in the order buildGraph adds them. */
class EdgeKeys {
  private readonly count = new Map<string, number>();
  next(type: RelType, from: string, to: string): string {
    const base = `${type}:${from}->${to}`;
    const n = this.count.get(base) ?? 0;
    this.count.set(base, n + 1);
    return `${base}#${n}`;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** File-only fields of the edges that stand for a list entry of the file (file order, refs, notes), by edge key. */
function edgeExtras(net: Network): Map<string, Props> {
  const keys = new EdgeKeys();
  const extras = new Map<string, Props>();
  const A = (id: string) => nodeKey('Asset', id);
  const P = (id: string) => nodeKey('Protocol', id);
  for (const p of net.protocols) {
    p.holdings.forEach((h, i) =>
      extras.set(keys.next('HOLDS', P(p.id), A(h.asset)), {
        ord: int(i),
        ...opt('oracle', h.oracle),
        ...cited(h),
      }),
    );
    p.claims.forEach((c, i) =>
      extras.set(keys.next('CLAIM_ON', P(p.id), P(c.on)), { ord: int(i), ...cited(c) }),
    );
    p.issues.forEach((s, i) =>
      extras.set(keys.next('ISSUES', P(p.id), A(s.asset)), {
        ord: int(i),
        ...(s.ref.length > 0 ? { ref: s.ref } : {}),
      }),
    );
    p.markets.forEach((m, i) =>
      extras.set(keys.next('RUNS', P(p.id), nodeKey('Market', m.id)), { ord: int(i) }),
    );
  }
  // buildGraph adds convertibility links sorted by from, to and direction (a stable sort).
  const links = net.convertibility
    .map((c, i) => ({ c, i }))
    .sort((x, y) => cmp(x.c.from, y.c.from) || cmp(x.c.to, y.c.to) || cmp(x.c.direction, y.c.direction));
  for (const { c, i } of links)
    extras.set(keys.next('CONVERTIBLE_TO', A(c.from), A(c.to)), { ord: int(i), ...cited(c) });
  for (const v of net.venues) {
    v.liquidity.forEach((l, i) =>
      extras.set(keys.next('TRADES', nodeKey('Venue', v.id), A(l.asset)), {
        ord: int(i),
        ...(l.ref.length > 0 ? { ref: l.ref } : {}),
        // Arbitrage between venues (docs/model.md §22), as the file writes it, amounts as exact strings.
        ...(l.arbitrage
          ? {
              arbitrageJson: JSON.stringify(
                l.arbitrage.map((x) => ({ ...x, capacityUsdPerStep: x.capacityUsdPerStep.toFixed() })),
              ),
            }
          : {}),
        // A pool that drains (docs/model.md §3.6), likewise.
        ...(l.amm ? { ammJson: JSON.stringify({ ...l.amm, reserveUsd: l.amm.reserveUsd.toFixed() }) } : {}),
      }),
    );
  }
  return extras;
}

/** Edge types whose every edge stands for a list entry of the file (and so has extras). */
const LISTED: ReadonlySet<RelType> = new Set(['HOLDS', 'CLAIM_ON', 'ISSUES', 'CONVERTIBLE_TO', 'TRADES']);

function nodeRows(
  net: Network,
  valueUsd: (label: NodeLabel, id: string) => number,
): Record<NodeLabel, NodeRow[]> {
  const assets = net.assets.map((a, i) => ({
    id: a.id,
    props: {
      id: a.id,
      ...opt('name', a.name),
      kind: a.peg ? 'pegged' : 'base',
      ...amountProps('priceUsd', a.priceUsd),
      ...(a.peg ? { pegTarget: a.peg.target, pegIssuer: a.peg.issuer, pegRate: a.peg.rate } : {}),
      ...(a.pricedPerVenue ? { pricedPerVenue: true } : {}),
      ...opt('chain', a.chain),
      ...cited(a),
      ord: int(i),
    },
  }));
  const protocols = net.protocols.map((p, i) => ({
    id: p.id,
    props: {
      id: p.id,
      ...opt('name', p.name),
      kind: p.kind,
      ...opt('chain', p.chain),
      assetsUsdF: valueUsd('Protocol', p.id),
      ...amountProps('otherAssetsUsd', p.otherAssetsUsd),
      ...amountProps('externalLiabilitiesUsd', p.externalLiabilitiesUsd),
      ...amountProps('insuranceFundUsd', p.insuranceFundUsd),
      ...amountProps('keeperCapacityUsdPerStep', p.keeperCapacityUsdPerStep),
      mevLoss: p.mevLoss,
      ...(p.liquidatorsCountImpact !== undefined ? { liquidatorsCountImpact: p.liquidatorsCountImpact } : {}),
      ...amountProps('auctionLimitUsd', p.auctionLimitUsd),
      // Perp books (docs/model.md §15) are kept whole on their venue, as written in the file.
      ...(p.perps ? { perpsJson: JSON.stringify(p.perps) } : {}),
      onDefault: p.onDefault.mode,
      ...(p.onDefault.mode === 'loss-given-default'
        ? { lossGivenDefault: p.onDefault.lossGivenDefault }
        : {}),
      ...(p.defaultCost
        ? {
            defaultCostExternalAssets: p.defaultCost.externalAssets,
            defaultCostClaims: p.defaultCost.claims,
          }
        : {}),
      ...(p.depositorRun ? { depositorRunJson: JSON.stringify(p.depositorRun) } : {}),
      ...(p.lendingPools ? { lendingPoolsJson: JSON.stringify(p.lendingPools) } : {}),
      ...cited(p),
      ord: int(i),
    },
  }));
  const markets = net.protocols.flatMap((p) =>
    p.markets.map((m, i) => {
      const sum = (pick: (c: (typeof m.cohorts)[number]) => Dec) =>
        m.cohorts.reduce<Dec | undefined>((s, c) => (s === undefined ? pick(c) : s.add(pick(c))), undefined);
      const cohorts = m.cohorts.map((c) => ({
        ...(c.label !== undefined ? { label: c.label } : {}),
        collateralAmount: c.collateralAmount.toFixed(),
        debtAmount: c.debtAmount.toFixed(),
      }));
      return {
        id: m.id,
        props: {
          id: m.id,
          ...opt('name', m.name),
          protocol: p.id,
          loanToValue: m.loanToValue,
          liquidationThreshold: m.liquidationThreshold,
          liquidationBonus: m.liquidationBonus,
          closeFactor: m.closeFactor,
          fullLiquidationHf: m.fullLiquidationHf,
          cohorts: int(m.cohorts.length),
          cohortsJson: JSON.stringify(cohorts),
          ...(m.auction ? { auction: m.auction.kind, auctionJson: auctionJson(m.auction) } : {}),
          ...amountProps(
            'collateralAmount',
            sum((c) => c.collateralAmount),
          ),
          ...amountProps(
            'debtAmount',
            sum((c) => c.debtAmount),
          ),
          debtUsdF: valueUsd('Market', m.id),
          ...cited(m),
          ord: int(i),
        },
      };
    }),
  );
  const oracles = net.oracles.map((o, i) => ({
    id: o.id,
    props: {
      id: o.id,
      ...opt('name', o.name),
      source: o.source,
      heartbeatSec: o.heartbeatSec,
      deviation: o.deviation,
      latencySec: o.latencySec,
      ...amountProps('fixedPriceUsd', o.fixedPriceUsd),
      ...(o.venues ? { venues: o.venues } : {}),
      ...opt('chain', o.chain),
      ...cited(o),
      ord: int(i),
    },
  }));
  const venues = net.venues.map((v, i) => ({
    id: v.id,
    props: {
      id: v.id,
      ...opt('name', v.name),
      kind: v.kind,
      depthUsd2pctF: valueUsd('Venue', v.id),
      ...opt('chain', v.chain),
      ...cited(v),
      ord: int(i),
    },
  }));
  return { Asset: assets, Protocol: protocols, Market: markets, Oracle: oracles, Venue: venues };
}

/** A market's auction rule as its file writes it, amounts as exact strings (docs/model.md §17). */
function auctionJson(a: Auction): string {
  const amount = (d: Dec | undefined) => d?.toFixed();
  return JSON.stringify({
    ...a,
    maxInAuctionUsd: amount(a.maxInAuctionUsd),
    keeperCostUsd: amount(a.keeperCostUsd),
    lotCollateral: amount(a.lotCollateral),
  });
}

/** Every node and relationship the network has in Neo4j, as rows for the write statements. */
export function networkRows(net: Network): NetworkRows {
  const g = buildGraph(net);
  const valueUsd = (label: NodeLabel, id: string) => g.getNodeAttribute(nodeKey(label, id), 'valueUsd');
  const extras = edgeExtras(net);
  const groups = new Set(REL_GROUPS.map((r) => relGroupKey(r.type, r.from, r.to)));
  const rels = new Map<string, RelRow[]>([...groups].map((k) => [k, []]));
  let used = 0;
  g.forEachEdge((key, e, _source, _target, s, t) => {
    const group = relGroupKey(e.type, s.label, t.label);
    const rows = rels.get(group);
    if (!rows) throw new InternalError(`the graph has a ${group} relationship the store cannot write`);
    const props: Props = { exposureUsdF: e.exposureUsd, ...opt('shareF', e.share) };
    for (const [k, v] of Object.entries(e.props)) {
      props[k] = v;
      if (AMOUNT_PROPS.has(k)) props[`${k}F`] = Number(v);
    }
    const extra = extras.get(key);
    if (extra) {
      Object.assign(props, extra);
      used++;
    } else if (LISTED.has(e.type) || (e.type === 'RUNS' && t.label === 'Market')) {
      throw new InternalError(`no file entry found for graph edge ${key}`);
    }
    rows.push({ from: s.id, to: t.id, props });
  });
  if (used !== extras.size) throw new InternalError('some file entries have no graph edge');
  return {
    network: {
      id: net.name,
      name: net.name,
      format: net.format,
      asOf: net.asOf,
      ...opt('description', net.description),
      ...opt('schema', net.$schema),
      sourcesJson: JSON.stringify(net.sources),
      sources: int(Object.keys(net.sources).length),
    },
    nodes: { ...nodeRows(net, valueUsd), ...chainRows(net, rels) },
    rels,
  };
}

/**
 * The chains and bridges (docs/model.md §24): a (:Chain) node per chain, a (:Bridge) node per bridge (its
 * fields as the file writes them), ON_CHAIN from every asset, protocol, oracle and venue to its chain (the
 * first chain when the file names none), and each bridge's FROM_CHAIN, TO_CHAIN, ESCROW, CANONICAL and COPY.
 * Adds the relationships to `rels`; returns the nodes. A network without chains has none of them.
 */
function chainRows(net: Network, rels: NetworkRows['rels']): Record<'Chain' | 'Bridge', NodeRow[]> {
  const chains = net.chains ?? [];
  const first = chains[0]?.id;
  const add = (type: Parameters<typeof relGroupKey>[0], from: StoreLabel, to: StoreLabel, row: RelRow) =>
    rels.get(relGroupKey(type, from, to))!.push(row);
  if (first !== undefined) {
    const on = (label: StoreLabel, list: readonly { id: string; chain?: string }[]) =>
      list.forEach((x) =>
        add('ON_CHAIN', label, 'Chain', {
          from: x.id,
          to: x.chain ?? first,
          props: { declared: x.chain !== undefined },
        }),
      );
    on('Asset', net.assets);
    on('Protocol', net.protocols);
    on('Oracle', net.oracles);
    on('Venue', net.venues);
  }
  const bridges = net.bridges ?? [];
  for (const b of bridges) {
    add('FROM_CHAIN', 'Bridge', 'Chain', { from: b.id, to: b.from, props: {} });
    add('TO_CHAIN', 'Bridge', 'Chain', { from: b.id, to: b.to, props: {} });
    add('ESCROW', 'Bridge', 'Protocol', { from: b.id, to: b.escrow, props: {} });
    add('CANONICAL', 'Bridge', 'Asset', { from: b.id, to: b.canonical, props: {} });
    add('COPY', 'Bridge', 'Asset', { from: b.id, to: b.copy, props: {} });
  }
  return {
    Chain: chains.map((c, i) => ({
      id: c.id,
      props: {
        id: c.id,
        ...opt('name', c.name),
        blockTimeSec: c.blockTimeSec,
        finalitySec: c.finalitySec,
        ...cited(c),
        ord: int(i),
      },
    })),
    Bridge: bridges.map((b, i) => ({
      id: b.id,
      props: {
        id: b.id,
        ...opt('name', b.name),
        from: b.from,
        to: b.to,
        canonical: b.canonical,
        copy: b.copy,
        escrow: b.escrow,
        delaySec: b.delaySec,
        ...amountProps('capacityPerDay', b.capacityPerDay),
        ...cited(b),
        ord: int(i),
      },
    })),
  };
}

/** Number of rows in a NetworkRows: nodes (the network node included) and relationships. */
export function rowCounts(rows: NetworkRows): { nodes: number; relationships: number } {
  const nodes = 1 + STORE_LABELS.reduce((n, l) => n + rows.nodes[l].length, 0);
  const relationships = [...rows.rels.values()].reduce((n, r) => n + r.length, 0);
  return { nodes, relationships };
}
