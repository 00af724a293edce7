// The engine's state: every object of a validated network in compact typed arrays, indices not string keys.
import { mapFloat64, mapInt32, mapUint8 } from './typed-columns';
import { claimColumns, forEachClaim } from '../model/claim-rows';
import { cohortAmounts } from '../model/cohort-rows';
import type { Network } from '../model/network';
import type { Scenario } from '../model/parse-scenario';
import { AuctionBook, auctionRule, type AuctionRule } from './auction-book';
import {
  blockTimeOf,
  type BridgeArrays,
  bridgeLink,
  buildChainState,
  type ChainArrays,
  finalityOf,
} from './chain-state';
import { DEFAULT_HALF_LIFE_SEC, DEPTH_LN } from './constants';
import { MODE_CLEARING, MODE_LOSS_GIVEN_DEFAULT } from './clearing-solver';
import { buildPerpState, copyPerpState, type PerpState } from './perp-state';
import { buildPools, type PoolArrays } from './pool-state';
import { buildVenueBooks, copyVenueBooks, type VenueBooks } from './venue-books';

export const ORACLE_MARKET = 0;
export const ORACLE_EXCHANGE_RATE = 1;
export const ORACLE_PROXY = 2;
export const ORACLE_FIXED = 3;

/** Peg target codes in `pegTarget`: an asset index, or one of these. */
export const PEG_NONE = -1;
export const PEG_USD = -2;

const ORACLE_KINDS = {
  market: ORACLE_MARKET,
  'exchange-rate': ORACLE_EXCHANGE_RATE,
  proxy: ORACLE_PROXY,
  fixed: ORACLE_FIXED,
};

/** Names of everything, by index, for output. */
export interface Names {
  assets: string[];
  oracles: string[];
  protocols: string[];
  markets: string[];
  /** Per link, in link order: its id, or undefined. */
  links: (string | undefined)[];
}

export interface AssetArrays {
  n: number;
  /** Fundamental price f (USD). */
  fundamental: Float64Array;
  /** Impact multiplier m: market price = f * m. */
  impact: Float64Array;
  /** Part of m that this step's events added (it starts decaying next step). */
  freshImpact: Float64Array;
  /** Market price p = f * m. */
  price: Float64Array;
  initialPrice: Float64Array;
  /** D = total depthUsd2pct / -ln(0.98); 0 where the asset trades nowhere. */
  depth: Float64Array;
  /** Scenario multiplier on depth. */
  depthMultiplier: Float64Array;
  /** Tokens on each side of the asset's pool at the start (docs/model.md §3.6); 0 where it has none. */
  ammReserve: Float64Array;
  /** The pool's stableswap amplification (0: constant product). */
  ammAmplification: Float64Array;
  halfLifeSec: Float64Array;
  pegTarget: Int32Array;
  pegIssuer: Int32Array;
  pegRate: Float64Array;
  /** Initial market price over initial par value: keeps a pegged asset's initial premium or discount. */
  pegBasis: Float64Array;
  /** USD sold minus bought this step, at pre-trade prices. */
  flow: Float64Array;
  /** Lowest market price seen. */
  minPrice: Float64Array;
}

export interface OracleArrays {
  n: number;
  asset: Int32Array;
  kind: Uint8Array;
  proxy: Int32Array;
  fixedValue: Float64Array;
  heartbeatSec: Float64Array;
  deviation: Float64Array;
  latencySec: Float64Array;
  /** Value visible to protocols. */
  reading: Float64Array;
  /** Value of the last update sent (what deviation is measured against) and when it was sent. */
  lastSent: Float64Array;
  lastSentSec: Float64Array;
  /** Updates sent but not yet visible: [visibleAtSec, value] pairs in time order. */
  pending: [number, number][][];
  /** Scenario faults: frozen (1), extra latency, manipulated value (NaN when not). */
  frozenByEvent: Uint8Array;
  frozenByBreaker: Uint8Array;
  extraLatencySec: Float64Array;
  manipulated: Float64Array;
}

