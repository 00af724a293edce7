// Property checks of a reader that parses plain objects without the schema (model/market-rows.ts,
// model/protocol-rows.ts): generators of fields that are mostly valid, and the check that whatever the reader
// reads, the schema gives the same (fields, order, defaults), and whatever the schema rejects, it leaves.
import fc from 'fast-check';
import type { z } from 'zod';

/** Mostly `good`, sometimes `bad` (one in `odds + 1`): so that plain objects and every kind of flaw come up. */
export const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>, odds = 12) =>
  fc.oneof({ weight: odds, arbitrary: good }, { weight: 1, arbitrary: bad as fc.Arbitrary<T> });
/** A field that is usually absent (present one time in `odds + 1`). */
export const rare = <T>(arb: fc.Arbitrary<T>, odds = 6) =>
  fc.oneof({ weight: odds, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
/** A field present or absent. */
export const field = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/**
 * Checks `read` on `runs` objects of `written` (JSON-like: fields left undefined are dropped, as a file has
 * none): each it reads, the schema accepts and gives the same JSON; and it reads more than `leastRead` of
 * them while leaving some the schema accepts (those that are not plain) to the schema.
 */
export function expectReadAsSchemaGives(
  written: fc.Arbitrary<Record<string, unknown>>,
  read: (v: Record<string, unknown>) => unknown,
  schema: z.ZodType,
  { runs = 3000, leastRead = 300 } = {},
): void {
  let readCount = 0;
  let accepted = 0; // accepted by the schema but not read (not plain)
  fc.assert(
    fc.property(
      written.map((v) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>),
      (v) => {
        const plain = read(v);
        const parsed = schema.safeParse(v);
        if (plain === undefined) {
          if (parsed.success) accepted++;
          return;
        }
        readCount++;
        expect(parsed.success).toBe(true);
        expect(JSON.stringify(plain)).toBe(JSON.stringify(parsed.data));
      },
    ),
    { numRuns: runs },
  );
  expect(readCount).toBeGreaterThan(leastRead);
  expect(accepted).toBeGreaterThan(0);
}
