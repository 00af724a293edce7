// Test setup: property tests run on a fixed seed (FC_SEED overrides it) so every run is reproducible.
import fc from 'fast-check';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20251031;
fc.configureGlobal({ seed, numRuns: Number(process.env.FC_RUNS ?? 100) });
