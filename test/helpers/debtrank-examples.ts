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
