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

/** Values shared by their text (`toDec`): the first this many distinct texts parsed. */
const SHARED_MOST = 4096;
const SHARED = new Map<string, Dec>();

/** Parses a file amount (string or finite number) exactly; numbers go through their shortest decimal form. */
export function toDec(value: string | number | Dec): Dec {
  if (value instanceof Dec) return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return new Dec(String(value));
  }
  const shared = SHARED.get(value);
  if (shared) return shared;
  if (!DECIMAL_PATTERN.test(value)) throw new RangeError(`not a decimal number: "${value}"`);
  const d = new Dec(value);
  // Values are immutable: the same text gives one shared value while there is room (the zeros a file's
  // defaults give, a capacity every protocol repeats), instead of a value per field of every protocol.
  if (SHARED.size < SHARED_MOST && value.length <= 24) SHARED.set(value, d);
  return d;
}

/** Canonical string of an amount for files and Neo4j: no exponent, trailing zeros removed. */
export function decString(d: Dec): string {
  return d.toFixed();
}
