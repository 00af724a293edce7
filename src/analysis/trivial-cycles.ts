// The threshold below which a claims cycle is trivial: a module with no imports, so the CLI can declare its
// options without loading the balance sheet and decimal.js behind loops.ts.

/** The default of `inspect`: a cycle that sends back less than about 1% of a loss is trivial. */
export const TRIVIAL_AMPLIFICATION = 1.01;
