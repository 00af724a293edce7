// Building blocks shared by the file schemas: ids, amounts, ratios, source references.
import { z } from 'zod';
import { DECIMAL_PATTERN, toDec } from '../decimal';

/** An id: letters, digits and `-_.:/+` (no spaces), 1 to 120 characters. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:/+-]{0,119}$/;

export const Id = z
  .string()
  .regex(ID_PATTERN, 'must be an id: letters, digits and - _ . : / + (no spaces)')
  .describe('Identifier, unique within its kind.');

/** An amount as written in a file: a decimal string ("1250000.5") or a JSON number. */
const RawAmount = z.union([
  z.string().regex(DECIMAL_PATTERN, 'must be a decimal number such as "1250000.5"'),
  z.number().refine(Number.isFinite, 'must be a finite number'),
]);

function isDecimal(v: unknown): boolean {
  return typeof v === 'number' ? Number.isFinite(v) : typeof v === 'string' && DECIMAL_PATTERN.test(v);
}

/**
 * A non-negative amount (holdings, supplies, USD figures), parsed exactly into decimal.js:
 * strings are exact, numbers go through their shortest decimal form.
 */
export const NonNegAmount = RawAmount.refine((v) => !isDecimal(v) || Number(v) >= 0, 'must not be negative')
  .transform((v) => toDec(v))
  .describe('Decimal string or number, not negative.');

/** A positive amount (prices). */
export const PositiveAmount = RawAmount.refine((v) => !isDecimal(v) || Number(v) > 0, 'must be positive')
  .transform((v) => toDec(v))
  .describe('Decimal string or number, above zero.');

/** A fraction in [0, 1]. */
export const Ratio = z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]');

/** A non-negative whole number of seconds or steps. */
export const Count = z.number().int('must be a whole number').min(0, 'must not be negative');

/** A positive whole number. */
export const PositiveCount = z.number().int('must be a whole number').min(1, 'must be at least 1');

/** Reference to one or more entries of the file's `sources`, normalised to a list. */
export const Ref = z
  .union([Id, z.array(Id).min(1)])
  .optional()
  .transform((r): string[] => (r === undefined ? [] : typeof r === 'string' ? [r] : r))
  .describe('Id (or ids) of the entries in `sources` that the figures of this object come from.');

export const Note = z.string().max(2000).describe('Free text for readers.');
