// Battiston's rule for one defaulted node at a time, on work arrays reused across runs (no per-run allocation):
// the reference kernel, which the WebAssembly one (assembly/debtrank-battiston.ts, run by debtrank-wasm.ts)
// reproduces bit for bit; and the matrix by column that both read.
import type { ImpactMatrix } from './debtrank';

/*
 * A node first distressed at layer L (breadth-first from the defaulted node) passes on once
 * p = min(1, what the layer L-1 nodes passed it), and ends at h = min(1, what every reached node passed it).
 * Layers are found top-down (each frontier node pushes to its creditors) while the frontier's edges are
 * fewer than half the in-edges of the unreached nodes, bottom-up (each unreached node sums what the
 * frontier passes it, largest impact first, until 1) once they are more. A node's p sums its debtors in
 * frontier order on a top-down layer and in column order on a bottom-up one; h sums in column order (a
 * node with p = 1 is at full distress without a sum). The hot loops avoid unpredictable branches: the
 * top-down push appends every target
 * to the reached list and advances the list's end only for a first visit; columns are padded to a
 * multiple of four entries with a dummy node (index n, p = 0) so the bottom-up and final sums run in
 * blocks of four and test for saturation once per block.
 */

/** The matrix by column (creditor j), each column's debtors by decreasing weight then index, padded to 4. */
export interface ImpactColumns {
  n: number;
  /** Column j is `source[start[j] .. start[j+1])`, a multiple of 4 long; padding entries are (n, 0). */
  start: Int32Array;
  source: Int32Array;
  weight: Float64Array;
}

export function impactColumns(W: ImpactMatrix): ImpactColumns {
  const { n } = W;
  const m = W.target.length;
  const count = new Int32Array(n);
  for (let e = 0; e < m; e++) count[W.target[e]!]!++;
  const start = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) start[j + 1] = start[j]! + ((count[j]! + 3) & ~3);
  const source = new Int32Array(start[n]!).fill(n);
  const weight = new Float64Array(start[n]!);
  const fill = start.slice(0, n);
  // Rows are read in index order, so each column receives its debtors by increasing index; an insertion
  // sort by decreasing weight that moves only past strictly smaller weights keeps ties in index order.
  for (let i = 0; i < n; i++) {
    for (let e = W.start[i]!; e < W.start[i + 1]!; e++) {
      const j = W.target[e]!;
      const w = W.weight[e]!;
      let at = fill[j]!++;
      const first = start[j]!;
      while (at > first && weight[at - 1]! < w) {
        source[at] = source[at - 1]!;
        weight[at] = weight[at - 1]!;
        at--;
      }
      source[at] = i;
      weight[at] = w;
    }
  }
  return { n, start, source, weight };
}

export interface RunSummary {
  /** DebtRank R: value lost beyond the defaulted node's own shock. */
  value: number;
  /** Nodes in distress (h > 0) and at full distress (h = 1), the defaulted node excluded. */
  distressed: number;
  defaulted: number;
}

export class LayeredBattiston {
  private readonly n: number;
  /** 1 for nodes reached in the current run. */
  private readonly seen: Uint8Array;
  /** p of reached nodes (0 elsewhere and at the dummy index n). */
  private readonly p: Float64Array;
  /** Sum pushed into each node by top-down layers. */
  private readonly acc: Float64Array;
  /** Final distress of reached nodes. */
  private readonly h: Float64Array;
  /** Reached nodes in layer order (one spare slot: the top-down push writes one past the end). */
  private readonly reached: Int32Array;
  private readonly pool: Int32Array;
  private readonly outDegree: Int32Array;
  private readonly avgInDegree: number;

  constructor(
    private readonly W: ImpactMatrix,
    private readonly cols: ImpactColumns,
    private readonly v: ArrayLike<number>,
  ) {
    const n = W.n;
    this.n = n;
    this.seen = new Uint8Array(n);
    this.p = new Float64Array(n + 1);
    this.acc = new Float64Array(n);
    this.h = new Float64Array(n);
    this.reached = new Int32Array(n + 1);
    this.pool = new Int32Array(n + 1);
    this.outDegree = new Int32Array(n);
    for (let i = 0; i < n; i++) this.outDegree[i] = W.start[i + 1]! - W.start[i]!;
    this.avgInDegree = n > 0 ? W.target.length / n : 0;
  }

