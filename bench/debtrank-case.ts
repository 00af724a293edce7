// DebtRank of every protocol's default (both rules) on a generated network, in its own process: one thread,
// then worker threads on the same inputs, with a check that the two agree element for element; and Battiston's
// rule through the JavaScript reference kernel, with a check that the WebAssembly kernel matches it bit for bit;
// and the differential rule against a plain sparse-product loop on the same leverage matrix (its baseline).
import { availableParallelism } from 'node:os';
import type { ImpactMatrix } from '../src/analysis/debtrank';
import { impactColumns, LayeredBattiston } from '../src/analysis/debtrank-battiston';
import { debtRankOfEveryDefault, type EveryDefault } from '../src/analysis/debtrank-every';
import { debtRankOfEveryDefaultParallel } from '../src/analysis/debtrank-parallel';
import { debtRankInputs } from '../src/analysis/systemic';
import { generateNetwork } from '../src/model/generate';
import { parseNetwork } from '../src/model/parse-network';

const [protocols, cohorts, claims] = process.argv.slice(2).map(Number) as [number, number, number];
const workers = availableParallelism();

async function main(): Promise<void> {
  const network = parseNetwork(generateNetwork({ protocols, cohorts, claims, seed: 7 }), 'generated');
  let t = performance.now();
  const x = debtRankInputs(network, 'claims');
  const inputsMs = performance.now() - t;
  const time = <T>(f: () => T): [T, number] => {
    const started = performance.now();
    const r = f();
    return [r, performance.now() - started];
  };
  const [b, battistonMs] = time(() => debtRankOfEveryDefault(x.W, x.v, 1, { differential: false }));
  const leverage = { battiston: false, leverage: x.leverage };
  const [d, differentialMs] = time(() => debtRankOfEveryDefault(x.W, x.v, 1, leverage));
  const [plainSum, plainMs] = time(() => plainDifferentialSum(x.leverage, x.v));
  const differentialSum = Array.from(d.differential).reduce((a, y) => a + y, 0);
  t = performance.now();
  const bp = await debtRankOfEveryDefaultParallel(x.W, x.v, 1, { differential: false }, workers);
  const battistonParallelMs = performance.now() - t;
  t = performance.now();
  const dp = await debtRankOfEveryDefaultParallel(x.W, x.v, 1, leverage, workers);
  const differentialParallelMs = performance.now() - t;
  const [sameAsReference, battistonReferenceMs] = time(() => {
    const reference = new LayeredBattiston(x.W, impactColumns(x.W), x.v);
    let same = true;
    for (let s = 0; s < x.W.n; s++) {
      const r = reference.run(s, 1);
      same &&=
        Object.is(r.value, b.battiston[s]) &&
        r.distressed === b.distressedBattiston[s] &&
        r.defaulted === b.defaultedBattiston[s];
    }
    return same;
  });
  const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, y) => s + y, 0) / Math.max(1, a.length);
  process.stdout.write(
    JSON.stringify({
      protocols,
      claims,
      impactEdges: x.W.target.length,
      workers,
      inputsMs,
      battistonMs,
      battistonParallelMs,
      battistonReferenceMs,
      sameAsReference,
      differentialMs,
      differentialParallelMs,
      plainMs,
      differentialSum,
      plainSum,
      sumRelativeDifference: Math.abs(differentialSum - plainSum) / plainSum,
      identical: same(b, bp, 'Battiston') && same(d, dp, 'differential'),
      meanDebtRank: mean(b.battiston),
      meanDebtRankDifferential: mean(d.differential),
      meanDistressed: mean(b.distressedBattiston),
    }) + '\n',
  );
}

/**
 * The baseline: every node's default by the plain sparse-product loop h <- min(1, h + Lambda'dh) over the
 * compressed rows of Lambda (rows whose increment is 0 skipped), until no entry of h changes in floating
 * point; returns the sum over the defaults of R = sum_j v_j h_j - v_s.
 */
function plainDifferentialSum(L: ImpactMatrix, v: Float64Array): number {
  const { n, start, target, weight } = L;
  const h = new Float64Array(n);
  const dh = new Float64Array(n);
  const acc = new Float64Array(n);
  let total = 0;
  for (let s = 0; s < n; s++) {
    h.fill(0);
    dh.fill(0);
    h[s] = 1;
    dh[s] = 1;
    for (let moved = true; moved;) {
      acc.fill(0);
      for (let i = 0; i < n; i++) {
        const d = dh[i]!;
        if (d === 0) continue;
        for (let e = start[i]!; e < start[i + 1]!; e++) acc[target[e]!]! += weight[e]! * d;
      }
      moved = false;
      for (let j = 0; j < n; j++) {
        const before = h[j]!;
        const after = Math.min(1, before + acc[j]!);
        dh[j] = after - before;
        h[j] = after;
        if (after !== before) moved = true;
      }
    }
    let r = -v[s]!;
    for (let j = 0; j < n; j++) r += v[j]! * h[j]!;
    total += Math.max(0, r);
  }
  return total;
}

/** The parallel result equals the serial one, bit for bit, for the rule computed. */
function same(a: EveryDefault, b: EveryDefault, rule: 'Battiston' | 'differential'): boolean {
  const pairs: [ArrayLike<number>, ArrayLike<number>][] =
    rule === 'Battiston'
      ? [
          [a.battiston, b.battiston],
          [a.distressedBattiston, b.distressedBattiston],
          [a.defaultedBattiston, b.defaultedBattiston],
        ]
      : [
          [a.differential, b.differential],
          [a.distressedDifferential, b.distressedDifferential],
          [a.defaultedDifferential, b.defaultedDifferential],
        ];
  return pairs.every(([x, y]) => x.length === y.length && Array.from(x).every((z, i) => Object.is(z, y[i])));
}

void main();