export interface ProtocolArrays {
  n: number;
  otherAssets: Float64Array;
  externalLiabilities: Float64Array;
  /** Nominal claims of other protocols on this one. */
  claimsOn: Float64Array;
  insuranceFund: Float64Array;
  keeperCapacity: Float64Array;
  mevLoss: Float64Array;
  /** 1 where liquidators count their own and the step's earlier price impact (docs/model.md §3.5). */
  countImpact: Uint8Array;
  /** Most debt plus penalty (USD) in the protocol's auctions at once (Infinity: no limit). */
  auctionLimitUsd: Float64Array;
  mode: Uint8Array;
  lossGivenDefault: Float64Array;
  costExternal: Float64Array;
  costClaims: Float64Array;
  /** Recovery of this protocol's creditors, from the last clearing. */
  recovery: Float64Array;
  /**
   * Share of its liabilities a protocol's assets cover without its insurance fund (capital outside the
   * reserves), from the last clearing: what the market prices a token at while its redemptions are closed.
   */
  reserveCover: Float64Array;
  /** Holdings of protocol p are holdStart[p] .. holdStart[p+1]-1. */
  holdStart: Int32Array;
  holdAsset: Int32Array;
  holdAmount: Float64Array;
  /** Per holding: the oracle the protocol's own books mark it at, or -1 (market price only). */
  holdOracle: Int32Array;
  /** Claims held by protocol p are claimStart[p] .. claimStart[p+1]-1 (sorted by holder). */
  claimStart: Int32Array;
  claimDebtor: Int32Array;
  claimAmount: Float64Array;
  /** Issued tokens of protocol p are issueStart[p] .. issueStart[p+1]-1. */
  issueStart: Int32Array;
  issueAsset: Int32Array;
  issueSupply: Float64Array;
}

export interface MarketArrays {
  n: number;
  protocol: Int32Array;
  collateral: Int32Array;
  debt: Int32Array;
  liquidationThreshold: Float64Array;
  loanToValue: Float64Array;
  bonus: Float64Array;
  closeFactor: Float64Array;
  fullLiquidationHf: Float64Array;
  collateralOracle: Int32Array;
  debtOracle: Int32Array;
  /** 1 when the debt asset is issued by the market's own protocol (valued at par, repayment burns it). */
  ownDebt: Uint8Array;
  /** Holding slot of the debt asset in the protocol's holdings (repayments land there); -1 for own debt. */
  debtHolding: Int32Array;
  /** Issue slot of the debt asset when it is the protocol's own; -1 otherwise. */
  debtIssue: Int32Array;
  /** Cohorts of market m are cohortStart[m] .. cohortStart[m+1]-1. */
  cohortStart: Int32Array;
  /** Per market: its auction rule, or undefined for atomic liquidation at the bonus (read only). */
  auction: (AuctionRule | undefined)[];
}

export interface CohortArrays {
  n: number;
  market: Int32Array;
  collateral: Float64Array;
  debt: Float64Array;
}

export interface LinkArrays {
  n: number;
  from: Int32Array;
  to: Int32Array;
  /** Units of `from` per unit of `to`. */
  rate: Float64Array;
  fee: Float64Array;
  mint: Uint8Array;
  redeem: Uint8Array;
  /** Protocol running the conversion, or -1. */
  converter: Int32Array;
  /** Holding slots of the converter for `from` and `to` (-1 if none), and its issue slot of `to` (-1 if it does not issue it). */
  converterFromHolding: Int32Array;
  converterToHolding: Int32Array;
  converterToIssue: Int32Array;
  /** The converter's issue slot of `from` (-1 if it does not issue it): redeeming mints it, minting burns it. */
  converterFromIssue: Int32Array;
  /** Units of `to` that can still be converted. */
  capacityLeft: Float64Array;
  /** Units of `to` arbitrage may convert per day (Infinity: unbounded). */
  capacityPerDay: Float64Array;
  /** Seconds a redemption takes, and the yearly cost of capital over it. */
  delaySec: Float64Array;
  costOfCapital: Float64Array;
  /** 1 while the link converts, 0 while it is suspended. */
  open: Uint8Array;
  /** While suspended by an event that states one: the discount holders sell at below the issuer's reserve cover (0 otherwise). */
  closedDiscount: Float64Array;
  /** The event that suspended it with that discount (its index in the scenario), or -1. */
  closedBy: Int32Array;
  /** Log-distance between the unbounded and the bounded price that arbitrage already holds. */
  gapHeld: Float64Array;
  /** 1 while a breaker on with a chain or bridge scope suspends it (docs/model.md §24), reset every step. */
  haltedByBreaker: Uint8Array;
}