  run(s: number, psi: number): RunSummary {
    const { W, cols, seen, p, acc, h, reached, pool, n, outDegree } = this;
    const wStart = W.start;
    const wTarget = W.target;
    const wWeight = W.weight;
    const cStart = cols.start;
    const cSource = cols.source;
    const cWeight = cols.weight;
    seen[s] = 1;
    p[s] = psi;
    reached[0] = s;
    let nReached = 1;
    let frontierStart = 0;
    let frontierEnd = 1;
    let poolSize = -1; // built on the first bottom-up layer
    while (frontierEnd > frontierStart) {
      let topCost = 0;
      for (let k = frontierStart; k < frontierEnd; k++) topCost += outDegree[reached[k]!]!;
      const next = nReached;
      if (topCost * 2 > (n - nReached) * this.avgInDegree) {
        // Bottom-up: every unreached node sums what the frontier passes it, largest first, up to 1. Its
        // reached debtors can only be in the frontier (one in an earlier layer would have reached it), and
        // the nodes found in this pass get their p after it, so the sum reads p with no layer test.
        if (poolSize < 0) {
          poolSize = 0;
          for (let j = 0; j < n; j++) {
            pool[poolSize] = j;
            poolSize += 1 - seen[j]!;
          }
        }
        let keep = 0;
        for (let q = 0; q < poolSize; q++) {
          const j = pool[q]!;
          let a = 0;
          const end = cStart[j + 1]!;
          for (let e = cStart[j]!; e < end; e += 4) {
            a += cWeight[e]! * p[cSource[e]!]!;
            a += cWeight[e + 1]! * p[cSource[e + 1]!]!;
            a += cWeight[e + 2]! * p[cSource[e + 2]!]!;
            a += cWeight[e + 3]! * p[cSource[e + 3]!]!;
            if (a >= 1) break;
          }
          const hit = a > 0 ? 1 : 0;
          acc[j] = a;
          seen[j] = hit;
          reached[nReached] = j;
          nReached += hit;
          pool[keep] = j;
          keep += 1 - hit;
        }
        poolSize = keep;
      } else {
        // Top-down: each frontier node pushes to every creditor; a first visit extends the reached list.
        // The nodes it reaches stay in the pool of unreached nodes, so a later bottom-up layer rebuilds it.
        poolSize = -1;
        for (let k = frontierStart; k < frontierEnd; k++) {
          const i = reached[k]!;
          const pi = p[i]!;
          const end = wStart[i + 1]!;
          for (let e = wStart[i]!; e < end; e++) {
            const j = wTarget[e]!;
            acc[j]! += wWeight[e]! * pi;
            reached[nReached] = j;
            nReached += 1 - seen[j]!;
            seen[j] = 1;
          }
        }
      }
      for (let k = next; k < nReached; k++) {
        const j = reached[k]!;
        const a = acc[j]!;
        p[j] = a < 1 ? a : 1;
      }
      frontierStart = frontierEnd;
      frontierEnd = nReached;
    }
    // Final distress: min(1, shock + what every reached debtor passed on); p = 1 means full distress (the
    // defaulted node has p = psi, and h = 1 when psi = 1).
    // The nodes to sum are listed in index order, so the columns are read in memory order.
    const list = pool;
    let count = 0;
    for (let j = 0; j < n; j++) {
      const x = p[j]!;
      h[j] = x;
      list[count] = j;
      count += x < 1 ? seen[j]! : 0;
    }
    for (let q = 0; q < count; q++) {
      const j = list[q]!;
      let a = j === s ? psi : 0;
      const end = cStart[j + 1]!;
      for (let e = cStart[j]!; e < end; e += 4) {
        a += cWeight[e]! * p[cSource[e]!]!;
        a += cWeight[e + 1]! * p[cSource[e + 1]!]!;
        a += cWeight[e + 2]! * p[cSource[e + 2]!]!;
        a += cWeight[e + 3]! * p[cSource[e + 3]!]!;
        if (a >= 1) break;
      }
      h[j] = a < 1 ? a : 1;
    }
    // Value in index order when most nodes are reached (memory order), else in layer order.
    const v = this.v;
    let value = 0;
    let defaulted = 0;
    if (nReached * 4 > n) {
      for (let j = 0; j < n; j++) {
        const x = h[j]!;
        value += v[j]! * x;
        defaulted += x >= 1 ? 1 : 0;
      }
    } else {
      for (let k = 0; k < nReached; k++) {
        const x = h[reached[k]!]!;
        value += v[reached[k]!]! * x;
        defaulted += x >= 1 ? 1 : 0;
      }
    }
    if (h[s]! >= 1) defaulted--;
    value -= v[s]! * psi;
    for (let k = 0; k < nReached; k++) {
      const j = reached[k]!;
      seen[j] = 0;
      p[j] = 0;
      acc[j] = 0;
      h[j] = 0;
    }
    return { value: value > 0 ? value : 0, distressed: nReached - 1, defaulted };
  }
}
