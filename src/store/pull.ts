// Reading the stored network back from Neo4j as a contagion/network@1 file, losslessly (every field, in file order).
import type { RelType } from '../model/graph';
import type { Network } from '../model/network';
import { parseNetwork } from '../model/parse-network';
import type { z } from 'zod';
import type { Auction, LendingPoolInput, LiquidityInput, NetworkFileInput } from '../model/schema/network';
import { type Store, storeWork } from './connection';
import { cypher, type StoreLabel } from './cypher-files';
import { StoreError } from './errors';

type Props = Record<string, unknown>;

interface Rel {
  type: RelType;
  fromLabel: StoreLabel;
  from: string;
  toLabel: StoreLabel;
  to: string;
  props: Props;
}

/** The origin named in the issues of a stored network that does not validate. */
export const NEO4J_ORIGIN = 'neo4j';

/** The stored network as a network file (plain JSON, amounts as exact decimal strings). */
export async function pullNetworkFile(store: Store): Promise<NetworkFileInput> {
  const session = store.session('READ');
  try {
    const { top, nodes, rels } = await storeWork(store, 'reading the network', () =>
      session.executeRead(async (tx) => {
        const top = (await tx.run(cypher('pullNetworkNode'))).records.map((r) => r.get('props') as Props);
        const nodes = (await tx.run(cypher('pullNodes'))).records.map((r) => ({
          label: (r.get('labels') as string[])[0] as StoreLabel,
          props: r.get('props') as Props,
        }));
        const rels = (await tx.run(cypher('pullRelationships'))).records.map((r): Rel => ({
          type: r.get('type') as RelType,
          fromLabel: (r.get('fromLabels') as string[])[0] as StoreLabel,
          from: r.get('from') as string,
          toLabel: (r.get('toLabels') as string[])[0] as StoreLabel,
          to: r.get('to') as string,
          props: r.get('props') as Props,
        }));
        return { top, nodes, rels };
      }),
    );
    const network = top[0];
    if (!network)
      throw new StoreError(
        `no network is stored in the Neo4j at ${store.config.uri}: load one with \`contagion db load [network]\``,
      );
    return assemble(network, nodes, rels);
  } finally {
    await session.close();
  }
}

/** The stored network, validated like a file (a hand-edited graph that breaks the format is reported). */
export async function pullNetwork(store: Store): Promise<Network> {
  return parseNetwork(await pullNetworkFile(store), NEO4J_ORIGIN);
}

const byOrd = (a: { props: Props }, b: { props: Props }) =>
  Number(a.props.ord ?? 0) - Number(b.props.ord ?? 0);

/** Drops the keys whose value is undefined, so absent fields stay absent in the file. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A market's auction rule as a file writes it. */
type AuctionInput = z.input<typeof Auction>;

const s = (p: Props, k: string) => p[k] as string | undefined;
const n = (p: Props, k: string) => p[k] as number | undefined;
const ref = (p: Props) => p.ref as string[] | undefined;

