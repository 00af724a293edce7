// Early-warning signals (docs/model.md §21): the kinds, their default thresholds and composite weights, and the
// book that evaluates every signal of a run on its current state, per target and projected onto each protocol.
import { COMPOSITE_WEIGHTS, SIGNAL_KINDS, SIGNAL_THRESHOLDS, type SignalKind } from '../model/signal-kinds';
import { unhandled } from './compile-scenario';
import type { RunContext } from './context';
import { fundingDeviation } from './perp-book';
import type { EngineState } from './state';
import { PEG_NONE, PEG_USD } from './state';

export {
  COMPOSITE_WEIGHTS,
  SIGNAL_KINDS,
  SIGNAL_TARGET,
  SIGNAL_THRESHOLDS,
  type SignalKind,
} from '../model/signal-kinds';

/** One measured series: a signal kind on one target (its index in the state's names of that kind). */
export interface SignalTarget {
  kind: SignalKind;
  target: number;
}

/**
 * Evaluates the signals of a run. `raw[i]` is the value of `targets[i]`; `byProtocol[k * P + p]` is kind k
 * (index in SIGNAL_KINDS) projected onto protocol p: its own value for a protocol signal, else the largest
 * value over what p is exposed to (assets it holds, lends against or issues; oracles, markets and perp books of
 * its own).
 */
export class SignalBook {
  readonly targets: readonly SignalTarget[];
  readonly raw: Float64Array;
  readonly byProtocol: Float64Array;
  readonly protocols: number;
  private readonly exposedAssets: Int32Array[];
  private readonly readOracles: Int32Array[];
  private readonly ownMarkets: Int32Array[];
  private readonly assetValue: Float64Array[];
  private readonly oracleValue: Float64Array;
  private readonly marketValue: Float64Array;
  private readonly bookValue: Float64Array;
  /** Per protocol: the perp books it clears or backs. */
  private readonly ownBooks: Int32Array[];
  /** The eight signals of one protocol, before the composite is added. */
  private readonly scratch = new Float64Array(SIGNAL_KINDS.length - 1);

