// The single gateway to decimal.js: configuration and parsing of amounts from files.
import Decimal from 'decimal.js';

/** Decimal configured for money: 40 significant digits, half-even rounding, no exponent surprises. */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

/** Plain decimal notation as accepted in files: optional sign, digits, optional fraction, optional exponent. */
export const DECIMAL_PATTERN = /^-?(?:\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/** Parses a file amount (string or finite number) exactly; numbers go through their shortest decimal form. */
export function toDec(value: string | number | Dec): Dec {
  if (value instanceof Dec) return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return new Dec(String(value));
  }
  if (!DECIMAL_PATTERN.test(value)) throw new RangeError(`not a decimal number: "${value}"`);
  return new Dec(value);
}

/** Canonical string of an amount for files and Neo4j: no exponent, trailing zeros removed. */
export function decString(d: Dec): string {
  return d.toFixed();
}
