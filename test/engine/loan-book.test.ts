// The loan book's market values (sorted cohorts, prefix sums, a binary search) against the plain pass over
// every cohort that defines them (docs/model.md §3.9), and the solver's shortcuts against their definitions:
// claims at full recovery summed once, and the cents comparison that skips rounding far from a tie.
import fc from 'fast-check';
import { claimsAtPar, isShort } from '../../src/engine/clearing-solver';
import { LoanBook } from '../../src/engine/loan-book';
import type { EngineState } from '../../src/engine/state';

/** The part of the engine state a loan book reads: cohort amounts and where each market's cohorts start. */
function bookOf(markets: { debt: number; collateral: number }[][]) {
  const cohortStart = new Int32Array(markets.length + 1);
  markets.forEach((m, i) => (cohortStart[i + 1] = cohortStart[i]! + m.length));
  const rows = markets.flat();
  const state = {
    cohorts: {
      n: rows.length,
      debt: Float64Array.from(rows, (r) => r.debt),
      collateral: Float64Array.from(rows, (r) => r.collateral),
    },
    markets: { n: markets.length, cohortStart },
  };
  return { state, book: new LoanBook(state as unknown as EngineState) };
}

const plainValue = (cohorts: { debt: number; collateral: number }[], pc: number, pd: number) =>
  cohorts.reduce((v, c) => v + Math.min(c.debt * pd, c.collateral * pc), 0);

const amount = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e9, noNaN: true }));
const cohort = fc.record({ debt: amount, collateral: amount });
const price = fc.double({ min: 1e-4, max: 1e5, noNaN: true });

describe('loan book', () => {
  it('values a market as the pass over its cohorts does, to float rounding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cohort, { maxLength: 40 }), { minLength: 1, maxLength: 5 }),
        price,
        price,
        (markets, pc, pd) => {
          const { book } = bookOf(markets);
          markets.forEach((cohorts, m) => {
            const plain = plainValue(cohorts, pc, pd);
            expect(Math.abs(book.value(m, pc, pd) - plain)).toBeLessThanOrEqual(1e-12 * Math.max(1, plain));
          });
        },
      ),
    );
  });

  it('sees a changed cohort only once its market is touched, and all of them after touchAll', () => {
    const { state, book } = bookOf([
      [
        { debt: 50, collateral: 100 },
        { debt: 90, collateral: 100 },
      ],
      [{ debt: 10, collateral: 10 }],
    ]);
    expect(book.value(0, 1, 1)).toBe(140);
    state.cohorts.debt[0] = 100; // 100 of debt against 100 of collateral
    // Still the book as sorted: the first cohort at its old 50 of debt, the second at its collateral.
    expect(book.value(0, 0.8, 1)).toBe(50 + 0.8 * 100);
    book.touch(0);
    expect(book.value(0, 0.8, 1)).toBe(160);
    state.cohorts.collateral[2] = 5;
    book.touchAll();
    expect(book.value(1, 1, 1)).toBe(5);
  });
});

describe('clearing shortcuts', () => {
  it('claimsAtPar is bit for bit the pass over the claims at recovery 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { maxLength: 12 }), {
          minLength: 1,
          maxLength: 20,
        }),
        (rows) => {
          const claimStart = new Int32Array(rows.length + 1);
          rows.forEach((r, i) => (claimStart[i + 1] = claimStart[i]! + r.length));
          const amounts = Float64Array.from(rows.flat());
          const atPar = claimsAtPar(claimStart, amounts);
          rows.forEach((r, i) => {
            let v = 0;
            for (const x of r) v += x * 1;
            expect(atPar[i]).toBe(v);
          });
        },
      ),
    );
  });

  it('isShort in cents decides as rounding both sides to whole cents does, near ties and far from them', () => {
    const reference = (r: number, l: number) => Math.round(r * 100) < Math.round(l * 100);
    const nearTie = fc
      .tuple(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: -300, max: 300 }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      )
      .map(([cents, apart, noise]) => [cents / 100, (cents + apart + noise) / 100] as const);
    const far = fc.tuple(
      fc.double({ min: 0, max: 1e13, noNaN: true }),
      fc.double({ min: 0, max: 1e13, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.oneof(nearTie, far), ([r, l]) => {
        expect(isShort(r, l, 100)).toBe(reference(r, l));
      }),
      { numRuns: 2000 },
    );
  });
});