/** The link converts: open, and not halted by a breaker (docs/model.md §24). */
export const linkConverts = (L: LinkArrays, k: number): boolean =>
  L.open[k] === 1 && L.haltedByBreaker[k] === 0;

export interface EngineState {
  names: Names;
  stepSeconds: number;
  assets: AssetArrays;
  links: LinkArrays;
  /** Pegged assets in the order their fundamentals are set: targets and conversion sources first. */
  pegOrder: Int32Array;
  oracles: OracleArrays;
  protocols: ProtocolArrays;
  markets: MarketArrays;
  cohorts: CohortArrays;
  /** Liquidation auctions in progress (docs/model.md §17); empty at the start of a run. */
  auctions: AuctionBook;
  /** Perp books (docs/model.md §15). */
  perps: PerpState;
  /** Lending pools: utilization, rate curves and the rates in force (docs/model.md §18). */
  pools: PoolArrays;
  /** Books of the assets priced per venue (docs/model.md §22); none when no asset is. */
  venues: VenueBooks;
  /** Chains and bridges (docs/model.md §23); one implicit chain and no bridge when the network has none. */
  chains: ChainArrays;
  bridges: BridgeArrays;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Builds the state of a network. Objects are indexed in id order (not file order), so the same network
 * written in any order gives the same state and the same run.
 */
export function buildState(net: Network, scenario: Pick<Scenario, 'stepSeconds'>): EngineState {
  const assetsSorted = [...net.assets].sort((a, b) => cmp(a.id, b.id));
  const oraclesSorted = [...net.oracles].sort((a, b) => cmp(a.id, b.id));
  const protocolsSorted = [...net.protocols].sort((a, b) => cmp(a.id, b.id));
  const marketsSorted = protocolsSorted
    .flatMap((p) => p.markets.map((m) => ({ m, p })))
    .sort((a, b) => cmp(a.m.id, b.m.id));
  const aIdx = new Map(assetsSorted.map((a, i) => [a.id, i] as const));
  const oIdx = new Map(oraclesSorted.map((o, i) => [o.id, i] as const));
  const pIdx = new Map(protocolsSorted.map((p, i) => [p.id, i] as const));
  const A = (id: string) => aIdx.get(id)!;

  // Assets.
  const nA = assetsSorted.length;
  const depth2 = new Float64Array(nA);
  const halfWeighted = new Float64Array(nA);
  const price0 = mapFloat64(assetsSorted, (a) => a.priceUsd.toNumber());
  const ammReserve = new Float64Array(nA);
  const ammAmplification = new Float64Array(nA);
  for (const v of net.venues) {
    for (const l of v.liquidity) {
      const d = l.depthUsd2pct.toNumber();
      depth2[A(l.asset)]! += d;
      halfWeighted[A(l.asset)]! += d * l.resilienceHalfLifeSec;
      if (l.amm) {
        ammReserve[A(l.asset)] = l.amm.reserveUsd.toNumber() / price0[A(l.asset)]!;
        ammAmplification[A(l.asset)] = l.amm.amplification;
      }
    }
  }
  const assets: AssetArrays = {
    n: nA,
    fundamental: Float64Array.from(price0),
    impact: new Float64Array(nA).fill(1),
    freshImpact: new Float64Array(nA).fill(1),
    price: Float64Array.from(price0),
    initialPrice: Float64Array.from(price0),
    depth: mapFloat64(depth2, (d) => d / DEPTH_LN),
    depthMultiplier: new Float64Array(nA).fill(1),
    ammReserve,
    ammAmplification,
    halfLifeSec: mapFloat64(depth2, (d, i) => (d > 0 ? halfWeighted[i]! / d : DEFAULT_HALF_LIFE_SEC)),
    pegTarget: mapInt32(assetsSorted, (a) =>
      !a.peg ? PEG_NONE : a.peg.target === 'USD' ? PEG_USD : A(a.peg.target),
    ),
    pegIssuer: mapInt32(assetsSorted, (a) => (a.peg ? pIdx.get(a.peg.issuer)! : -1)),
    pegRate: mapFloat64(assetsSorted, (a) => a.peg?.rate ?? 1),
    pegBasis: new Float64Array(nA).fill(1),
    flow: new Float64Array(nA),
    minPrice: Float64Array.from(price0),
  };
  for (let a = 0; a < nA; a++) {
    const t = assets.pegTarget[a]!;
    if (t === PEG_NONE) continue;
    const par = assets.pegRate[a]! * (t === PEG_USD ? 1 : price0[t]!);
    assets.pegBasis[a] = price0[a]! / par;
  }

  // Oracles.
  const nO = oraclesSorted.length;
  const oracles: OracleArrays = {
    n: nO,
    asset: mapInt32(oraclesSorted, (o) => A(o.asset)),
    kind: mapUint8(oraclesSorted, (o) => ORACLE_KINDS[o.source]),
    proxy: mapInt32(oraclesSorted, (o) => (o.proxyAsset ? A(o.proxyAsset) : -1)),
    fixedValue: mapFloat64(oraclesSorted, (o) => o.fixedPriceUsd?.toNumber() ?? NaN),
    heartbeatSec: mapFloat64(oraclesSorted, (o) => o.heartbeatSec),
    deviation: mapFloat64(oraclesSorted, (o) => o.deviation),
    // An update lands in a block of the oracle's chain: its block time adds to the latency (docs/model.md §23.1).
    latencySec: mapFloat64(oraclesSorted, (o) => o.latencySec + blockTimeOf(net, o.chain)),
    reading: new Float64Array(nO),
    lastSent: new Float64Array(nO),
    lastSentSec: new Float64Array(nO),
    pending: oraclesSorted.map(() => []),
    frozenByEvent: new Uint8Array(nO),
    frozenByBreaker: new Uint8Array(nO),
    extraLatencySec: new Float64Array(nO),
    manipulated: new Float64Array(nO).fill(NaN),
  };

  // Protocols, with holding slots for every market's debt asset (repayments land there) and for the assets
  // of the conversions each runs. Built in flat arrays, one protocol after another (no map per protocol).
  const nP = protocolsSorted.length;
  const linksBy: number[] = [];
  const linkStart = new Int32Array(nP + 1);
  {
    const byConverter = net.convertibility
      .map((c, i) => [c.converter === undefined ? -1 : pIdx.get(c.converter)!, i] as const)
      .filter(([p]) => p >= 0)
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [p, i] of byConverter) {
      linksBy.push(i);
      linkStart[p + 1]!++;
    }
    for (let p = 0; p < nP; p++) linkStart[p + 1]! += linkStart[p]!;
  }
  const holdStart = new Int32Array(nP + 1);
  const holdAssets: number[] = [];
  const holdAmounts: number[] = [];
  const holdOracles: number[] = [];
  const byAsset = new SummedByKey(assetsSorted.length);
  protocolsSorted.forEach((p, i) => {
    const from = holdAssets.length;
    // Holdings with their amounts, then slots that only have to exist (added with nothing).
    for (const h of p.holdings) byAsset.add(A(h.asset), h.amount.toNumber());
    const owns = (asset: string) => p.issues.some((x) => x.asset === asset);
    for (const m of p.markets) if (!owns(m.debt)) byAsset.add(A(m.debt));
    for (let k = linkStart[i]!; k < linkStart[i + 1]!; k++) {
      const c = net.convertibility[linksBy[k]!]!;
      byAsset.add(A(c.from));
      if (!owns(c.to)) byAsset.add(A(c.to));
    }
    byAsset.moveInto(holdAssets, holdAmounts);
    holdStart[i + 1] = holdAssets.length;
    const marks = p.holdings.some((x) => x.oracle !== undefined);
    for (let h = from; h < holdAssets.length; h++) {
      const marked = marks
        ? p.holdings.find((x) => x.oracle !== undefined && A(x.asset) === holdAssets[h])
        : undefined;
      holdOracles.push(marked ? oIdx.get(marked.oracle!)! : -1);
    }
  });
  const claimStart = new Int32Array(nP + 1);
  // Room for every claim as written (repeated pairs add up into one, so there may be fewer).
  let claimsWritten = 0;
  for (const p of protocolsSorted) claimsWritten += claimColumns(p)?.count ?? p.claims.length;
  let claimDebtor = new Int32Array(claimsWritten);
  let claimAmount = new Float64Array(claimsWritten);
  let claimCount = 0;
  const byDebtor = new SummedByKey(nP);
  // The index of each of a file's protocol ids (claim debtors as the rows give them), looked up once per id.
  const sortedIndexOf = new Map<readonly string[], Int32Array>();
  const indexOfIds = (ids: readonly string[]) => {
    let to = sortedIndexOf.get(ids);
    if (!to) sortedIndexOf.set(ids, (to = mapInt32(ids, (id) => pIdx.get(id) ?? -1)));
    return to;
  };
  protocolsSorted.forEach((p, i) => {
    // From the file's rows, without building decimal.js values (model/claim-rows.ts).
    const columns = claimColumns(p);
    if (columns) {
      const to = indexOfIds(columns.ids);
      const { debtor, amountUsd, start, count } = columns;
      for (let k = start; k < start + count; k++) byDebtor.add(to[debtor[k]!]!, amountUsd[k]!);
    } else forEachClaim(p, (on, amountUsd) => byDebtor.add(pIdx.get(on)!, amountUsd));
    claimCount = byDebtor.moveIntoColumns(claimDebtor, claimAmount, claimCount);
    claimStart[i + 1] = claimCount;
  });
  if (claimCount < claimsWritten) {
    claimDebtor = claimDebtor.slice(0, claimCount);
    claimAmount = claimAmount.slice(0, claimCount);
  }
  const issueRows = protocolsSorted.map((p) =>
    p.issues.map((i) => [A(i.asset), i.supply.toNumber()] as [number, number]).sort((x, y) => x[0] - y[0]),
  );
  const issueStart = new Int32Array(nP + 1);
  issueRows.forEach((rows, p) => (issueStart[p + 1] = issueStart[p]! + rows.length));
  const claimsOn = new Float64Array(nP);
  for (let k = 0; k < claimCount; k++) claimsOn[claimDebtor[k]!]! += claimAmount[k]!;

