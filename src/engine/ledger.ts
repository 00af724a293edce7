// Balance-sheet valuation in whole cents and the attribution of every equity change (docs/model.md §3.9).
// Each component (a holding, a market's loans, a claim, an issued token, ...) keeps its last booked value in
// cents; revaluing it books the difference as an event (step, protocol, channel, from). Equity is the sum of
// the components, so the booked events of a protocol add up to its equity change exactly.
// A summary-only run keeps no rows (`foldRows`): each step's rows are folded into per-protocol sums, and
// on steps whose attribution nobody reads (`beginStep` with deferred valuation) revaluations only mark what changed, and each marked
// component is valued once when its value is next read (`sync`).
import { mapFloat64 } from './typed-columns';
import { InternalError } from '../model/errors';
import { CENTS } from './constants';
import { LoanBook } from './loan-book';
import { perpAccountValue } from './perp-state';
import { PEG_NONE, PEG_USD, type EngineState } from './state';

export type Channel = 'price' | 'liquidation' | 'counterparty' | 'peg' | 'exogenous' | 'interest';
export const CHANNELS: readonly Channel[] = [
  'price',
  'liquidation',
  'counterparty',
  'peg',
  'exogenous',
  'interest',
];
const CHANNEL_CODE: Record<Channel, number> = {
  price: 0,
  liquidation: 1,
  counterparty: 2,
  peg: 3,
  exogenous: 4,
  interest: 5,
};

/** A growable column of numbers (grown by its table, `LedgerEvents`, for all its columns at once). */
class Column<T extends Float64Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(public data: T) {}
  /** Moves the values to `bigger`, a column with more room. */
  moveTo(bigger: T): void {
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
}

/**
 * The booked events, one row per (step, cause, protocol, channel) with its amount in cents (negative is a
 * loss), stored as columns. Causes are ids of the ledger's cause table (`causeName`).
 */
export class LedgerEvents {
  readonly step = new Column(new Int32Array(0));
  readonly from = new Column(new Int32Array(0));
  readonly to = new Column(new Int32Array(0));
  readonly channel = new Column(new Uint8Array(0));
  readonly cents = new Column(new Float64Array(0));
  get length(): number {
    return this.cents.length;
  }
  push(step: number, from: number, to: number, channel: number, cents: number): void {
    // The columns always have the same length and capacity: one check for all five.
    const i = this.cents.length;
    if (i === this.cents.data.length) this.reserve(Math.max(1024, 2 * i));
    this.step.data[i] = step;
    this.from.data[i] = from;
    this.to.data[i] = to;
    this.channel.data[i] = channel;
    this.cents.data[i] = cents;
    this.step.length = this.from.length = this.to.length = this.channel.length = this.cents.length = i + 1;
  }
  /** Rows the columns have room for without growing. */
  get capacity(): number {
    return this.cents.data.length;
  }
  /**
   * Makes room for `n` rows in all (one move of the rows instead of doubling again and again). The five
   * columns share one buffer: one allocation, where five would each count towards the memory outside the
   * heap that starts a full collection (a large network's rows take hundreds of megabytes).
   */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const buffer = new ArrayBuffer(21 * n);
    this.cents.moveTo(new Float64Array(buffer, 0, n));
    this.step.moveTo(new Int32Array(buffer, 8 * n, n));
    this.from.moveTo(new Int32Array(buffer, 12 * n, n));
    this.to.moveTo(new Int32Array(buffer, 16 * n, n));
    this.channel.moveTo(new Uint8Array(buffer, 20 * n, n));
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