function assemble(
  top: Props,
  nodeList: { label: StoreLabel; props: Props }[],
  rels: Rel[],
): NetworkFileInput {
  const nodes = (label: StoreLabel) => nodeList.filter((x) => x.label === label).sort(byOrd);
  /** Relationships of a type (and end label) leaving each node, in file order. */
  const out = (type: RelType, toLabel?: StoreLabel) => {
    const m = new Map<string, Rel[]>();
    for (const r of rels) {
      if (r.type !== type || (toLabel && r.toLabel !== toLabel)) continue;
      const list = m.get(r.from) ?? [];
      list.push(r);
      m.set(r.from, list);
    }
    for (const list of m.values()) list.sort(byOrd);
    return (from: string) => m.get(from) ?? [];
  };
  const holds = out('HOLDS');
  const claims = out('CLAIM_ON');
  const issues = out('ISSUES');
  const runsMarket = out('RUNS', 'Market');
  const collateral = out('COLLATERAL');
  const debt = out('DEBT');
  const pricedBy = out('PRICED_BY');
  const tracks = out('TRACKS');
  const trades = out('TRADES');
  const operator = new Map(
    rels.filter((r) => r.type === 'RUNS' && r.toLabel === 'Venue').map((r) => [r.to, r.from] as const),
  );
  const role = (list: Rel[], want: string) => list.find((r) => r.props.role === want)?.to;
  const markets = new Map(nodes('Market').map((m) => [s(m.props, 'id')!, m.props] as const));

  const market = (id: string) => {
    const m = markets.get(id) ?? {};
    return defined({
      id,
      name: s(m, 'name'),
      collateral: collateral(id)[0]?.to as string,
      debt: debt(id)[0]?.to as string,
      loanToValue: n(m, 'loanToValue') as number,
      liquidationThreshold: n(m, 'liquidationThreshold') as number,
      liquidationBonus: n(m, 'liquidationBonus') as number,
      closeFactor: n(m, 'closeFactor'),
      fullLiquidationHf: n(m, 'fullLiquidationHf'),
      collateralOracle: role(pricedBy(id), 'collateral') as string,
      debtOracle: role(pricedBy(id), 'debt') as string,
      cohorts: JSON.parse(s(m, 'cohortsJson') ?? '[]') as { collateralAmount: string; debtAmount: string }[],
      auction: m.auctionJson === undefined ? undefined : (JSON.parse(s(m, 'auctionJson')!) as AuctionInput),
      ref: ref(m),
      note: s(m, 'note'),
    });
  };

  return defined({
    $schema: s(top, 'schema'),
    format: s(top, 'format') as 'contagion/network@1',
    name: s(top, 'name') as string,
    description: s(top, 'description'),
    asOf: s(top, 'asOf') as string,
    sources: JSON.parse(s(top, 'sourcesJson') ?? '{}') as NetworkFileInput['sources'],
    assets: nodes('Asset').map(({ props: a }) =>
      defined({
        id: s(a, 'id') as string,
        name: s(a, 'name'),
        priceUsd: s(a, 'priceUsd') as string,
        peg:
          a.pegTarget !== undefined
            ? {
                target: s(a, 'pegTarget') as string,
                issuer: s(a, 'pegIssuer') as string,
                rate: n(a, 'pegRate'),
              }
            : undefined,
        pricedPerVenue: a.pricedPerVenue === true ? true : undefined,
        chain: s(a, 'chain'),
        ref: ref(a),
        note: s(a, 'note'),
      }),
    ),
    convertibility: rels
      .filter((r) => r.type === 'CONVERTIBLE_TO')
      .sort(byOrd)
      .map(({ from, to, props: c }) =>
        defined({
          from,
          to,
          rate: n(c, 'rate') as number,
          fee: n(c, 'fee'),
          direction: s(c, 'direction') as 'mint' | 'redeem' | 'both',
          converter: s(c, 'converter'),
          capacity: s(c, 'capacity'),
          id: s(c, 'id'),
          capacityPerDay: s(c, 'capacityPerDay'),
          delaySec: n(c, 'delaySec'),
          costOfCapital: n(c, 'costOfCapital'),
          open: c.open === false ? false : undefined,
          venues: s(c, 'venues')?.split(','),
          ref: ref(c),
          note: s(c, 'note'),
        }),
      ),
    venues: nodes('Venue').map(({ props: v }) => {
      const id = s(v, 'id') as string;
      return defined({
        id,
        name: s(v, 'name'),
        kind: s(v, 'kind') as 'dex' | 'cex' | 'otc',
        operator: operator.get(id),
        chain: s(v, 'chain'),
        liquidity: trades(id).map(({ to, props: l }) =>
          defined({
            asset: to,
            depthUsd2pct: s(l, 'depthUsd2pct') as string,
            resilienceHalfLifeSec: n(l, 'resilienceHalfLifeSec') as number,
            arbitrage:
              l.arbitrageJson === undefined
                ? undefined
                : (JSON.parse(s(l, 'arbitrageJson')!) as NonNullable<LiquidityInput['arbitrage']>),
            amm:
              l.ammJson === undefined
                ? undefined
                : (JSON.parse(s(l, 'ammJson')!) as NonNullable<LiquidityInput['amm']>),
            ref: ref(l),
          }),
        ),
        ref: ref(v),
        note: s(v, 'note'),
      });
    }),
    oracles: nodes('Oracle').map(({ props: o }) => {
      const id = s(o, 'id') as string;
      return defined({
        id,
        name: s(o, 'name'),
        asset: role(tracks(id), 'reports') as string,
        source: s(o, 'source') as 'market' | 'exchange-rate' | 'proxy' | 'fixed',
        heartbeatSec: n(o, 'heartbeatSec') as number,
        deviation: n(o, 'deviation') as number,
        latencySec: n(o, 'latencySec') as number,
        proxyAsset: role(tracks(id), 'proxy'),
        fixedPriceUsd: s(o, 'fixedPriceUsd'),
        venues: o.venues as string[] | undefined,
        chain: s(o, 'chain'),
        ref: ref(o),
        note: s(o, 'note'),
      });
    }),
    protocols: nodes('Protocol').map(({ props: p }) => {
      const id = s(p, 'id') as string;
      return defined({
        id,
        name: s(p, 'name'),
        kind: s(p, 'kind') as Network['protocols'][number]['kind'],
        chain: s(p, 'chain'),
        holdings: holds(id).map(({ to, props: h }) =>
          defined({
            asset: to,
            amount: s(h, 'amount') as string,
            oracle: s(h, 'oracle'),
            ref: ref(h),
            note: s(h, 'note'),
          }),
        ),
        otherAssetsUsd: s(p, 'otherAssetsUsd'),
        claims: claims(id).map(({ to, props: c }) =>
          defined({
            on: to,
            amountUsd: s(c, 'amountUsd') as string,
            kind: s(c, 'kind') as 'deposit' | 'vault-share' | 'loan' | 'other',
            ref: ref(c),
            note: s(c, 'note'),
          }),
        ),
        markets: runsMarket(id).map((r) => market(r.to)),
        perps:
          p.perpsJson !== undefined
            ? (JSON.parse(s(p, 'perpsJson')!) as NonNullable<NetworkFileInput['protocols']>[number]['perps'])
            : undefined,
        issues: issues(id).map(({ to, props: i }) =>
          defined({ asset: to, supply: s(i, 'supply') as string, ref: ref(i) }),
        ),
        externalLiabilitiesUsd: s(p, 'externalLiabilitiesUsd'),
        insuranceFundUsd: s(p, 'insuranceFundUsd'),
        keeperCapacityUsdPerStep: s(p, 'keeperCapacityUsdPerStep'),
        mevLoss: n(p, 'mevLoss'),
        liquidatorsCountImpact: p.liquidatorsCountImpact as boolean | undefined,
        auctionLimitUsd: s(p, 'auctionLimitUsd'),
        onDefault:
          p.onDefault === 'loss-given-default'
            ? { mode: 'loss-given-default' as const, lossGivenDefault: n(p, 'lossGivenDefault') as number }
            : { mode: 'clearing' as const },
        defaultCost:
          p.defaultCostExternalAssets !== undefined
            ? {
                externalAssets: n(p, 'defaultCostExternalAssets') as number,
                claims: n(p, 'defaultCostClaims') as number,
              }
            : undefined,
        depositorRun:
          s(p, 'depositorRunJson') !== undefined
            ? (JSON.parse(s(p, 'depositorRunJson')!) as NonNullable<
                NetworkFileInput['protocols']
              >[number]['depositorRun'])
            : undefined,
        lendingPools:
          p.lendingPoolsJson !== undefined
            ? (JSON.parse(s(p, 'lendingPoolsJson') as string) as LendingPoolInput[])
            : undefined,
        ref: ref(p),
        note: s(p, 'note'),
      });
    }),
    // Chains and bridges (docs/model.md §24): absent in a network without them.
    chains: chainsOf(nodes('Chain')),
    bridges: bridgesOf(nodes('Bridge')),
  });
}

function chainsOf(list: { props: Props }[]): NetworkFileInput['chains'] {
  if (list.length === 0) return undefined;
  return list.map(({ props: c }) =>
    defined({
      id: s(c, 'id') as string,
      name: s(c, 'name'),
      blockTimeSec: n(c, 'blockTimeSec') as number,
      finalitySec: n(c, 'finalitySec') as number,
      ref: ref(c),
      note: s(c, 'note'),
    }),
  );
}

function bridgesOf(list: { props: Props }[]): NetworkFileInput['bridges'] {
  if (list.length === 0) return undefined;
  return list.map(({ props: b }) =>
    defined({
      id: s(b, 'id') as string,
      name: s(b, 'name'),
      from: s(b, 'from') as string,
      to: s(b, 'to') as string,
      canonical: s(b, 'canonical') as string,
      copy: s(b, 'copy') as string,
      escrow: s(b, 'escrow') as string,
      delaySec: n(b, 'delaySec') as number,
      capacityPerDay: s(b, 'capacityPerDay'),
      ref: ref(b),
      note: s(b, 'note'),
    }),
  );
}
