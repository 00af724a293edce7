// Per-venue prices (docs/model.md §22): one book per venue of each asset priced per venue, with its own impact
// multiplier, depth and half-life; the asset's market price is the depth-weighted mean of its books' prices.
// Built from the network once; the stages move the books through the helpers here.
import { mapFloat64, mapInt32 } from './typed-columns';
import type { Network } from '../model/network';
import { DEPTH_LN } from './constants';

/** Books of the assets priced per venue, grouped by asset (in asset index order, venues in id order). */
export interface VenueBooks {
  n: number;
  /** Per book: its asset, its venue's id, D = depthUsd2pct / -ln(0.98), its share of the asset's depth. */
  asset: Int32Array;
  venue: string[];
  depth: Float64Array;
  weight: Float64Array;
  halfLifeSec: Float64Array;
  /** Per book: the protocol that runs the venue (its own sales land there), or -1. */
  operator: Int32Array;
  /** Per book: impact multiplier m_k; the book's price is f_a · m_k · (m_a / common_a). */
  impact: Float64Array;
  /** Per book: its initial price and the lowest price it ended a stage at. */
  initialPrice: Float64Array;
  minPrice: Float64Array;
  /** Per book: USD sold on this venue this step (sales named to the venue), and sells of arbitrage in transit. */
  flow: Float64Array;
  inTransitUsd: Float64Array;
  /** Per asset: first book and one past the last (equal when the asset has one price). */
  start: Int32Array;
  end: Int32Array;
  /** Per asset: the asset's impact multiplier as last set from its books (what other stages started from). */
  common: Float64Array;
  /** Arbitrage pairs: the books joined, USD per step on each leg, steps the tokens travel. */
  pairA: Int32Array;
  pairB: Int32Array;
  capacityUsd: Float64Array;
  delaySteps: Int32Array;
  /** Arbitrage sells on their way: [step they land, book, USD], in the order sent (landed in that order). */
  transit: [number, number, number][];
  /** Per oracle: the books it reads (median of their prices), or undefined. */
  oracleBooks: (Int32Array | undefined)[];
  /**
   * Per link (in the state's link order): the books of its `to` and of its `from` that its arbitrage trades on,
   * for a side priced per venue whose link names venues, or undefined (the asset's market price).
   */
  linkToBooks: (Int32Array | undefined)[];
  linkFromBooks: (Int32Array | undefined)[];
  /** Per asset: the books of its peg target its par reads (those of its first link from the target), or undefined. */
  pegTargetBooks: (Int32Array | undefined)[];
}

