// Balance-sheet valuation in whole cents and the attribution of every equity change (MODEL.md §3.9).
// Each component (a holding, a market's loans, a claim, an issued token, ...) keeps its last booked value in
// cents; revaluing it books the difference as an event (step, protocol, channel, from). Equity is the sum of
// the components, so the booked events of a protocol add up to its equity change exactly.
import { CENTS } from './constants';
import { LoanBook } from './loan-book';
import { PEG_NONE, PEG_USD, type EngineState } from './state';

export type Channel = 'price' | 'liquidation' | 'counterparty' | 'peg' | 'exogenous';
export const CHANNELS: readonly Channel[] = ['price', 'liquidation', 'counterparty', 'peg', 'exogenous'];
const CHANNEL_CODE: Record<Channel, number> = {
  price: 0,
  liquidation: 1,
  counterparty: 2,
  peg: 3,
  exogenous: 4,
};

/** A growable column of numbers. */
class Column<T extends Float64Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(Math.max(1024, this.data.length * 2));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }
}

/**
 * The booked events, one row per (step, cause, protocol, channel) with its amount in cents (negative is a
 * loss), stored as columns. Causes are ids of the ledger's cause table (`causeName`).
 */
export class LedgerEvents {
  readonly step = new Column(new Int32Array(0), (n) => new Int32Array(n));
  readonly from = new Column(new Int32Array(0), (n) => new Int32Array(n));
  readonly to = new Column(new Int32Array(0), (n) => new Int32Array(n));
  readonly channel = new Column(new Uint8Array(0), (n) => new Uint8Array(n));
  readonly cents = new Column(new Float64Array(0), (n) => new Float64Array(n));
  get length(): number {
    return this.cents.length;
  }
  push(step: number, from: number, to: number, channel: number, cents: number): void {
    this.step.push(step);
    this.from.push(from);
    this.to.push(to);
    this.channel.push(channel);
    this.cents.push(cents);
  }
  /** Removes the rows from `start` on whose amount is zero. */
  compact(start: number): void {
    let w = start;
    for (let r = start; r < this.length; r++) {
      if (this.cents.data[r] === 0) continue;
      if (w !== r) {
        this.step.data[w] = this.step.data[r]!;
        this.from.data[w] = this.from.data[r]!;
        this.to.data[w] = this.to.data[r]!;
        this.channel.data[w] = this.channel.data[r]!;
        this.cents.data[w] = this.cents.data[r]!;
      }
      w++;
    }
    for (const col of [this.step, this.from, this.to, this.channel, this.cents]) col.length = w;
  }

  channelOf(i: number): Channel {
    return CHANNELS[this.channel.data[i]!]!;
  }
  /** Row i as an object (for tests and small outputs; hot paths read the columns). */
  row(
    i: number,
    causeNames: readonly string[],
  ): { step: number; from: string; to: number; channel: Channel; cents: number } {
    return {
      step: this.step.data[i]!,
      from: causeNames[this.from.data[i]!]!,
      to: this.to.data[i]!,
      channel: this.channelOf(i),
      cents: this.cents.data[i]!,
    };
  }
  rows(causeNames: readonly string[]): ReturnType<LedgerEvents['row']>[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i, causeNames));
  }
}

const toCents = (usd: number): number => Math.round(usd * CENTS);

export class Ledger {
  readonly holdCents: Float64Array;
  readonly loanCents: Float64Array;
  /** Each market's loans in USD, unrounded (the clearing reads these). */
  readonly loanUsd: Float64Array;
  readonly claimCents: Float64Array;
  readonly issueCents: Float64Array;
  readonly otherCents: Float64Array;
  readonly extCents: Float64Array;
  /** Constant parts of equity: insurance fund minus claims of others (nominal). */
  readonly fixedCents: Float64Array;
  readonly equityCents: Float64Array;
  readonly initialEquityCents: Float64Array;
  readonly events = new LedgerEvents();
  /** Names of the causes events are booked from: every asset, protocol, market and scenario event. */
  readonly causeNames: string[];
  private readonly causeBase: { asset: number; protocol: number; market: number; event: number };
  /** Index maps: which protocol owns each holding, claim and issue. */
  readonly holdOwner: Int32Array;
  readonly claimOwner: Int32Array;
  readonly issueOwner: Int32Array;
  /** Dependents of each asset's price: holdings, markets, issues whose par reads it. */
  readonly holdingsOf: number[][];
  readonly marketsOf: number[][];
  readonly issuesOf: number[][];
  /** Markets run by each protocol. */
  readonly marketsBy: number[][];
  /** Sorted cohorts of every market (loan values and liquidatable positions by binary search). */
  readonly loans: LoanBook;
  /** Rows of the current step start here; each protocol's rows of this step are linked from headRow. */
  private stepStart = 0;
  private readonly headRow: Int32Array;
  private nextRow = new Int32Array(1024);
  private readonly touched: number[] = [];
  step = 0;

