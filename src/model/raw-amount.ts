// Amounts as a file writes them (decimal strings or JSON numbers), read without decimal.js: the checks the
// schema makes of them, exact zero, and the double decimal.js would give.
import { DECIMAL_PATTERN, toDec } from './decimal';

/** An amount as written in a file. */
export type RawAmount = string | number;

/** A non-negative amount exactly as the schema's NonNegAmount accepts it. */
export function isNonNegAmount(v: unknown): v is RawAmount {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0;
  return typeof v === 'string' && DECIMAL_PATTERN.test(v) && Number(v) >= 0;
}

/** Whether an amount is exactly zero (in decimals: "0.000", "0e5" and -0 are; "1e-400" is not). */
export function amountIsZero(a: RawAmount): boolean {
  return typeof a === 'number' ? a === 0 : /^-?0+(?:\.0+)?(?:[eE][-+]?\d+)?$/.test(a);
}

/**
 * The nearest double to an amount: the same number as `toDec(a).toNumber()` (decimal.js keeps 40 significant
 * digits), without building a decimal.js value unless the string is longer than that.
 */
export function amountToNumber(a: RawAmount): number {
  if (typeof a === 'number') return a;
  return a.length <= 40 ? Number(a) : toDec(a).toNumber();
}

/**
 * The double of a non-negative amount (as `amountToNumber`), or NaN when the schema's NonNegAmount would not
 * accept it (`isNonNegAmount`): the check and the reading in one pass over the text.
 */
export function nonNegAmountToNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : NaN;
  if (typeof v !== 'string' || !DECIMAL_PATTERN.test(v)) return NaN;
  const n = Number(v);
  if (!(n >= 0)) return NaN;
  return v.length <= 40 ? n : toDec(v).toNumber();
}

/**
 * Whether the double of an amount (`amountToNumber`) gives back its exact decimal value through its shortest
 * form (as `toDec` reads a number): a JSON number, or a string without sign or exponent of at most 15
 * digits (any decimal of 15 significant digits survives the round trip through a double). A table of such
 * amounts needs only their doubles.
 */
export function exactAsDouble(a: RawAmount): boolean {
  if (typeof a === 'number') return true;
  const n = a.length;
  if (n > 16 || (n === 16 && !a.includes('.'))) return false;
  return a.charCodeAt(0) !== 45 && !a.includes('e') && !a.includes('E');
}
