// The DebtRank worked example of Battiston et al. (2012), Supplementary Information, Fig. 5, as reproduced in
// vvoutilainen/vvoutilainen.github.io assets/notebooks/debtrank_example.html @a3a1e69.

/** Investor -> investee with the amount invested; nodes numbered 1..8 as in the paper. */
export const FIG5_INVESTMENTS: readonly (readonly [number, number, number])[] = [
  [2, 1, 4],
  [5, 2, 3],
  [7, 5, 5],
  [2, 5, 2],
  [3, 1, 6],
  [4, 1, 3],
  [6, 4, 2],
  [8, 6, 7],
  [5, 6, 2],
];

/** Equity of nodes 1..8. */
export const FIG5_EQUITY: readonly number[] = [14, 6, 56, 8, 15, 9, 90, 50];

/**
 * A seeded random impact network as edge lists: `claims` exposures per node on average, a `fullShare` of the
 * weights 1 and the rest in [minWeight, minWeight + weightSpan); node weights v normalised to sum 1.
 */
export function seededImpactEdges(
  n: number,
  o: { claims: number; fullShare: number; minWeight: number; weightSpan: number },
  seed: number,
): { src: number[]; tgt: number[]; w: number[]; v: Float64Array } {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const src: number[] = [];
  const tgt: number[] = [];
  const w: number[] = [];
  for (let k = 0; k < n * o.claims; k++) {
    src.push(Math.floor(next() * n));
    tgt.push(Math.floor(next() * n));
    w.push(next() < o.fullShare ? 1 : o.minWeight + next() * o.weightSpan);
  }
  const raw = Float64Array.from({ length: n }, () => 1 + next() * 9);
  const total = raw.reduce((s, x) => s + x, 0);
  return { src, tgt, w, v: raw.map((x) => x / total) };
}

/**
 * The converged reference of the differential rule for one node's default: the Jacobi iteration
 * x <- min(1, e_s psi + Lambda'x) from x = 0, over the whole matrix, until no entry changes in floating
 * point; returns R = sum_j v_j x_j - v_s psi.
 */
export function jacobiDebtRank(
  L: { n: number; start: Int32Array; target: Int32Array; weight: Float64Array },
  v: ArrayLike<number>,
  s: number,
  psi = 1,
): number {
  let x = new Float64Array(L.n);
  let next = new Float64Array(L.n);
  for (;;) {
    next.fill(0);
    next[s] = psi;
    for (let i = 0; i < L.n; i++) {
      if (x[i] === 0) continue;
      for (let e = L.start[i]!; e < L.start[i + 1]!; e++) next[L.target[e]!]! += L.weight[e]! * x[i]!;
    }
    let changed = false;
    for (let j = 0; j < L.n; j++) {
      next[j] = Math.min(1, next[j]!);
      if (next[j] !== x[j]) changed = true;
    }
    [x, next] = [next, x];
    if (!changed) break;
  }
  let r = 0;
  for (let j = 0; j < L.n; j++) r += v[j]! * x[j]!;
  return r - v[s]! * psi;
}