  constructor(
    private readonly s: EngineState,
    eventCount = 0,
  ) {
    this.loans = new LoanBook(s);
    this.headRow = new Int32Array(s.protocols.n).fill(-1);
    const n = s.names;
    this.causeNames = [
      ...n.assets.map((x) => `asset:${x}`),
      ...n.protocols.map((x) => `protocol:${x}`),
      ...n.markets.map((x) => `market:${x}`),
      ...Array.from({ length: eventCount }, (_, i) => `event:${i}`),
    ];
    this.causeBase = {
      asset: 0,
      protocol: n.assets.length,
      market: n.assets.length + n.protocols.length,
      event: n.assets.length + n.protocols.length + n.markets.length,
    };
    const P = s.protocols;
    this.holdOwner = ownerOf(P.holdStart, P.n);
    this.claimOwner = ownerOf(P.claimStart, P.n);
    this.issueOwner = ownerOf(P.issueStart, P.n);
    this.holdingsOf = s.names.assets.map(() => []);
    this.marketsOf = s.names.assets.map(() => []);
    this.issuesOf = s.names.assets.map(() => []);
    this.marketsBy = s.names.protocols.map(() => []);
    for (let m = 0; m < s.markets.n; m++) this.marketsBy[s.markets.protocol[m]!]!.push(m);
    P.holdAsset.forEach((a, h) => this.holdingsOf[a]!.push(h));
    for (let m = 0; m < s.markets.n; m++) {
      const c = s.markets.collateral[m]!;
      const d = s.markets.debt[m]!;
      this.marketsOf[c]!.push(m);
      // A loan in the protocol's own token is valued at par: it reads the peg target's price.
      const debtReads = s.markets.ownDebt[m] ? s.assets.pegTarget[d]! : d;
      if (debtReads >= 0 && debtReads !== c) this.marketsOf[debtReads]!.push(m);
    }
    P.issueAsset.forEach((a, k) => {
      const t = s.assets.pegTarget[a]!;
      if (t >= 0) this.issuesOf[t]!.push(k);
    });
    this.holdCents = Float64Array.from(P.holdAmount, (_, h) => toCents(this.holdingValue(h)));
    this.loanUsd = Float64Array.from({ length: s.markets.n }, (_, m) => this.loanValue(m));
    this.loanCents = Float64Array.from(this.loanUsd, toCents);
    this.claimCents = Float64Array.from(P.claimAmount, (_, k) => toCents(this.claimValue(k)));
    this.issueCents = Float64Array.from(P.issueSupply, (_, k) => toCents(this.issueValue(k)));
    this.otherCents = Float64Array.from(P.otherAssets, toCents);
    this.extCents = Float64Array.from(P.externalLiabilities, toCents);
    this.fixedCents = Float64Array.from(
      { length: P.n },
      (_, p) => toCents(P.insuranceFund[p]!) - toCents(P.claimsOn[p]!),
    );
    this.equityCents = Float64Array.from({ length: P.n }, (_, p) => this.recomputeEquityCents(p));
    this.initialEquityCents = Float64Array.from(this.equityCents);
  }

  /** Price of one unit at par: peg rate times the target's market price (USD targets are worth 1). */
  par(a: number): number {
    const A = this.s.assets;
    const t = A.pegTarget[a]!;
    if (t === PEG_NONE) return A.price[a]!;
    return A.pegRate[a]! * (t === PEG_USD ? 1 : A.price[t]!);
  }

  holdingValue(h: number): number {
    return this.s.protocols.holdAmount[h]! * this.s.assets.price[this.s.protocols.holdAsset[h]!]!;
  }

  /** A market's loans: each cohort at min(debt value, collateral value). */
  loanValue(m: number): number {
    const { markets: M, cohorts: C, assets: A } = this.s;
    const pc = A.price[M.collateral[m]!]!;
    const pd = M.ownDebt[m] ? this.par(M.debt[m]!) : A.price[M.debt[m]!]!;
    let v = 0;
    for (let c = M.cohortStart[m]!; c < M.cohortStart[m + 1]!; c++)
      v += Math.min(C.debt[c]! * pd, C.collateral[c]! * pc);
    return v;
  }

  claimValue(k: number): number {
    const P = this.s.protocols;
    return P.claimAmount[k]! * P.recovery[P.claimDebtor[k]!]!;
  }