/** What the books need of a link: its ends and the venues it names. */
export interface LinkVenues {
  from: string;
  to: string;
  venues?: readonly string[];
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The books of a network; `assetIdx` and `oracleIdx` map ids to the state's indices. */
export function buildVenueBooks(
  net: Network,
  assetIds: readonly string[],
  oracleIds: readonly string[],
  protocolIds: readonly string[],
  links: readonly LinkVenues[] = [],
): VenueBooks {
  const pIdx = new Map(protocolIds.map((id, i) => [id, i] as const));
  const aIdx = new Map(assetIds.map((id, i) => [id, i] as const));
  const perVenue = new Set(net.assets.filter((a) => a.pricedPerVenue).map((a) => a.id));
  const rows = net.venues
    .flatMap((v) =>
      v.liquidity.filter((l) => perVenue.has(l.asset)).map((l) => ({ v, l, a: aIdx.get(l.asset)! })),
    )
    .sort((x, y) => x.a - y.a || cmp(x.v.id, y.v.id));
  const n = rows.length;
  const bookOf = new Map(rows.map((r, k) => [`${r.v.id}\u0000${r.l.asset}`, k] as const));
  const nA = assetIds.length;
  const start = new Int32Array(nA);
  const end = new Int32Array(nA);
  const total = new Float64Array(nA);
  rows.forEach((r, k) => {
    if (end[r.a] === 0) start[r.a] = k;
    end[r.a] = k + 1;
    total[r.a]! += r.l.depthUsd2pct.toNumber();
  });
  const pairs = rows.flatMap((r, k) =>
    (r.l.arbitrage ?? []).map((x) => ({
      a: k,
      b: bookOf.get(`${x.venue}\u0000${r.l.asset}`)!,
      capacity: x.capacityUsdPerStep.toNumber(),
      delay: x.delaySteps,
    })),
  );
  const oIdx = new Map(oracleIds.map((id, i) => [id, i] as const));
  const oracleBooks: (Int32Array | undefined)[] = oracleIds.map(() => undefined);
  for (const o of net.oracles) {
    if (o.venues === undefined) continue;
    oracleBooks[oIdx.get(o.id)!] = mapInt32(o.venues, (v) => bookOf.get(`${v}\u0000${o.asset}`)!);
  }
  // A side's books on the link's venues (a venue that does not list the side is skipped), or undefined.
  const sideBooks = (asset: string, venues: readonly string[] | undefined) => {
    if (venues === undefined || !perVenue.has(asset)) return undefined;
    const ks = venues.flatMap((v) => bookOf.get(`${v}\u0000${asset}`) ?? []);
    return ks.length > 0 ? Int32Array.from(ks) : undefined;
  };
  const linkToBooks = links.map((c) => sideBooks(c.to, c.venues));
  const linkFromBooks = links.map((c) => sideBooks(c.from, c.venues));
  const pegTargetBooks: (Int32Array | undefined)[] = assetIds.map(() => undefined);
  const pegTarget = new Map(net.assets.flatMap((x) => (x.peg ? [[x.id, x.peg.target] as const] : [])));
  links.forEach((c, k) => {
    const a = aIdx.get(c.to)!;
    if (linkFromBooks[k] && pegTarget.get(c.to) === c.from && pegTargetBooks[a] === undefined)
      pegTargetBooks[a] = linkFromBooks[k];
  });
  return {
    n,
    asset: mapInt32(rows, (r) => r.a),
    venue: rows.map((r) => r.v.id),
    depth: mapFloat64(rows, (r) => r.l.depthUsd2pct.toNumber() / DEPTH_LN),
    // Books of an asset with no depth at all count equally.
    weight: mapFloat64(rows, (r) =>
      total[r.a]! > 0 ? r.l.depthUsd2pct.toNumber() / total[r.a]! : 1 / (end[r.a]! - start[r.a]!),
    ),
    halfLifeSec: mapFloat64(rows, (r) => r.l.resilienceHalfLifeSec),
    operator: mapInt32(rows, (r) => (r.v.operator === undefined ? -1 : pIdx.get(r.v.operator)!)),
    impact: new Float64Array(n).fill(1),
    initialPrice: mapFloat64(rows, (r) => net.assets.find((x) => x.id === r.l.asset)!.priceUsd.toNumber()),
    minPrice: mapFloat64(rows, (r) => net.assets.find((x) => x.id === r.l.asset)!.priceUsd.toNumber()),
    flow: new Float64Array(n),
    inTransitUsd: new Float64Array(n),
    start,
    end,
    common: new Float64Array(nA).fill(1),
    pairA: mapInt32(pairs, (p) => p.a),
    pairB: mapInt32(pairs, (p) => p.b),
    capacityUsd: mapFloat64(pairs, (p) => p.capacity),
    delaySteps: mapInt32(pairs, (p) => p.delay),
    transit: [],
    oracleBooks,
    linkToBooks,
    linkFromBooks,
    pegTargetBooks,
  };
}

/** A copy to run from (the books at rest, nothing in transit). */
export function copyVenueBooks(b: VenueBooks): VenueBooks {
  return {
    ...b,
    impact: b.impact.slice(),
    minPrice: b.minPrice.slice(),
    flow: b.flow.slice(),
    inTransitUsd: b.inTransitUsd.slice(),
    common: b.common.slice(),
    transit: [],
  };
}

/** The book of `venue` for asset `a`, or -1 (compile time only). */
export function findBook(b: VenueBooks, a: number, venue: string): number {
  for (let k = b.start[a]!; k < b.end[a]!; k++) if (b.venue[k] === venue) return k;
  return -1;
}

/** The book of asset a on a venue protocol p runs, or -1 (the first in venue id order if it runs several). */
export function operatedBook(b: VenueBooks, p: number, a: number): number {
  for (let k = b.start[a]!; k < b.end[a]!; k++) if (b.operator[k] === p) return k;
  return -1;
}

/** Whether asset a has books of its own. */
export function hasBooks(b: VenueBooks, a: number): boolean {
  return b.end[a]! > b.start[a]!;
}

/**
 * Carries a move of the asset's impact made by another stage (an event on a pegged asset, arbitrage across a
 * conversion link, a peg) into every book of the asset, as a common factor.
 */
export function syncBooks(b: VenueBooks, a: number, assetImpact: number): void {
  const factor = assetImpact / b.common[a]!;
  if (factor !== 1) for (let k = b.start[a]!; k < b.end[a]!; k++) b.impact[k]! *= factor;
  b.common[a] = assetImpact;
}

/** The asset's impact multiplier from its books: their depth-weighted mean. */
export function joinBooks(b: VenueBooks, a: number): number {
  let m = 0;
  let same = true;
  const first = b.impact[b.start[a]!]!;
  for (let k = b.start[a]!; k < b.end[a]!; k++) {
    m += b.weight[k]! * b.impact[k]!;
    if (b.impact[k] !== first) same = false;
  }
  // Books that agree give their price exactly (weights summing to 1 only up to rounding must not move it).
  if (same) m = first;
  b.common[a] = m;
  return m;
}

/**
 * Book k's price, f_a · m_k, with any move of the asset's impact m_a that other stages made since the books were
 * last synced carried in as a common factor (exactly f_a · m_k when there is none).
 */
export function bookPrice(b: VenueBooks, k: number, fundamental: number, assetImpact: number): number {
  return fundamental * b.impact[k]! * (assetImpact / b.common[b.asset[k]!]!);
}

/** The depth-weighted mean price of some books of one asset (a link's venues, docs/model.md §22). */
export function booksPrice(
  b: VenueBooks,
  books: Int32Array,
  fundamental: number,
  assetImpact: number,
): number {
  if (books.length === 1) return bookPrice(b, books[0]!, fundamental, assetImpact);
  let w = 0;
  let m = 0;
  for (const k of books) {
    w += b.weight[k]!;
    m += b.weight[k]! * b.impact[k]!;
  }
  // Books with no depth at all count equally.
  if (!(w > 0)) {
    m = 0;
    for (const k of books) m += b.impact[k]!;
    w = books.length;
  }
  return fundamental * (m / w) * (assetImpact / b.common[b.asset[books[0]!]!]!);
}

/** The depth D of some books of one asset: the sum of theirs. */
export function booksDepth(b: VenueBooks, books: Int32Array): number {
  let d = 0;
  for (const k of books) d += b.depth[k]!;
  return d;
}

/**
 * Moves some books of asset a by `factor` (a link's arbitrage on its venues), the other books only by the moves
 * other stages made since the last sync; returns the asset's new impact multiplier, their depth-weighted mean.
 */
export function moveBooks(
  b: VenueBooks,
  a: number,
  books: Int32Array,
  factor: number,
  assetImpact: number,
): number {
  syncBooks(b, a, assetImpact);
  for (const k of books) b.impact[k]! *= factor;
  return joinBooks(b, a);
}

/** Whether any book is away from the asset's common move, or arbitrage is in transit. */
export function booksMoving(b: VenueBooks): boolean {
  if (b.transit.length > 0) return true;
  for (let k = 0; k < b.n; k++) if (b.impact[k] !== 1) return true;
  return false;
}

/** The median of the prices of `books` (scratch: at least books.length long); of two, their mean. */
export function medianBookPrice(
  b: VenueBooks,
  books: Int32Array,
  fundamental: number,
  assetImpact: number,
  scratch: Float64Array,
): number {
  const n = books.length;
  if (n === 1) return bookPrice(b, books[0]!, fundamental, assetImpact);
  for (let i = 0; i < n; i++) scratch[i] = bookPrice(b, books[i]!, fundamental, assetImpact);
  const sorted = scratch.subarray(0, n).sort();
  return n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/** Lowers each book's lowest price to its price now (with the asset's, at the end of every stage). */
export function trackBookMinPrices(b: VenueBooks, fundamental: Float64Array, impact: Float64Array): void {
  for (let k = 0; k < b.n; k++) {
    const a = b.asset[k]!;
    const p = bookPrice(b, k, fundamental[a]!, impact[a]!);
    if (p < b.minPrice[k]!) b.minPrice[k] = p;
  }
}
