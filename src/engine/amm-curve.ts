// A two-coin pool's price as its balances move (docs/model.md §3.6, "A pool that drains"): Curve's
// stableswap invariant, which is Uniswap v2's constant product at amplification 0. Balances are in tokens of
// the pool's asset against its quote; the pool starts balanced, R of each, at the fundamental price.

/** The quote balance y of a pool of invariant D and amplification amp holding x tokens (x > 0). */
export function ammQuote(x: number, amp: number, D: number): number {
  // 4·amp·(x + y) + D = 4·amp·D + D³ / (4xy), a quadratic in y: 16·amp·x·y² + b·y - D³ = 0.
  const b = 4 * x * (4 * amp * x + D - 4 * amp * D);
  const disc = b * b + 64 * amp * x * D * D * D;
  // The form without cancellation for each sign of b (b ≥ 0 covers amp = 0: y = D² / 4x).
  return b >= 0 ? (2 * D * D * D) / (b + Math.sqrt(disc)) : (-b + Math.sqrt(disc)) / (32 * amp * x);
}

/** The pool's marginal price of its asset in its quote, -dy/dx, holding x tokens. */
export function ammPrice(x: number, amp: number, R: number): number {
  const D = 2 * R;
  const y = ammQuote(x, amp, D);
  const k = (16 * amp * x * x * y * y) / (D * D * D);
  return (k + y) / (k + x);
}

/** Smallest balance a pool is taken to (a buy cannot take out more tokens than it holds). */
const MIN_SHARE = 1e-9;

/** The token balance at which the pool prices `m` (the price falls as the balance grows), by bisection. */
export function ammBalance(m: number, amp: number, R: number): number {
  if (m === 1) return R;
  let lo = Math.log(R * MIN_SHARE);
  let hi = Math.log(R / MIN_SHARE);
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (ammPrice(Math.exp(mid), amp, R) > m) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/** The price multiplier after `tokens` of the asset are sold into a pool that prices it at `m` (a buy is < 0). */
export function ammSell(m: number, tokens: number, amp: number, R: number): number {
  const x = Math.max(ammBalance(m, amp, R) + tokens, R * MIN_SHARE);
  return ammPrice(x, amp, R);
}