  const protocols: ProtocolArrays = {
    n: nP,
    otherAssets: mapFloat64(protocolsSorted, (p) => p.otherAssetsUsd.toNumber()),
    externalLiabilities: mapFloat64(protocolsSorted, (p) => p.externalLiabilitiesUsd.toNumber()),
    claimsOn,
    insuranceFund: mapFloat64(protocolsSorted, (p) => p.insuranceFundUsd.toNumber()),
    keeperCapacity: mapFloat64(protocolsSorted, (p) => p.keeperCapacityUsdPerStep?.toNumber() ?? Infinity),
    mevLoss: mapFloat64(protocolsSorted, (p) => p.mevLoss),
    countImpact: mapUint8(protocolsSorted, (p) => (p.liquidatorsCountImpact ? 1 : 0)),
    auctionLimitUsd: mapFloat64(protocolsSorted, (p) => p.auctionLimitUsd?.toNumber() ?? Infinity),
    mode: mapUint8(protocolsSorted, (p) =>
      p.onDefault.mode === 'clearing' ? MODE_CLEARING : MODE_LOSS_GIVEN_DEFAULT,
    ),
    lossGivenDefault: mapFloat64(protocolsSorted, (p) =>
      p.onDefault.mode === 'loss-given-default' ? p.onDefault.lossGivenDefault : 0,
    ),
    costExternal: mapFloat64(protocolsSorted, (p) => p.defaultCost?.externalAssets ?? 0),
    costClaims: mapFloat64(protocolsSorted, (p) => p.defaultCost?.claims ?? 0),
    recovery: new Float64Array(nP).fill(1),
    reserveCover: new Float64Array(nP).fill(1),
    holdStart,
    holdAsset: Int32Array.from(holdAssets),
    holdAmount: Float64Array.from(holdAmounts),
    holdOracle: Int32Array.from(holdOracles),
    claimStart,
    claimDebtor,
    claimAmount,
    issueStart,
    issueAsset: mapInt32(issueRows.flat(), (r) => r[0]),
    issueSupply: mapFloat64(issueRows.flat(), (r) => r[1]),
  };

