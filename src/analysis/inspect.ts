// A network at a glance: counts by kind, balance-sheet totals, the largest exposures and the recursive loops.
import { balanceSheets, marketLoansUsd, parPricer } from '../model/balance-sheet';
import { ZERO } from '../model/decimal';
import type { Network } from '../model/network';
import { type Loops, type LoopsOptions, findLoops, TRIVIAL_AMPLIFICATION } from './loops';

export interface Exposure {
  /** Protocol that carries the exposure. */
  holder: string;
  /** `asset:X` (a holding, or collateral behind its loans) or `protocol:Y` (a claim). */
  on: string;
  channel: 'holding' | 'claim' | 'collateral';
  usd: number;
  /** Share of the holder's assets. */
  share: number;
}

export interface ProtocolSummary {
  id: string;
  kind: string;
  assetsUsd: number;
  liabilitiesUsd: number;
  equityUsd: number;
}

export interface Inspection {
  name: string;
  asOf: string;
  counts: {
    assets: { base: number; pegged: number };
    protocols: Record<string, number>;
    markets: number;
    cohorts: number;
    oracles: Record<string, number>;
    venues: number;
    claims: number;
    convertibility: number;
    sources: number;
  };
  totals: { assetsUsd: number; loansUsd: number; claimsUsd: number; issuedUsd: number };
  protocols: ProtocolSummary[];
  exposures: Exposure[];
  loops: Loops;
}

export interface InspectOptions extends LoopsOptions {
  /** How many of the largest exposures to list. */
  topExposures: number;
}

export const INSPECT_DEFAULTS: InspectOptions = {
  topExposures: 15,
  maxCycleLength: 8,
  maxCycles: 10_000,
  minAmplification: TRIVIAL_AMPLIFICATION,
};

export function inspectNetwork(net: Network, options: Partial<InspectOptions> = {}): Inspection {
  const opts = { ...INSPECT_DEFAULTS, ...options };
  const sheets = balanceSheets(net);
  const assetsOf = new Map(sheets.map((s) => [s.protocol, s.assetsUsd.toNumber()] as const));
  const kindOf = new Map(net.protocols.map((p) => [p.id, p.kind] as const));
  const countBy = <T>(xs: readonly T[], key: (x: T) => string) =>
    Object.fromEntries(
      [...xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>())].sort(
        (a, b) => (a[0] < b[0] ? -1 : 1),
      ),
    );
  const markets = net.protocols.flatMap((p) => p.markets);
  return {
    name: net.name,
    asOf: net.asOf,
    counts: {
      assets: {
        base: net.assets.filter((a) => !a.peg).length,
        pegged: net.assets.filter((a) => a.peg).length,
      },
      protocols: countBy(net.protocols, (p) => p.kind),
      markets: markets.length,
      cohorts: markets.reduce((s, m) => s + m.cohorts.length, 0),
      oracles: countBy(net.oracles, (o) => o.source),
      venues: net.venues.length,
      claims: net.protocols.reduce((s, p) => s + p.claims.length, 0),
      convertibility: net.convertibility.length,
      sources: Object.keys(net.sources).length,
    },
    totals: {
      assetsUsd: sum(sheets.map((s) => s.assetsUsd.toNumber())),
      loansUsd: sum(sheets.map((s) => s.loansUsd.toNumber())),
      claimsUsd: sum(sheets.map((s) => s.claimsUsd.toNumber())),
      issuedUsd: sum(sheets.map((s) => s.issuedUsd.toNumber())),
    },
    protocols: sheets
      .map((s) => ({
        id: s.protocol,
        kind: kindOf.get(s.protocol) ?? 'other',
        assetsUsd: s.assetsUsd.toNumber(),
        liabilitiesUsd: s.liabilitiesUsd.toNumber(),
        equityUsd: s.equityUsd.toNumber(),
      }))
      .sort((a, b) => b.assetsUsd - a.assetsUsd || (a.id < b.id ? -1 : 1)),
    exposures: largestExposures(net, assetsOf, opts.topExposures),
    loops: findLoops(net, opts),
  };
}

/** Holdings, claims and the collateral behind each protocol's loans, largest USD first. */
export function largestExposures(net: Network, assetsOf: Map<string, number>, top: number): Exposure[] {
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd.toNumber()] as const));
  const priceDec = new Map(net.assets.map((a) => [a.id, a.priceUsd] as const));
  const px = (a: string) => priceDec.get(a) ?? ZERO;
  const par = parPricer(net);
  const all: Exposure[] = [];
  for (const p of net.protocols) {
    const own = new Set(p.issues.map((i) => i.asset));
    const held = assetsOf.get(p.id) ?? 0;
    const share = (usd: number) => (held > 0 ? usd / held : 0);
    const byKey = new Map<string, Exposure>();
    const add = (on: string, channel: Exposure['channel'], usd: number) => {
      const key = `${channel}\u0000${on}`;
      const e = byKey.get(key) ?? { holder: p.id, on, channel, usd: 0, share: 0 };
      e.usd += usd;
      byKey.set(key, e);
    };
    for (const h of p.holdings)
      add(`asset:${h.asset}`, 'holding', h.amount.toNumber() * (price.get(h.asset) ?? 0));
    for (const c of p.claims) add(`protocol:${c.on}`, 'claim', c.amountUsd.toNumber());
    for (const m of p.markets)
      add(`asset:${m.collateral}`, 'collateral', marketLoansUsd(m, own, px, par).toNumber());
    for (const e of byKey.values()) {
      e.share = share(e.usd);
      all.push(e);
    }
  }
  const key = (e: Exposure) => `${e.holder} ${e.channel} ${e.on}`;
  return all.sort((a, b) => b.usd - a.usd || (key(a) < key(b) ? -1 : 1)).slice(0, top);
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
