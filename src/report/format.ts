// Number formatting shared by the renderers: USD amounts, shares, multipliers.
const compactUsd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 2,
});

/** $1.23B, $45.6M, $980 ... */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return compactUsd.format(value);
}

/** 12.3% */
export function pct(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(digits)}%` : String(value);
}

/** 16.67x */
export function times(value: number, digits = 2): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)}x` : 'unbounded';
}

/** An exact USD decimal string with thousands separators: "-1234567.80" -> "-$1,234,567.80". */
export function exactUsd(amount: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount.trim());
  if (!m) return amount;
  return `${m[1]}$${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}