  // Markets and cohorts.
  const nM = marketsSorted.length;
  const cohortStart = new Int32Array(nM + 1);
  // Each market's cohort amounts, read once (columns of the file's rows, or made from its cohorts).
  const amountsOf = marketsSorted.map(({ m }) => cohortAmounts(m));
  for (let i = 0; i < nM; i++) cohortStart[i + 1] = cohortStart[i]! + amountsOf[i]!.count;
  const findHolding = (p: number, a: number) => {
    for (let h = holdStart[p]!; h < holdStart[p + 1]!; h++) if (protocols.holdAsset[h] === a) return h;
    return -1;
  };
  const findIssue = (p: number, a: number) => {
    for (let k = issueStart[p]!; k < issueStart[p + 1]!; k++) if (protocols.issueAsset[k] === a) return k;
    return -1;
  };
  // One pass over the markets, every column filled (fifty thousand markets in a generated network).
  const markets: MarketArrays = {
    n: nM,
    protocol: new Int32Array(nM),
    collateral: new Int32Array(nM),
    debt: new Int32Array(nM),
    liquidationThreshold: new Float64Array(nM),
    loanToValue: new Float64Array(nM),
    bonus: new Float64Array(nM),
    closeFactor: new Float64Array(nM),
    fullLiquidationHf: new Float64Array(nM),
    collateralOracle: new Int32Array(nM),
    debtOracle: new Int32Array(nM),
    ownDebt: new Uint8Array(nM),
    debtHolding: new Int32Array(nM),
    debtIssue: new Int32Array(nM),
    cohortStart,
    auction: [],
  };
  for (let i = 0; i < nM; i++) {
    const { m, p } = marketsSorted[i]!;
    const owner = pIdx.get(p.id)!;
    const debt = A(m.debt);
    markets.protocol[i] = owner;
    markets.collateral[i] = A(m.collateral);
    markets.debt[i] = debt;
    markets.liquidationThreshold[i] = m.liquidationThreshold;
    markets.loanToValue[i] = m.loanToValue;
    markets.bonus[i] = m.liquidationBonus;
    markets.closeFactor[i] = m.closeFactor;
    markets.fullLiquidationHf[i] = m.fullLiquidationHf;
    markets.collateralOracle[i] = oIdx.get(m.collateralOracle)!;
    markets.debtOracle[i] = oIdx.get(m.debtOracle)!;
    markets.ownDebt[i] = p.issues.some((x) => x.asset === m.debt) ? 1 : 0;
    markets.debtHolding[i] = findHolding(owner, debt);
    markets.debtIssue[i] = findIssue(owner, debt);
    markets.auction.push(auctionRule(m.auction));
  }
  const nC = cohortStart[nM]!;
  const cohorts: CohortArrays = {
    n: nC,
    market: new Int32Array(nC),
    collateral: new Float64Array(nC),
    debt: new Float64Array(nC),
  };
  // From the file's rows, without building decimal.js values (model/cohort-rows.ts).
  // Markets hold a handful of cohorts each: copied by a loop (a call to `set` per market costs more).
  for (let i = 0; i < nM; i++) {
    const { collateral, debt, start: from, count } = amountsOf[i]!;
    const start = cohortStart[i]!;
    for (let k = 0; k < count; k++) {
      cohorts.market[start + k] = i;
      cohorts.collateral[start + k] = collateral[from + k]!;
      cohorts.debt[start + k] = debt[from + k]!;
    }
  }

