// The factor by which a flow moves a price, exp(-q / D), kept finite for any depth (docs/model.md §3.6).

/**
 * The largest log move one flow makes on a price: a factor of e^34.5, about 1e15 (the bound the peg stage puts
 * on a log gap). A flow beyond it meets no depth: a sale finds no buyer and takes the price to its floor, 0; a
 * purchase finds no seller and leaves the price where it is, as an asset with no depth does not move. Without
 * it a depth multiplier near 0 gives exp(+huge) = Infinity on a purchase, and Infinity times a price at 0 is NaN.
 */
export const MAX_LOG_IMPACT = 34.5;

/** exp(-q / d) for a depth d > 0, within the bound; 0 for a sale beyond it and 1 for a purchase beyond it. */
export function impactFactor(q: number, d: number): number {
  const x = -q / d;
  if (x < -MAX_LOG_IMPACT) return 0;
  return x > MAX_LOG_IMPACT ? 1 : Math.exp(x);
}