  /** Removes every row. */
  clear(): void {
    for (const col of [this.step, this.from, this.to, this.channel, this.cents]) col.length = 0;
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

const CENTS_PER_USD = CENTS;
const toCents = (usd: number): number => Math.round(usd * CENTS_PER_USD);

/**
 * Deferred valuation is exact while every amount stays below this many cents (about 11 trillion USD): whole
 * cents then add up exactly in any order. A run that goes beyond it is flagged (`outOfRange`) and run again
 * with every change booked as it happens.
 */
const DEFERRED_LIMIT_CENTS = 2 ** 50;

/**
 * Components marked for valuation: a flag per component and the list of those marked, made on the first
 * mark (only a run that defers valuation marks anything; a full run never holds them).
 */
class Marks {
  flag = EMPTY_FLAGS;
  list = EMPTY_LIST;
  count = 0;
  constructor(private readonly n: number) {}
  mark(i: number): void {
    if (this.list.length < this.n) {
      this.flag = new Uint8Array(this.n);
      this.list = new Int32Array(this.n);
    }
    if (this.flag[i]) return;
    this.flag[i] = 1;
    this.list[this.count++] = i;
  }
}
const EMPTY_FLAGS = new Uint8Array(0);
const EMPTY_LIST = new Int32Array(0);

export class Ledger {
  readonly holdCents: Float64Array;
  readonly loanCents: Float64Array;
  /** Each market's loans in USD, unrounded (the clearing reads these). */
  readonly loanUsd: Float64Array;
  readonly claimCents: Float64Array;
  readonly issueCents: Float64Array;
  readonly otherCents: Float64Array;
  readonly extCents: Float64Array;
  /** Each protocol's perp account: its backstop positions less what it lost clearing perp books (§15). */
  readonly perpCents: Float64Array;
  /** Constant parts of equity: insurance fund minus claims of others (nominal). */
  readonly fixedCents: Float64Array;
  readonly equityCents: Float64Array;
  readonly initialEquityCents: Float64Array;
  readonly events = new LedgerEvents();
  /** The scenario's events, and the causes added after them (`addCause`), by name. */
  private readonly eventCount: number;
  private readonly addedCauses: string[] = [];
  private causeNamesBuilt: string[] | undefined;
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
  /** The same lists in two columns: the markets of protocol p are marketList[marketStart[p] .. marketStart[p+1]-1]. */
  readonly marketStart: Int32Array;
  readonly marketList: Int32Array;
  /** Sorted cohorts of every market (loan values and liquidatable positions by binary search). */
  readonly loans: LoanBook;
  /** Rows of the current step start here; each protocol's rows of this step are linked from headRow. */
  private stepStart = 0;
  private readonly headRow: Int32Array;
  private nextRow = new Int32Array(1024);
  /** The step being booked (set by `beginStep`). */
  private stepNow = 0;
  /** Steps the run will take at most (`expectSteps`): room for the rows is made from the rows booked so far. */
  private stepsExpected = 0;
  /** Rows kept before the step that just closed (for `makeRoom`). */
  private rowsBefore = 0;
  /**
   * The ledger's mode, set by `foldRows` before the first step: keep the booked rows (a full run), or fold
   * each step's rows into `bookedCents` when it closes, reporting only whether any row was left.
   */
  private rowsKept = true;
  /**
   * Set per step by `beginStep`, only while rows are folded: revaluations mark what changed instead of
   * booking it, and `sync` values each marked component once (for steps whose rows cannot matter).
   */
  private deferValuation = false;
  /** Without rows: per protocol, the sum of everything booked (what the ledger check reconciles). */
  readonly bookedCents: Float64Array;
  /** Without rows: some amount went beyond the range where deferred valuation is exact. */
  outOfRange = false;
  private readonly marked: {
    assets: Marks;
    holdings: Marks;
    markets: Marks;
    claims: Marks;
    issues: Marks;
    other: Marks;
    external: Marks;
  };
  private anyMarked = false;

  /** A ledger of `s` at its initial prices; with `template` (the pristine ledger of the same network), a copy of it. */
  constructor(
    private readonly s: EngineState,
    eventCount = 0,
    template?: Ledger,
  ) {
    const n = s.names;
    const P = s.protocols;
    this.headRow = new Int32Array(P.n).fill(-1);
    this.causeBase = {
      asset: 0,
      protocol: n.assets.length,
      market: n.assets.length + n.protocols.length,
      event: n.assets.length + n.protocols.length + n.markets.length,
    };
    this.eventCount = eventCount;
    this.bookedCents = new Float64Array(P.n);
    this.marked = {
      assets: new Marks(s.assets.n),
      holdings: new Marks(P.holdAmount.length),
      markets: new Marks(s.markets.n),
      claims: new Marks(P.claimAmount.length),
      issues: new Marks(P.issueSupply.length),
      other: new Marks(P.n),
      external: new Marks(P.n),
    };
    if (template) {
      // Index tables are shared (never written after construction); values are copied.
      this.loans = template.loans.copyFor(s);
      this.holdOwner = template.holdOwner;
      this.claimOwner = template.claimOwner;
      this.issueOwner = template.issueOwner;
      this.holdingsOf = template.holdingsOf;
      this.marketsOf = template.marketsOf;
      this.issuesOf = template.issuesOf;
      this.marketsBy = template.marketsBy;
      this.marketStart = template.marketStart;
      this.marketList = template.marketList;
      this.holdCents = template.holdCents.slice();
      this.loanUsd = template.loanUsd.slice();
      this.loanCents = template.loanCents.slice();
      this.claimCents = template.claimCents.slice();
      this.issueCents = template.issueCents.slice();
      this.otherCents = template.otherCents.slice();
      this.extCents = template.extCents.slice();
      this.perpCents = template.perpCents.slice();
      this.fixedCents = template.fixedCents.slice();
      this.equityCents = template.equityCents.slice();
      this.initialEquityCents = template.initialEquityCents.slice();
      return;
    }
    this.loans = new LoanBook(s);
    this.holdOwner = ownerOf(P.holdStart, P.n);
    this.claimOwner = ownerOf(P.claimStart, P.n);
    this.issueOwner = ownerOf(P.issueStart, P.n);
    this.holdingsOf = s.names.assets.map(() => []);
    this.marketsOf = s.names.assets.map(() => []);
    this.issuesOf = s.names.assets.map(() => []);
    this.marketsBy = s.names.protocols.map(() => []);
    for (let m = 0; m < s.markets.n; m++) this.marketsBy[s.markets.protocol[m]!]!.push(m);
    this.marketStart = new Int32Array(P.n + 1);
    this.marketList = new Int32Array(s.markets.n);
    this.marketsBy.forEach((ms, p) => {
      this.marketList.set(ms, this.marketStart[p]!);
      this.marketStart[p + 1] = this.marketStart[p]! + ms.length;
    });
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
    // Plain loops over the components (a million claims): each value as the revaluations compute it.
    this.holdCents = new Float64Array(P.holdAmount.length);
    for (let h = 0; h < P.holdAmount.length; h++) this.holdCents[h] = toCents(this.holdingValue(h));
    this.loanUsd = new Float64Array(s.markets.n);
    this.loanCents = new Float64Array(s.markets.n);
    for (let m = 0; m < s.markets.n; m++) {
      this.loanUsd[m] = this.loanValue(m);
      this.loanCents[m] = toCents(this.loanUsd[m]!);
    }
    this.claimCents = new Float64Array(P.claimAmount.length);
    for (let k = 0; k < P.claimAmount.length; k++) this.claimCents[k] = toCents(this.claimValue(k));
    this.issueCents = new Float64Array(P.issueSupply.length);
    for (let k = 0; k < P.issueSupply.length; k++) this.issueCents[k] = toCents(this.issueValue(k));
    this.otherCents = mapFloat64(P.otherAssets, toCents);
    this.extCents = mapFloat64(P.externalLiabilities, toCents);
    this.perpCents = mapFloat64({ length: P.n }, (_, p) => toCents(perpAccountValue(s.perps, p)));
    this.fixedCents = mapFloat64(
      { length: P.n },
      (_, p) => toCents(P.insuranceFund[p]!) - toCents(P.claimsOn[p]!),
    );
    this.equityCents = mapFloat64({ length: P.n }, (_, p) => this.recomputeEquityCents(p));
    this.initialEquityCents = Float64Array.from(this.equityCents);
  }

  /**
   * A fresh ledger of `s`, a copy of this network's pristine state, with `eventCount` scenario events. Only
   * for a ledger nothing has been booked in (a prepared network's).
   */
  copyFor(s: EngineState, eventCount: number): Ledger {
    return new Ledger(s, eventCount, this);
  }

  /** Whether the booked rows are kept (a full run) or folded into `bookedCents` step by step. */
  get keepRows(): boolean {
    return this.rowsKept;
  }

  /** The step being booked. */
  get step(): number {
    return this.stepNow;
  }

  /**
   * The run takes at most `steps` steps. Kept rows then grow in few large moves: when a step closes and the
   * rows booked so far, at their rate per step, would outgrow the columns before the last step, room is made
   * for all of them at once (each move of a column allocates anew, and many moves cost many collections).
   */
  expectSteps(steps: number): void {
    this.stepsExpected = steps;
  }

  /** Folds each step's rows into per-protocol sums instead of keeping them (a summary-only run); before any step. */
  foldRows(): void {
    if (this.events.length > 0 || this.stepNow > 0)
      throw new InternalError('the ledger mode is set before the first step');
    this.rowsKept = false;
  }

  /**
   * Opens step t. With `deferValuation` (only when rows are folded), revaluations of this step only mark what
   * changed, valued once when next read; `flush` closes the step and ends it.
   */
  beginStep(t: number, deferValuation: boolean): void {
    if (deferValuation && this.rowsKept) throw new InternalError('deferred valuation needs folded rows');
    this.stepNow = t;
    this.deferValuation = deferValuation;
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

  /**
   * A market's loans: each cohort at min(debt value, collateral value), and its auctions in progress. The sum
   * over cohorts comes from the loan book (cohorts sorted by ratio, prefix sums: a binary search instead of a
   * pass over them), so revaluing a market costs the same whatever its number of cohorts.
   */
  loanValue(m: number): number {
    const { markets: M, assets: A } = this.s;
    const pc = A.price[M.collateral[m]!]!;
    const pd = M.ownDebt[m] ? this.par(M.debt[m]!) : A.price[M.debt[m]!]!;
    let v = this.loans.value(m, pc, pd);
    // Auctions in progress stay on the books like the loans they came from (docs/model.md §17.4).
    const auctions = this.s.auctions;
    if (auctions.size > 0 && auctions.byMarket[m]!.length > 0) v += auctions.value(m, pc, pd);
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
    let e = this.otherCents[p]! - this.extCents[p]! + this.fixedCents[p]! + this.perpCents[p]!;
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
  /** Adds a cause named `name` after the network's and the events' (a defence, docs/model.md §20); its id. */
  addCause(name: string): number {
    this.addedCauses.push(name);
    this.causeNamesBuilt?.push(name);
    return this.causeBase.event + this.eventCount + this.addedCauses.length - 1;
  }

  /**
   * Names of the causes events are booked from, by id: every asset, protocol, market and scenario event, then
   * the causes added. Made when first read (for output), not for every run of a network.
   */
  get causeNames(): readonly string[] {
    if (!this.causeNamesBuilt) {
      const n = this.s.names;
      this.causeNamesBuilt = [
        ...n.assets.map((x) => `asset:${x}`),
        ...n.protocols.map((x) => `protocol:${x}`),
        ...n.markets.map((x) => `market:${x}`),
        ...Array.from({ length: this.eventCount }, (_, i) => `event:${i}`),
        ...this.addedCauses,
      ];
    }
    return this.causeNamesBuilt;
  }

  /**
   * Books a change of p's equity. Changes of one protocol from one cause through one channel within a step
   * add up into one row: the protocol's rows of the step are found through a short linked list.
   */
  private book(p: number, code: number, from: number, cents: number): void {
    if (cents === 0) return;
    if (this.deferValuation) {
      this.settle(p, cents);
      return;
    }
    this.equityCents[p]! += cents;
    const ev = this.events;
    const channels = ev.channel.data;
    const froms = ev.from.data;
    for (let r = this.headRow[p]!; r >= 0; r = this.nextRow[r - this.stepStart]!) {
      if (channels[r] === code && froms[r] === from) {
        ev.cents.data[r]! += cents;
        return;
      }
    }
    const row = ev.length;
    ev.push(this.stepNow, from, p, code, cents);
    const local = row - this.stepStart;
    if (local >= this.nextRow.length) {
      const bigger = new Int32Array(this.nextRow.length * 2);
      bigger.set(this.nextRow);
      this.nextRow = bigger;
    }
    this.nextRow[local] = this.headRow[p]!;
    this.headRow[p] = row;
  }

  private holdingBooked(h: number, code: number, from: number): void {
    const next = toCents(this.holdingValue(h));
    const d = next - this.holdCents[h]!;
    this.holdCents[h] = next;
    this.book(this.holdOwner[h]!, code, from, d);
  }

  private marketBooked(m: number, code: number, from: number): void {
    const usd = this.loanValue(m);
    this.loanUsd[m] = usd;
    const next = toCents(usd);
    const d = next - this.loanCents[m]!;
    this.loanCents[m] = next;
    this.book(this.s.markets.protocol[m]!, code, from, d);
  }

  private issueBooked(k: number, code: number, from: number): void {
    const next = toCents(this.issueValue(k));
    const d = next - this.issueCents[k]!;
    this.issueCents[k] = next;
    this.book(this.issueOwner[k]!, code, from, -d);
  }

  private claimBooked(k: number, code: number, from: number): void {
    const next = toCents(this.claimValue(k));
    const d = next - this.claimCents[k]!;
    this.claimCents[k] = next;
    this.book(this.claimOwner[k]!, code, from, d);
  }

  private otherBooked(p: number, code: number, from: number): void {
    const next = toCents(this.s.protocols.otherAssets[p]!);
    const d = next - this.otherCents[p]!;
    this.otherCents[p] = next;
    this.book(p, code, from, d);
  }

  private externalBooked(p: number, code: number, from: number): void {
    const next = toCents(this.s.protocols.externalLiabilities[p]!);
    const d = next - this.extCents[p]!;
    this.extCents[p] = next;
    this.book(p, code, from, -d);
  }

  /** Revalues p's perp account from the perp books' state (booked at once, also while deferring). */
  revaluePerp(p: number, channel: Channel, from: number): void {
    const next = toCents(perpAccountValue(this.s.perps, p));
    const d = next - this.perpCents[p]!;
    this.perpCents[p] = next;
    this.book(p, CHANNEL_CODE[channel], from, d);
  }

  revalueHolding(h: number, channel: Channel, from: number): void {
    if (this.deferValuation) this.mark(this.marked.holdings, h);
    else this.holdingBooked(h, CHANNEL_CODE[channel], from);
  }

  revalueMarket(m: number, channel: Channel, from: number): void {
    if (this.deferValuation) this.mark(this.marked.markets, m);
    else this.marketBooked(m, CHANNEL_CODE[channel], from);
  }

  revalueClaim(k: number, channel: Channel, from: number): void {
    if (this.deferValuation) this.mark(this.marked.claims, k);
    else this.claimBooked(k, CHANNEL_CODE[channel], from);
  }

  revalueIssue(k: number, channel: Channel, from: number): void {
    if (this.deferValuation) this.mark(this.marked.issues, k);
    else this.issueBooked(k, CHANNEL_CODE[channel], from);
  }

  revalueOther(p: number, channel: Channel, from: number): void {
    if (this.deferValuation) this.mark(this.marked.other, p);
    else this.otherBooked(p, CHANNEL_CODE[channel], from);
  }

  revalueExternal(p: number, channel: Channel, from: number): void {
    if (this.deferValuation) this.mark(this.marked.external, p);
    else this.externalBooked(p, CHANNEL_CODE[channel], from);
  }

  /** Revalues everything that reads asset a's price, booking to `channel` from `from`. */
  revalueAsset(a: number, channel: Channel, from: number): void {
    if (this.deferValuation) {
      this.mark(this.marked.assets, a);
      return;
    }
    const code = CHANNEL_CODE[channel];
    const holdings = this.holdingsOf[a]!;
    for (let i = 0; i < holdings.length; i++) this.holdingBooked(holdings[i]!, code, from);
    const markets = this.marketsOf[a]!;
    for (let i = 0; i < markets.length; i++) this.marketBooked(markets[i]!, code, from);
    const issues = this.issuesOf[a]!;
    for (let i = 0; i < issues.length; i++) this.issueBooked(issues[i]!, code, from);
  }

  private mark(marks: Marks, i: number): void {
    marks.mark(i);
    this.anyMarked = true;
  }

  /**
   * Values every component marked since the last sync, once each, from the current state. Each one's change
   * goes to its owner's equity: the same whole cents as booking every intermediate value would give, since
   * only the last value of a component stays in equity. Readers of booked values (clearing, breakers, the
   * end of a step) call it first; without marks it does nothing.
   */
  sync(): void {
    if (!this.anyMarked) return;
    this.anyMarked = false;
    const { assets, holdings, markets, claims, issues, other, external } = this.marked;
    for (let i = 0; i < assets.count; i++) {
      const a = assets.list[i]!;
      assets.flag[a] = 0;
      const hs = this.holdingsOf[a]!;
      for (let j = 0; j < hs.length; j++) holdings.mark(hs[j]!);
      const ms = this.marketsOf[a]!;
      for (let j = 0; j < ms.length; j++) markets.mark(ms[j]!);
      const ks = this.issuesOf[a]!;
      for (let j = 0; j < ks.length; j++) issues.mark(ks[j]!);
    }
    assets.count = 0;
    // The loops below are holdingBooked, marketBooked, ... with the arrays they read held in locals.
    const P = this.s.protocols;
    const price = this.s.assets.price;
    const amount = P.holdAmount;
    const holdAsset = P.holdAsset;
    const holdCents = this.holdCents;
    const holdOwner = this.holdOwner;
    for (let i = 0; i < holdings.count; i++) {
      const h = holdings.list[i]!;
      holdings.flag[h] = 0;
      const next = toCents(amount[h]! * price[holdAsset[h]!]!);
      const d = next - holdCents[h]!;
      holdCents[h] = next;
      if (d !== 0) this.settle(holdOwner[h]!, d);
    }
    holdings.count = 0;
    const marketProtocol = this.s.markets.protocol;
    for (let i = 0; i < markets.count; i++) {
      const m = markets.list[i]!;
      markets.flag[m] = 0;
      const usd = this.loanValue(m);
      this.loanUsd[m] = usd;
      const next = toCents(usd);
      const d = next - this.loanCents[m]!;
      this.loanCents[m] = next;
      if (d !== 0) this.settle(marketProtocol[m]!, d);
    }
    markets.count = 0;
    for (let i = 0; i < claims.count; i++) {
      const k = claims.list[i]!;
      claims.flag[k] = 0;
      this.claimBooked(k, 0, 0);
    }
    claims.count = 0;
    const supply = P.issueSupply;
    const issueAsset = P.issueAsset;
    const issueCents = this.issueCents;
    const issueOwner = this.issueOwner;
    for (let i = 0; i < issues.count; i++) {
      const k = issues.list[i]!;
      issues.flag[k] = 0;
      const next = toCents(supply[k]! * this.par(issueAsset[k]!));
      const d = next - issueCents[k]!;
      issueCents[k] = next;
      if (d !== 0) this.settle(issueOwner[k]!, -d);
    }
    issues.count = 0;
    for (let i = 0; i < other.count; i++) {
      const p = other.list[i]!;
      other.flag[p] = 0;
      this.otherBooked(p, 0, 0);
    }
    other.count = 0;
    for (let i = 0; i < external.count; i++) {
      const p = external.list[i]!;
      external.flag[p] = 0;
      this.externalBooked(p, 0, 0);
    }
    external.count = 0;
  }

  /** A change of p's equity without a row (deferred valuation), checked against the exact range. */
  private settle(p: number, cents: number): void {
    const e = (this.equityCents[p]! += cents);
    this.bookedCents[p]! += cents;
    if (!(Math.abs(e) < DEFERRED_LIMIT_CENTS && Math.abs(cents) < DEFERRED_LIMIT_CENTS))
      this.outOfRange = true;
  }

  /**
   * Closes the step: drops rows whose changes cancelled out (rows stay in booking order, which is fixed).
   * Returns whether any row of the step is left. Without `keepRows`, marked components are valued first and
   * the step's rows are folded into `bookedCents` (a deferring step has none, and reports none).
   */
  flush(): boolean {
    this.sync();
    // Every protocol with a row in this step has its list head set: unset them (before dropping any row).
    const to = this.events.to.data;
    for (let r = this.stepStart; r < this.events.length; r++) this.headRow[to[r]!] = -1;
    this.events.compact(this.stepStart);
    const booked = this.events.length > this.stepStart;
    if (!this.rowsKept) {
      const ev = this.events;
      for (let r = 0; r < ev.length; r++) {
        const p = ev.to.data[r]!;
        const sum = (this.bookedCents[p]! += ev.cents.data[r]!);
        if (!(Math.abs(sum) < DEFERRED_LIMIT_CENTS && Math.abs(this.equityCents[p]!) < DEFERRED_LIMIT_CENTS))
          this.outOfRange = true;
      }
      ev.clear();
    }
    this.stepStart = this.events.length;
    this.deferValuation = false;
    if (this.rowsKept) this.makeRoom();
    return booked;
  }

  /**
   * Room for the rows still to come (`expectSteps`), projected at the larger of the rows per step so far and
   * this step's rows (the first steps of a shock book few), with a quarter to spare.
   */
  private makeRoom(): void {
    const ev = this.events;
    const stepsDone = this.stepNow + 1;
    const left = this.stepsExpected - stepsDone;
    if (left <= 0 || ev.length === 0) return;
    const perStep = Math.max(ev.length / stepsDone, ev.length - this.rowsBefore);
    this.rowsBefore = ev.length;
    const projected = ev.length + Math.ceil(perStep * left);
    // A long horizon that may end early (quiet steps) makes room for at most 16M rows more at a time.
    const most = Math.max(2 * ev.capacity, ev.capacity + 2 ** 24);
    if (projected > ev.capacity)
      ev.reserve(Math.ceil(Math.min(most, Math.max(1.25 * projected, 1.5 * ev.capacity))));
  }
}

function ownerOf(start: Int32Array, n: number): Int32Array {
  const out = new Int32Array(start[n]!);
  for (let p = 0; p < n; p++) for (let k = start[p]!; k < start[p + 1]!; k++) out[k] = p;
  return out;
}