  // A bridge runs a conversion link between its canonical and its copy (docs/model.md §23.3).
  const bridgeLinks = (net.bridges ?? []).map((b) => bridgeLink(b, finalityOf(net, b.to)));
  const linksSorted = [...net.convertibility, ...bridgeLinks].sort(
    (a, b) => cmp(a.to, b.to) || cmp(a.from, b.from) || cmp(a.direction, b.direction),
  );
  const conv = (c: (typeof linksSorted)[number]) => (c.converter ? pIdx.get(c.converter)! : -1);
  const links: LinkArrays = {
    n: linksSorted.length,
    from: mapInt32(linksSorted, (c) => A(c.from)),
    to: mapInt32(linksSorted, (c) => A(c.to)),
    rate: mapFloat64(linksSorted, (c) => c.rate),
    fee: mapFloat64(linksSorted, (c) => c.fee),
    mint: mapUint8(linksSorted, (c) => (c.direction !== 'redeem' ? 1 : 0)),
    redeem: mapUint8(linksSorted, (c) => (c.direction !== 'mint' ? 1 : 0)),
    converter: mapInt32(linksSorted, conv),
    converterFromHolding: mapInt32(linksSorted, (c) => (conv(c) >= 0 ? findHolding(conv(c), A(c.from)) : -1)),
    converterToHolding: mapInt32(linksSorted, (c) => (conv(c) >= 0 ? findHolding(conv(c), A(c.to)) : -1)),
    converterToIssue: mapInt32(linksSorted, (c) => (conv(c) >= 0 ? findIssue(conv(c), A(c.to)) : -1)),
    converterFromIssue: mapInt32(linksSorted, (c) => (conv(c) >= 0 ? findIssue(conv(c), A(c.from)) : -1)),
    capacityLeft: mapFloat64(linksSorted, (c) => c.capacity?.toNumber() ?? Infinity),
    capacityPerDay: mapFloat64(linksSorted, (c) => c.capacityPerDay?.toNumber() ?? Infinity),
    delaySec: mapFloat64(linksSorted, (c) => c.delaySec),
    costOfCapital: mapFloat64(linksSorted, (c) => c.costOfCapital),
    open: mapUint8(linksSorted, (c) => (c.open ? 1 : 0)),
    closedDiscount: new Float64Array(linksSorted.length),
    closedBy: new Int32Array(linksSorted.length).fill(-1),
    gapHeld: new Float64Array(linksSorted.length),
    haltedByBreaker: new Uint8Array(linksSorted.length),
  };

