// Balance-sheet valuation in whole cents and the attribution of every equity change (MODEL.md §3.9).
// Each component (a holding, a market's loans, a claim, an issued token, ...) keeps its last booked value in
// cents; revaluing it books the difference as an event (step, protocol, channel, from). Equity is the sum of
// the components, so the booked events of a protocol add up to its equity change exactly.
import { CENTS } from './constants';
import { PEG_NONE, PEG_USD, type EngineState } from './state';

export type Channel = 'price' | 'liquidation' | 'counterparty' | 'peg' | 'exogenous';
export const CHANNELS: readonly Channel[] = ['price', 'liquidation', 'counterparty', 'peg', 'exogenous'];

/** One booked change of a protocol's equity, in cents (negative is a loss). */
export interface LedgerEvent {
  step: number;
  /** What caused it: `asset:X`, `protocol:Y`, `market:M` or `event:N`. */
  from: string;
  /** Protocol index. */
  to: number;
  channel: Channel;
  cents: number;
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
  readonly events: LedgerEvent[] = [];
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
  private pending = new Map<string, number>();
  step = 0;

  constructor(private readonly s: EngineState) {
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

  private book(p: number, channel: Channel, from: string, cents: number): void {
    if (cents === 0) return;
    this.equityCents[p]! += cents;
    const key = `${p}\u0000${channel}\u0000${from}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + cents);
  }

  revalueHolding(h: number, channel: Channel, from: string): void {
    const next = toCents(this.holdingValue(h));
    const d = next - this.holdCents[h]!;
    this.holdCents[h] = next;
    this.book(this.holdOwner[h]!, channel, from, d);
  }

  revalueMarket(m: number, channel: Channel, from: string): void {
    this.loanUsd[m] = this.loanValue(m);
    const next = toCents(this.loanUsd[m]!);
    const d = next - this.loanCents[m]!;
    this.loanCents[m] = next;
    this.book(this.s.markets.protocol[m]!, channel, from, d);
  }

  revalueClaim(k: number, channel: Channel, from: string): void {
    const next = toCents(this.claimValue(k));
    const d = next - this.claimCents[k]!;
    this.claimCents[k] = next;
    this.book(this.claimOwner[k]!, channel, from, d);
  }

  revalueIssue(k: number, channel: Channel, from: string): void {
    const next = toCents(this.issueValue(k));
    const d = next - this.issueCents[k]!;
    this.issueCents[k] = next;
    this.book(this.issueOwner[k]!, channel, from, -d);
  }

  revalueOther(p: number, channel: Channel, from: string): void {
    const next = toCents(this.s.protocols.otherAssets[p]!);
    const d = next - this.otherCents[p]!;
    this.otherCents[p] = next;
    this.book(p, channel, from, d);
  }

  revalueExternal(p: number, channel: Channel, from: string): void {
    const next = toCents(this.s.protocols.externalLiabilities[p]!);
    const d = next - this.extCents[p]!;
    this.extCents[p] = next;
    this.book(p, channel, from, -d);
  }

  /** Revalues everything that reads asset a's price, booking to `channel` from `from`. */
  revalueAsset(a: number, channel: Channel, from: string): void {
    for (const h of this.holdingsOf[a]!) this.revalueHolding(h, channel, from);
    for (const m of this.marketsOf[a]!) this.revalueMarket(m, channel, from);
    for (const k of this.issuesOf[a]!) this.revalueIssue(k, channel, from);
  }

  /** Moves the step's booked changes into the event list, in a fixed order. */
  flush(): void {
    const keys = [...this.pending.keys()].sort();
    for (const key of keys) {
      const cents = this.pending.get(key)!;
      if (cents === 0) continue;
      const [p, channel, from] = key.split('\u0000') as [string, Channel, string];
      this.events.push({ step: this.step, from, to: Number(p), channel, cents });
    }
    this.pending.clear();
  }
}

function ownerOf(start: Int32Array, n: number): Int32Array {
  const out = new Int32Array(start[n]!);
  for (let p = 0; p < n; p++) for (let k = start[p]!; k < start[p + 1]!; k++) out[k] = p;
  return out;
}