  constructor(s: EngineState) {
    const A = s.assets;
    const M = s.markets;
    const P = s.protocols;
    const nP = P.n;
    this.protocols = nP;
    const targets: SignalTarget[] = [];
    for (let a = 0; a < A.n; a++)
      if (A.pegTarget[a] !== PEG_NONE) targets.push({ kind: 'peg-discount', target: a });
    for (let a = 0; a < A.n; a++)
      if (A.pegTarget[a] !== PEG_NONE) targets.push({ kind: 'backing-spread', target: a });
    for (let o = 0; o < s.oracles.n; o++) targets.push({ kind: 'oracle-gap', target: o });
    for (let a = 0; a < A.n; a++) if (A.depth[a]! > 0) targets.push({ kind: 'depth-lost', target: a });
    for (let m = 0; m < M.n; m++)
      if (M.debtHolding[m]! >= 0) targets.push({ kind: 'utilization', target: m });
    for (let p = 0; p < nP; p++) targets.push({ kind: 'liquidations', target: p });
    for (let p = 0; p < nP; p++)
      if (P.insuranceFund[p]! > 0) targets.push({ kind: 'insurance-drawdown', target: p });
    const books = s.perps.books;
    for (let b = 0; b < books.length; b++)
      if (books[b]!.funding.length > 0) targets.push({ kind: 'funding-deviation', target: b });
    for (let p = 0; p < nP; p++) targets.push({ kind: 'composite', target: p });
    this.targets = targets;
    this.raw = new Float64Array(targets.length);
    this.byProtocol = new Float64Array(SIGNAL_KINDS.length * nP);
    this.assetValue = [new Float64Array(A.n), new Float64Array(A.n), new Float64Array(A.n)];
    this.oracleValue = new Float64Array(s.oracles.n);
    this.marketValue = new Float64Array(M.n);
    this.bookValue = new Float64Array(books.length);

    const assets = Array.from({ length: nP }, () => new Set<number>());
    const oracles = Array.from({ length: nP }, () => new Set<number>());
    const markets: number[][] = Array.from({ length: nP }, () => []);
    for (let p = 0; p < nP; p++) {
      for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) assets[p]!.add(P.holdAsset[h]!);
      for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++) assets[p]!.add(P.issueAsset[k]!);
    }
    for (let m = 0; m < M.n; m++) {
      const p = M.protocol[m]!;
      assets[p]!.add(M.collateral[m]!);
      oracles[p]!.add(M.collateralOracle[m]!);
      oracles[p]!.add(M.debtOracle[m]!);
      markets[p]!.push(m);
    }
    const sorted = (xs: Iterable<number>) => Int32Array.from([...xs].sort((a, b) => a - b));
    this.exposedAssets = assets.map(sorted);
    this.readOracles = oracles.map(sorted);
    this.ownMarkets = markets.map(sorted);
    this.ownBooks = Array.from({ length: nP }, (_, p) => sorted(new Set(s.perps.booksOf[p] ?? [])));
  }

  /** Evaluates every signal on the run's state now (equity as booked: the caller syncs the ledger first). */
  evaluate(ctx: RunContext): void {
    const { s, ledger, stats } = ctx;
    const A = s.assets;
    const O = s.oracles;
    const M = s.markets;
    const C = s.cohorts;
    const P = s.protocols;
    const [discount, spread, depthLost] = this.assetValue as [Float64Array, Float64Array, Float64Array];
    for (let a = 0; a < A.n; a++) {
      const t = A.pegTarget[a]!;
      const price = A.price[a]!;
      if (t === PEG_NONE) {
        discount[a] = 0;
        spread[a] = 0;
      } else {
        // Par at the initial ratio to the target, so a token that started at a premium or discount reads 0.
        const par = A.pegBasis[a]! * A.pegRate[a]! * (t === PEG_USD ? 1 : A.price[t]!);
        discount[a] = par > 0 ? Math.max(0, 1 - price / par) : 0;
        const f = A.fundamental[a]!;
        spread[a] = f > 0 ? Math.max(0, 1 - price / f) : 0;
      }
      depthLost[a] = A.depth[a]! > 0 ? Math.max(0, 1 - A.depthMultiplier[a]!) : 0;
    }
    for (let o = 0; o < O.n; o++) {
      const p = A.price[O.asset[o]!]!;
      this.oracleValue[o] = p > 0 ? Math.abs(O.reading[o]! - p) / p : 0;
    }
    for (let m = 0; m < M.n; m++) {
      const h = M.debtHolding[m]!;
      if (h < 0) {
        this.marketValue[m] = 0;
        continue;
      }
      let borrowed = 0;
      for (let c = M.cohortStart[m]!; c < M.cohortStart[m + 1]!; c++) borrowed += C.debt[c]!;
      const supplied = borrowed + Math.max(0, P.holdAmount[h]!);
      this.marketValue[m] = supplied > 0 ? borrowed / supplied : 0;
    }
    const books = s.perps.books;
    for (let b = 0; b < books.length; b++) {
      const book = books[b]!;
      this.bookValue[b] = fundingDeviation(book, A.price[book.bookAsset]!);
    }
    const nP = this.protocols;
    const K = SIGNAL_KINDS.length;
    const window = stats.liquidatedWindow;
    const lastStep = window[window.length - 1]!;
    const out = this.byProtocol;
    for (let p = 0; p < nP; p++) {
      let d = 0;
      let sp = 0;
      let dl = 0;
      const exposed = this.exposedAssets[p]!;
      for (let j = 0; j < exposed.length; j++) {
        const a = exposed[j]!;
        if (discount[a]! > d) d = discount[a]!;
        if (spread[a]! > sp) sp = spread[a]!;
        if (depthLost[a]! > dl) dl = depthLost[a]!;
      }
      let og = 0;
      const read = this.readOracles[p]!;
      for (let j = 0; j < read.length; j++)
        if (this.oracleValue[read[j]!]! > og) og = this.oracleValue[read[j]!]!;
      let u = 0;
      const own = this.ownMarkets[p]!;
      for (let j = 0; j < own.length; j++) if (this.marketValue[own[j]!]! > u) u = this.marketValue[own[j]!]!;
      const a0 = ctx.initialAssetsUsd[p]!;
      const liq = a0 > 0 ? lastStep[p]! / a0 : 0;
      const fund = P.insuranceFund[p]!;
      const loss = (ledger.initialEquityCents[p]! - ledger.equityCents[p]!) / 100;
      const ins = fund > 0 ? Math.min(1, Math.max(0, loss) / fund) : 0;
      let fd = 0;
      const ownBooks = this.ownBooks[p]!;
      for (let j = 0; j < ownBooks.length; j++)
        if (this.bookValue[ownBooks[j]!]! > fd) fd = this.bookValue[ownBooks[j]!]!;
      const values = this.scratch;
      values[0] = d;
      values[1] = sp;
      values[2] = og;
      values[3] = dl;
      values[4] = u;
      values[5] = liq;
      values[6] = ins;
      values[7] = fd;
      let composite = 0;
      for (let k = 0; k < K - 1; k++) {
        const kind = SIGNAL_KINDS[k] as Exclude<SignalKind, 'composite'>;
        out[k * nP + p] = values[k]!;
        composite += COMPOSITE_WEIGHTS[kind] * Math.min(1, values[k]! / SIGNAL_THRESHOLDS[kind]);
      }
      out[(K - 1) * nP + p] = composite;
    }
    const targets = this.targets;
    for (let i = 0; i < targets.length; i++) {
      const { kind, target } = targets[i]!;
      this.raw[i] = this.valueOf(kind, target);
    }
  }

  /** The value of one target, as the last `evaluate` left it. */
  private valueOf(kind: SignalKind, target: number): number {
    const nP = this.protocols;
    switch (kind) {
      case 'peg-discount':
        return this.assetValue[0]![target]!;
      case 'backing-spread':
        return this.assetValue[1]![target]!;
      case 'depth-lost':
        return this.assetValue[2]![target]!;
      case 'oracle-gap':
        return this.oracleValue[target]!;
      case 'utilization':
        return this.marketValue[target]!;
      case 'funding-deviation':
        return this.bookValue[target]!;
      case 'liquidations':
      case 'insurance-drawdown':
      case 'composite':
        return this.byProtocol[KIND_INDEX[kind] * nP + target]!;
      default:
        return unhandled(kind);
    }
  }
}

/** Index of each kind in SIGNAL_KINDS (the rows of `byProtocol`). */
export const KIND_INDEX = Object.fromEntries(SIGNAL_KINDS.map((k, i) => [k, i])) as Record<
  SignalKind,
  number
>;