  const chainState = buildChainState(
    net,
    assetsSorted.map((a) => a.id),
    oraclesSorted.map((o) => o.id),
    protocolsSorted.map((p) => p.id),
  );
  bridgeLinks.forEach((l, b) => (chainState.bridges.link[b] = linksSorted.indexOf(l)));
  return {
    ...chainState,
    links,
    pegOrder: pegOrder(assets, links),
    names: {
      assets: assetsSorted.map((a) => a.id),
      oracles: oraclesSorted.map((o) => o.id),
      protocols: protocolsSorted.map((p) => p.id),
      markets: marketsSorted.map(({ m }) => m.id),
      links: linksSorted.map((c) => c.id),
    },
    stepSeconds: scenario.stepSeconds,
    assets,
    oracles,
    protocols,
    markets,
    cohorts,
    auctions: new AuctionBook(nM),
    perps: buildPerpState(
      net,
      (id) => pIdx.get(id)!,
      A,
      (id) => oIdx.get(id)!,
      price0,
      nP,
    ),
    pools: buildPools(protocolsSorted, aIdx, protocols, markets),
    venues: buildVenueBooks(
      net,
      assetsSorted.map((a) => a.id),
      oraclesSorted.map((o) => o.id),
      protocolsSorted.map((p) => p.id),
      linksSorted,
    ),
  };
}

/**
 * Appends `entries` ([key, amount]) to `keys` and `sums`, one per key in key order, amounts of the same key
 * summed in their order from 0; an entry without an amount only makes sure its key is there.
 */
/**
 * Amounts summed per key (an asset or protocol index) in the order they are added, each sum starting from 0;
 * `moveInto` hands the keys over in increasing order with their sums and starts afresh. A key added with no
 * amount only has to exist (its sum stays 0 unless amounts are added).
 */