  issueValue(k: number): number {
    const P = this.s.protocols;
    return P.issueSupply[k]! * this.par(P.issueAsset[k]!);
  }

  /** Equity of protocol p from its components as booked (cents). */
  recomputeEquityCents(p: number): number {
    const P = this.s.protocols;
    let e = this.otherCents[p]! - this.extCents[p]! + this.fixedCents[p]!;
    for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) e += this.holdCents[h]!;
    for (let k = P.claimStart[p]!; k < P.claimStart[p + 1]!; k++) e += this.claimCents[k]!;
    for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++) e -= this.issueCents[k]!;
    for (const m of this.marketsBy[p]!) e += this.loanCents[m]!;
    return e;
  }

  /** Cause ids. */
  asset(a: number): number {
    return this.causeBase.asset + a;
  }
  protocol(p: number): number {
    return this.causeBase.protocol + p;
  }
  market(m: number): number {
    return this.causeBase.market + m;
  }
  event(i: number): number {
    return this.causeBase.event + i;
  }

  /**
   * Books a change of p's equity. Changes of one protocol from one cause through one channel within a step
   * add up into one row: the protocol's rows of the step are found through a short linked list.
   */
  private book(p: number, channel: Channel, from: number, cents: number): void {
    if (cents === 0) return;
    this.equityCents[p]! += cents;
    const code = CHANNEL_CODE[channel];
    const ev = this.events;
    for (let r = this.headRow[p]!; r >= 0; r = this.nextRow[r - this.stepStart]!) {
      if (ev.channel.data[r] === code && ev.from.data[r] === from) {
        ev.cents.data[r]! += cents;
        return;
      }
    }
    const row = ev.length;
    ev.push(this.step, from, p, code, cents);
    const local = row - this.stepStart;
    if (local >= this.nextRow.length) {
      const bigger = new Int32Array(this.nextRow.length * 2);
      bigger.set(this.nextRow);
      this.nextRow = bigger;
    }
    if (this.headRow[p] === -1) this.touched.push(p);
    this.nextRow[local] = this.headRow[p]!;
    this.headRow[p] = row;
  }

  revalueHolding(h: number, channel: Channel, from: number): void {
    const next = toCents(this.holdingValue(h));
    const d = next - this.holdCents[h]!;
    this.holdCents[h] = next;
    this.book(this.holdOwner[h]!, channel, from, d);
  }

  revalueMarket(m: number, channel: Channel, from: number): void {
    this.loanUsd[m] = this.loanValue(m);
    const next = toCents(this.loanUsd[m]!);
    const d = next - this.loanCents[m]!;
    this.loanCents[m] = next;
    this.book(this.s.markets.protocol[m]!, channel, from, d);
  }

  revalueClaim(k: number, channel: Channel, from: number): void {
    const next = toCents(this.claimValue(k));
    const d = next - this.claimCents[k]!;
    this.claimCents[k] = next;
    this.book(this.claimOwner[k]!, channel, from, d);
  }

  revalueIssue(k: number, channel: Channel, from: number): void {
    const next = toCents(this.issueValue(k));
    const d = next - this.issueCents[k]!;
    this.issueCents[k] = next;
    this.book(this.issueOwner[k]!, channel, from, -d);
  }

  revalueOther(p: number, channel: Channel, from: number): void {
    const next = toCents(this.s.protocols.otherAssets[p]!);
    const d = next - this.otherCents[p]!;
    this.otherCents[p] = next;
    this.book(p, channel, from, d);
  }

  revalueExternal(p: number, channel: Channel, from: number): void {
    const next = toCents(this.s.protocols.externalLiabilities[p]!);
    const d = next - this.extCents[p]!;
    this.extCents[p] = next;
    this.book(p, channel, from, -d);
  }

  /** Revalues everything that reads asset a's price, booking to `channel` from `from`. */
  revalueAsset(a: number, channel: Channel, from: number): void {
    for (const h of this.holdingsOf[a]!) this.revalueHolding(h, channel, from);
    for (const m of this.marketsOf[a]!) this.revalueMarket(m, channel, from);
    for (const k of this.issuesOf[a]!) this.revalueIssue(k, channel, from);
  }

  /** Closes the step: drops rows whose changes cancelled out (rows stay in booking order, which is fixed). */
  flush(): void {
    this.events.compact(this.stepStart);
    for (const p of this.touched) this.headRow[p] = -1;
    this.touched.length = 0;
    this.stepStart = this.events.length;
  }
}

function ownerOf(start: Int32Array, n: number): Int32Array {
  const out = new Int32Array(start[n]!);
  for (let p = 0; p < n; p++) for (let k = start[p]!; k < start[p + 1]!; k++) out[k] = p;
  return out;
}
