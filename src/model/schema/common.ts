// Building blocks shared by the file schemas: ids, amounts, ratios, source references.
import { z } from 'zod';
import { DECIMAL_PATTERN, toDec } from '../decimal';

/** An id: letters, digits and `-_.:/+` (no spaces), 1 to 120 characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/+-]{0,119}$/;

export const Id = z
  .string()
  .regex(ID_PATTERN, 'must be an id: letters, digits and - _ . : / + (no spaces)')
  .describe('Identifier, unique within its kind.');

/**
 * Limits on every amount of a file, so that what validates also runs: the engine computes in floats and books
 * whole cents, which stay exact only below 2^53 cents; a decimal string must be what a float carries exactly;
 * and products of amounts with prices and ratios must not underflow into denormals.
 */
export const AMOUNT_LIMITS = {
  /** Largest amount of tokens or USD (a quadrillion). */
  max: 1e15,
  /** Smallest amount above zero. */
  minAboveZero: 1e-18,
  /** Significant digits always carried exactly; a decimal string with more must be a float's exact value. */
  significantDigits: 15,
} as const;

/** An amount as written in a file: a decimal string ("1250000.5") or a JSON number. */
const RawAmount = z
  .union([
    z.string().regex(DECIMAL_PATTERN, 'must be a decimal number such as "1250000.5"'),
    z.number().refine(Number.isFinite, 'must be a finite number'),
  ])
  .superRefine((v, ctx) => {
    const why = amountLimitProblem(v);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });

/** Why an amount is outside AMOUNT_LIMITS, or undefined when it is inside (or not a number at all). */
export function amountLimitProblem(v: unknown): string | undefined {
  if (!isDecimal(v)) return undefined;
  if (plainlyWithinLimits(v as string | number)) return undefined;
  const d = toDec(v as string | number).abs();
  if (d.gt(AMOUNT_LIMITS.max))
    return 'must be at most 1e15 (the largest amount the cents ledger carries exactly)';
  if (!d.isZero() && d.lt(AMOUNT_LIMITS.minAboveZero))
    return 'must be 0 or at least 1e-18 (the smallest amount the engine carries)';
  // A JSON number is a float already; a decimal string must survive the engine's conversion to a float.
  if (typeof v === 'string' && d.sd() > AMOUNT_LIMITS.significantDigits) {
    const asFloat = String(Math.abs(Number(v)));
    if (!d.equals(asFloat))
      return `has ${d.sd()} significant digits, more than a float carries (it would become ${asFloat}; 15 digits are always exact)`;
  }
  return undefined;
}

/**
 * Whether an amount is certainly within AMOUNT_LIMITS without decimal.js: zero, or well inside the range
 * (a tenth of the bounds' distance, far beyond any rounding of the double), and for a string at most 15
 * digits without exponent (so at most 15 significant digits). Anything else is decided exactly.
 */
function plainlyWithinLimits(v: string | number): boolean {
  if (typeof v === 'string') {
    if (v.length > 17) return false;
    let digits = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if (c === 101 || c === 69) return false; // an exponent
    }
    if (digits > AMOUNT_LIMITS.significantDigits) return false;
  }
  const a = Math.abs(Number(v));
  return a === 0 || (a >= 10 * AMOUNT_LIMITS.minAboveZero && a <= AMOUNT_LIMITS.max / 10);
}

function isDecimal(v: unknown): boolean {
  return typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && DECIMAL_PATTERN.test(v);
}

/**
 * A non-negative amount (holdings, supplies, USD figures), parsed exactly into decimal.js:
 * strings are exact, numbers go through their shortest decimal form. Within AMOUNT_LIMITS.
 */
export const NonNegAmount = RawAmount.refine((v) => !isDecimal(v) || Number(v) >= 0, 'must not be negative')
  .transform((v) => toDec(v))
  .describe('Decimal string or number, not negative, 0 or from 1e-18 to 1e15, a string exact as a float.');

/** A positive amount (prices). */
export const PositiveAmount = RawAmount.refine((v) => !isDecimal(v) || Number(v) > 0, 'must be positive')
  .transform((v) => toDec(v))
  .describe('Decimal string or number, from 1e-18 to 1e15, a string exact as a float.');

/** A conversion or peg rate: a positive factor between 1e-9 and 1e9. */
export const Rate = z.number().min(1e-9, 'must be at least 1e-9').max(1e9, 'must be at most 1e9');

/** A duration in seconds, from 0 to 1e9 (about 31 years). */
export const Seconds = z.number().min(0, 'must not be negative').max(1e9, 'must be at most 1e9 seconds');

/** A fraction in [0, 1]. */
export const Ratio = z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]');

/** Largest count of steps or seconds a file may give (beyond a run's horizon it changes nothing). */
export const MAX_COUNT = 1e9;

/** A non-negative whole number of seconds or steps, at most MAX_COUNT. */
export const Count = z
  .number()
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(MAX_COUNT, 'must be at most 1e9');

/** A positive whole number, at most MAX_COUNT. */
export const PositiveCount = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(MAX_COUNT, 'must be at most 1e9');

/** Reference to one or more entries of the file's `sources`, normalised to a list. */
export const Ref = z
  .union([Id, z.array(Id).min(1)])
  .optional()
  .transform((r): string[] => (r === undefined ? [] : typeof r === 'string' ? [r] : r))
  .describe('Id (or ids) of the entries in `sources` that the figures of this object come from.');

export const Note = z.string().max(2000).describe('Free text for readers.');