class SummedByKey {
  private readonly sum: Float64Array;
  private readonly seen: Uint8Array;
  /** The keys added since the last move, in the order first added (`count` of them). */
  private readonly keys: Int32Array;
  private count = 0;
  constructor(keyCount: number) {
    this.sum = new Float64Array(keyCount);
    this.seen = new Uint8Array(keyCount);
    this.keys = new Int32Array(keyCount);
  }
  add(key: number, amount?: number): void {
    if (!this.seen[key]) {
      this.seen[key] = 1;
      this.sum[key] = 0;
      this.keys[this.count++] = key;
    }
    if (amount !== undefined) this.sum[key]! += amount;
  }
  /** The keys added, ascending (sorted in place: no work array per protocol). */
  private sortedKeys(): Int32Array {
    const keys = this.keys.subarray(0, this.count);
    this.count = 0;
    return keys.sort();
  }
  moveInto(keys: number[], sums: number[]): void {
    for (const key of this.sortedKeys()) {
      keys.push(key);
      sums.push(this.sum[key]!);
      this.seen[key] = 0;
    }
  }
  /** As `moveInto`, into columns from row `at`; returns the row after the last one written. */
  moveIntoColumns(keys: Int32Array, sums: Float64Array, at: number): number {
    const sorted = this.sortedKeys();
    for (let i = 0; i < sorted.length; i++) {
      const key = sorted[i]!;
      keys[at] = key;
      sums[at++] = this.sum[key]!;
      this.seen[key] = 0;
    }
    return at;
  }
}

/** A copy of every typed array of an object (the other fields shared). */
function copyArrays<T extends object>(x: T): T {
  const out = { ...x } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) {
    if (ArrayBuffer.isView(v)) out[k] = (v as Float64Array).slice();
  }
  return out as T;
}

/**
 * A state to run from a pristine one (never run): every typed array copied, names and the order of pegs
 * shared, the oracles' queues empty.
 */
export function copyState(s: EngineState): EngineState {
  return {
    ...s,
    assets: copyArrays(s.assets),
    links: copyArrays(s.links),
    oracles: { ...copyArrays(s.oracles), pending: s.oracles.pending.map(() => []) },
    protocols: copyArrays(s.protocols),
    markets: copyArrays(s.markets),
    cohorts: copyArrays(s.cohorts),
    auctions: new AuctionBook(s.markets.n),
    perps: copyPerpState(s.perps),
    pools: copyArrays(s.pools),
    venues: copyVenueBooks(s.venues),
  };
}

/**
 * Pegged assets ordered so that an asset comes after its peg target and after the sources of its
 * convertibility links (Kahn's algorithm, smallest index first; assets on a cycle follow in index order).
 */
export function pegOrder(assets: AssetArrays, links: LinkArrays): Int32Array {
  const n = assets.n;
  const after: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  const edge = (from: number, to: number) => {
    after[from]!.push(to);
    indegree[to]!++;
  };
  for (let a = 0; a < n; a++) if (assets.pegTarget[a]! >= 0) edge(assets.pegTarget[a]!, a);
  for (let k = 0; k < links.n; k++) edge(links.from[k]!, links.to[k]!);
  // Kahn's order taking the lowest ready index first (a binary min-heap); on a cycle, the lowest index not yet
  // placed is placed next. `firstOpen` only moves forward, as placed assets stay placed.
  const order: number[] = [];
  const done = new Uint8Array(n);
  const ready = new MinHeap();
  for (let a = 0; a < n; a++) if (indegree[a] === 0) ready.push(a);
  let firstOpen = 0;
  while (order.length < n) {
    if (ready.size === 0) {
      while (done[firstOpen]) firstOpen++;
      ready.push(firstOpen);
    }
    const a = ready.pop();
    if (done[a]) continue;
    done[a] = 1;
    order.push(a);
    for (const b of after[a]!) if (--indegree[b]! === 0 && !done[b]) ready.push(b);
  }
  return Int32Array.from(order.filter((a) => assets.pegTarget[a] !== PEG_NONE));
}

/** A binary min-heap of integers. */
class MinHeap {
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(x: number): void {
    const h = this.items;
    let i = h.length;
    h.push(x);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (h[up]! <= x) break;
      h[i] = h[up]!;
      i = up;
    }
    h[i] = x;
  }
  /** Removes and returns the smallest item; the heap must not be empty. */
  pop(): number {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && h[l + 1]! < h[l]! ? l + 1 : l;
        if (h[c]! >= last) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
