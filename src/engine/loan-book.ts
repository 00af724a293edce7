// Each market's cohorts sorted by debt/collateral ratio, with prefix sums, so that a market's loan value
// (sum of min(debt value, collateral value)) and its liquidatable cohorts are found by binary search instead
// of a pass over every cohort. A market whose cohorts changed is re-sorted lazily.
import type { EngineState } from './state';

export class LoanBook {
  /** Per market segment (cohortStart[m] .. cohortStart[m+1]-1): cohort indices by ascending ratio. */
  private readonly order: Int32Array;
  /** The sorted ratios debt/collateral (0 without debt, Infinity without collateral). */
  private readonly ratio: Float64Array;
  /** Per market, n+1 entries from base[m]: debt of the first k cohorts, and collateral of the rest. */
  private readonly prefixDebt: Float64Array;
  private readonly suffixCollateral: Float64Array;
  private readonly dirty: Uint8Array;

  /** The book of `s`, every market to sort; with `template` (the book of a copy of the same state), a copy. */
  constructor(
    private readonly s: EngineState,
    template?: LoanBook,
  ) {
    const n = s.cohorts.n;
    const nM = s.markets.n;
    this.order = template ? template.order.slice() : new Int32Array(n);
    this.ratio = template ? template.ratio.slice() : new Float64Array(n);
    this.prefixDebt = template ? template.prefixDebt.slice() : new Float64Array(n + nM);
    this.suffixCollateral = template ? template.suffixCollateral.slice() : new Float64Array(n + nM);
    this.dirty = template ? template.dirty.slice() : new Uint8Array(nM).fill(1);
  }

  /** A copy of this book for `s`, a copy of the state this book was built on. */
  copyFor(s: EngineState): LoanBook {
    return new LoanBook(s, this);
  }

  /** Sorts every market now (a template's book, so that its copies start sorted). */
  sortAll(): void {
    for (let m = 0; m < this.s.markets.n; m++) if (this.dirty[m]) this.rebuild(m);
  }

  /** Marks every market's cohorts as changed (each is sorted again when next read). */
  touchAll(): void {
    this.dirty.fill(1);
  }

  /** Marks a market's cohorts as changed. */
  touch(m: number): void {
    this.dirty[m] = 1;
  }

  /** Work arrays of `rebuild`, reused (grown to the largest market sorted so far). */
  private ratioScratch = new Float64Array(0);
  private idxScratch = new Int32Array(0);

  private rebuild(m: number): void {
    const C = this.s.cohorts;
    const start = this.s.markets.cohortStart[m]!;
    const n = this.s.markets.cohortStart[m + 1]! - start;
    if (this.ratioScratch.length < n) {
      this.ratioScratch = new Float64Array(n);
      this.idxScratch = new Int32Array(n);
    }
    // Sorted here, ratio and position together: by ratio, ties by position (a total order, so any sort gives
    // the same order). Markets hold a handful of cohorts: by insertion up to 32 (which keeps ties in position
    // order), the built-in sort beyond.
    const ratio = this.ratioScratch;
    const idx = this.idxScratch;
    if (n > 32) {
      const ratioOf = new Float64Array(n);
      const order: number[] = [];
      for (let k = 0; k < n; k++) {
        order.push(k);
        ratioOf[k] = ratioAt(C.debt[start + k]!, C.collateral[start + k]!);
      }
      order.sort((a, b) => ratioOf[a]! - ratioOf[b]! || a - b);
      for (let k = 0; k < n; k++) {
        idx[k] = order[k]!;
        ratio[k] = ratioOf[order[k]!]!;
      }
    } else
      for (let k = 0; k < n; k++) {
        const rk = ratioAt(C.debt[start + k]!, C.collateral[start + k]!);
        let j = k - 1;
        while (j >= 0 && ratio[j]! > rk) {
          ratio[j + 1] = ratio[j]!;
          idx[j + 1] = idx[j]!;
          j--;
        }
        ratio[j + 1] = rk;
        idx[j + 1] = k;
      }
    const base = start + m;
    let debt = 0;
    this.prefixDebt[base] = 0;
    for (let k = 0; k < n; k++) {
      const c = start + idx[k]!;
      this.order[start + k] = c;
      this.ratio[start + k] = ratio[k]!;
      debt += C.debt[c]!;
      this.prefixDebt[base + k + 1] = debt;
    }
    let coll = 0;
    this.suffixCollateral[base + n] = 0;
    for (let k = n - 1; k >= 0; k--) {
      coll += C.collateral[this.order[start + k]!]!;
      this.suffixCollateral[base + k] = coll;
    }
    this.dirty[m] = 0;
  }

  /** Number of the market's cohorts whose ratio is at most `x` (cohorts [start, start+k) in sorted order). */
  private countAtMost(m: number, x: number): number {
    if (this.dirty[m]) this.rebuild(m);
    const start = this.s.markets.cohortStart[m]!;
    let lo = 0;
    let hi = this.s.markets.cohortStart[m + 1]! - start;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ratio[start + mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The largest debt/collateral ratio of the market's cohorts (0 without any). */
  maxRatio(m: number): number {
    if (this.dirty[m]) this.rebuild(m);
    const end = this.s.markets.cohortStart[m + 1]!;
    return end > this.s.markets.cohortStart[m]! ? this.ratio[end - 1]! : 0;
  }

  /** The market's debt outstanding, in tokens. */
  debt(m: number): number {
    if (this.dirty[m]) this.rebuild(m);
    const base = this.s.markets.cohortStart[m]! + m;
    return this.prefixDebt[base + this.s.markets.cohortStart[m + 1]! - this.s.markets.cohortStart[m]!]!;
  }

  /** Sum over cohorts of min(debt x pd, collateral x pc). */
  value(m: number, pc: number, pd: number): number {
    if (pd <= 0) return 0;
    const k = this.countAtMost(m, pc / pd);
    const base = this.s.markets.cohortStart[m]! + m;
    return pd * this.prefixDebt[base + k]! + pc * this.suffixCollateral[base + k]!;
  }

  /**
   * Cohorts whose ratio exceeds `threshold` (debt/collateral above it), worst first, appended to `out`: with
   * threshold = rc x LT / rd these are the positions with health factor below 1 (and those with no
   * collateral left).
   */
  above(m: number, threshold: number, strict: boolean, out: number[]): number[] {
    if (this.dirty[m]) this.rebuild(m);
    const start = this.s.markets.cohortStart[m]!;
    const end = this.s.markets.cohortStart[m + 1]!;
    for (let k = end - 1; k >= start; k--) {
      const r = this.ratio[k]!;
      if (strict ? r <= threshold : r < threshold) break;
      if (r > 0) out.push(this.order[k]!);
    }
    return out;
  }
}

/** A cohort's debt/collateral ratio: 0 without debt, Infinity without collateral. */
function ratioAt(debt: number, collateral: number): number {
  return debt <= 0 ? 0 : collateral <= 0 ? Infinity : debt / collateral;
}
