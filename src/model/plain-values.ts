// The checks of plain values that the readers which bypass the schema share (model/market-rows.ts,
// model/protocol-rows.ts, model/claim-rows.ts, model/cohort-rows.ts): each accepts exactly what the schema's
// type of the same name accepts, and refs come out as the schema gives them.
import { ID_PATTERN } from './schema/common';

export type PlainRecord = Record<string, unknown>;

/** An object that is not an array (what `z.strictObject` starts from). */
export const isRecord = (v: unknown): v is PlainRecord =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether every key of `v` is one of `keys` (a strict object's). */
export const hasOnly = (v: object, keys: ReadonlySet<string>): boolean => {
  for (const key in v) if (!keys.has(key)) return false;
  return true;
};

/** An `Id`. */
export const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);

/** A number in [0, 1], as `Ratio` (`z.number().min(0).max(1)`) accepts it (finite). */
export const isUnit = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;

/** An optional `Note`: absent, or a string of at most 2000 characters. */
export const isNote = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v.length <= 2000);

/** An optional `Ref`: absent, an id, or a non-empty list of ids. */
export const isRef = (v: unknown): boolean =>
  v === undefined || isId(v) || (Array.isArray(v) && v.length > 0 && v.every(isId));

/** The refs of an object written without any: one empty list for all (never written to). */
export const NO_REFS: readonly string[] = Object.freeze([]);

/** A checked `Ref` as the schema gives it: a list of its own; none, the shared empty list. */
export const refOf = (v: unknown): string[] =>
  v === undefined ? (NO_REFS as string[]) : typeof v === 'string' ? [v] : [...(v as string[])];
