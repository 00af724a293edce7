// DebtRank of every default on worker threads equals the single-thread computation, bit for bit. The workers
// run compiled JavaScript, so this test loads the built modules (npm test builds dist/ first).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Debtrank from '../../src/analysis/debtrank';
import type * as Every from '../../src/analysis/debtrank-every';
import type * as Parallel from '../../src/analysis/debtrank-parallel';
import { seededImpactEdges } from '../helpers/debtrank-examples';

const DIST = join(__dirname, '..', '..', 'dist', 'analysis');

async function built<T>(name: string): Promise<T> {
  const file = join(DIST, `${name}.js`);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" (npm test does it first)`);
  return (await import(file)) as T;
}

/** A seeded random network above the size where the work is split: ~6 claims per node, weights in (0, 1]. */
async function network(n: number, seed: number): Promise<{ W: Debtrank.ImpactMatrix; v: Float64Array }> {
  const { impactMatrix } = await built<typeof Debtrank>('debtrank');
  const e = seededImpactEdges(n, { claims: 6, fullShare: 0.3, minWeight: 0.05, weightSpan: 0.9 }, seed);
  return { W: impactMatrix(n, e.src, e.tgt, e.w), v: e.v };
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  const differing = Array.from(a).findIndex((x, i) => !Object.is(x, b[i]));
  expect(differing).toBe(-1);
};

describe('DebtRank of every default on worker threads', () => {
  it('equals the single-thread result for both rules, element for element', async () => {
    const every = await built<typeof Every>('debtrank-every');
    const parallel = await built<typeof Parallel>('debtrank-parallel');
    expect(parallel.parallelAvailable()).toBe(true);
    const { W, v } = await network(parallel.PARALLEL_MIN_NODES + 500, 11);
    const serial = every.debtRankOfEveryDefault(W, v, 1);
    const split = await parallel.debtRankOfEveryDefaultParallel(W, v, 1, {}, 2);
    same(split.battiston, serial.battiston);
    same(split.distressedBattiston, serial.distressedBattiston);
    same(split.defaultedBattiston, serial.defaultedBattiston);
    same(split.differential, serial.differential);
    same(split.distressedDifferential, serial.distressedDifferential);
    same(split.defaultedDifferential, serial.defaultedDifferential);
    expect(split.converged).toBe(serial.converged);
    // The network is one where defaults spread: the comparison is not between two arrays of zeros.
    expect(Math.max(...serial.battiston)).toBeGreaterThan(0.1);
  });

  it('computes only the rule asked for, and a partial shock the same way', async () => {
    const every = await built<typeof Every>('debtrank-every');
    const parallel = await built<typeof Parallel>('debtrank-parallel');
    const { W, v } = await network(parallel.PARALLEL_MIN_NODES + 100, 5);
    const serial = every.debtRankOfEveryDefault(W, v, 0.5, { differential: false });
    const split = await parallel.debtRankOfEveryDefaultParallel(W, v, 0.5, { differential: false }, 3);
    same(split.battiston, serial.battiston);
    same(split.defaultedBattiston, serial.defaultedBattiston);
    expect(Array.from(split.differential).every((x) => x === 0)).toBe(true);
  });

  it('runs the differential rule on the uncapped leverage matrix it is given, as on one thread', async () => {
    const every = await built<typeof Every>('debtrank-every');
    const parallel = await built<typeof Parallel>('debtrank-parallel');
    const { impactMatrix } = await built<typeof Debtrank>('debtrank');
    const n = parallel.PARALLEL_MIN_NODES + 100;
    const e = seededImpactEdges(n, { claims: 3, fullShare: 0, minWeight: 0.05, weightSpan: 1.5 }, 3);
    const W = impactMatrix(n, e.src, e.tgt, e.w);
    const leverage = impactMatrix(n, e.src, e.tgt, e.w, Infinity);
    const options = { battiston: false, leverage };
    const serial = every.debtRankOfEveryDefault(W, e.v, 0.5, options);
    const split = await parallel.debtRankOfEveryDefaultParallel(W, e.v, 0.5, options, 2);
    same(split.differential, serial.differential);
    same(split.distressedDifferential, serial.distressedDifferential);
    // Entries above 1 pass more than the capped matrix: the two rules differ on this network.
    const capped = every.debtRankOfEveryDefault(W, e.v, 0.5, { battiston: false });
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
    expect(sum(serial.differential)).toBeGreaterThan(sum(capped.differential));
  });
});
