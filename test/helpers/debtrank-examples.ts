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
