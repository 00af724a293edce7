// Each protocol's equity after every step, read back from the ledger's rows instead of kept step by step:
// the rows are the changes of equity, booked in step order, so a running sum per protocol gives equity at
// the end of each step exactly (whole cents add up exactly), and a run holds no copy of every protocol's
// equity per step (on a large network the largest thing it would keep, after the rows themselves).
import type { Ledger } from './ledger';

/**
 * The equity series, USD, of every protocol whose equity differs from its initial equity at the end of some
 * step (keyed by protocol index, in index order), over steps 0 .. steps-1. Needs the rows (a full run).
 */
export function equitySeriesUsd(ledger: Ledger, steps: number): Map<number, number[]> {
  const ev = ledger.events;
  const n = ledger.equityCents.length;
  const initial = ledger.initialEquityCents;
  const rowStep = ev.step.data;
  const rowTo = ev.to.data;
  const rowCents = ev.cents.data;
  const rows = ev.length;
  const running = Float64Array.from(initial);
  const changed = new Uint8Array(n);
  const touched = new Int32Array(n);
  const isTouched = new Uint8Array(n);
  // Pass 1: who ever ends a step away from its initial equity.
  for (let r = 0; r < rows;) {
    const t = rowStep[r]!;
    let count = 0;
    for (; r < rows && rowStep[r] === t; r++) {
      const p = rowTo[r]!;
      running[p]! += rowCents[r]!;
      if (!isTouched[p]) {
        isTouched[p] = 1;
        touched[count++] = p;
      }
    }
    for (let i = 0; i < count; i++) {
      const p = touched[i]!;
      isTouched[p] = 0;
      if (running[p] !== initial[p]) changed[p] = 1;
    }
  }
  // Pass 2: their series, each step's value carried forward until the next step that moves it.
  const series = new Map<number, number[]>();
  for (let p = 0; p < n; p++) if (changed[p]) series.set(p, new Array<number>(steps));
  running.set(initial);
  const filled = new Int32Array(n); // steps written so far
  const fillTo = (p: number, end: number) => {
    const out = series.get(p)!;
    const usd = running[p]! / 100;
    for (let t = filled[p]!; t < end; t++) out[t] = usd;
    filled[p] = end;
  };
  for (let r = 0; r < rows;) {
    const t = rowStep[r]!;
    let count = 0;
    for (; r < rows && rowStep[r] === t; r++) {
      const p = rowTo[r]!;
      if (!changed[p]) continue;
      if (!isTouched[p]) {
        fillTo(p, t); // the steps before t end at the value before this step's rows
        isTouched[p] = 1;
        touched[count++] = p;
      }
      running[p]! += rowCents[r]!;
    }
    for (let i = 0; i < count; i++) isTouched[touched[i]!] = 0;
  }
  for (const p of series.keys()) fillTo(p, steps);
  return series;
}
