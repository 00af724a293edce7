// The clearing alone on a generated claims network: time of one greatest-clearing-vector solve.
import { solveClearing, groupClaims, MODE_CLEARING } from '../src/engine/clearing-solver';
import prand from 'pure-rand';

const [n, m, rounds] = process.argv.slice(2).map(Number) as [number, number, number];
const rng = prand.xoroshiro128plus(11);
const u = () => prand.unsafeUniformIntDistribution(0, 1e9, rng) / 1e9;
const holder = new Int32Array(m);
const debtor = new Int32Array(m);
const amount = new Float64Array(m);
const claimsOn = new Float64Array(n);
const claimsHeld = new Float64Array(n);
for (let k = 0; k < m; k++) {
  holder[k] = Math.floor(u() * n) % n;
  debtor[k] = (holder[k]! + 1 + (Math.floor(u() * (n - 1)) % (n - 1))) % n;
  amount[k] = 1 + u() * 100;
  claimsOn[debtor[k]!]! += amount[k]!;
  claimsHeld[holder[k]!]! += amount[k]!;
}
const external = Float64Array.from(
  claimsHeld,
  (c, i) => 0.06 * (c + 100) + 100 + (claimsOn[i]! - c > 0 ? claimsOn[i]! - c : 0),
);
const liabilities = Float64Array.from(claimsOn, (c) => c + 100);
// Wipe out 2% of the nodes' external assets so defaults cascade.
for (let i = 0; i < n; i += 50) external[i] = 0;
const problem = {
  n,
  external,
  liabilities,
  ...groupClaims(n, holder, debtor, amount),
  mode: new Uint8Array(n).fill(MODE_CLEARING),
  lossGivenDefault: new Float64Array(n),
  costExternal: new Float64Array(n),
  costClaims: new Float64Array(n),
};
const times: number[] = [];
let last = solveClearing(problem);
for (let r = 0; r < rounds; r++) {
  const t = performance.now();
  last = solveClearing(problem);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const defaulted = last.defaulted.reduce((s, x) => s + x, 0);
process.stdout.write(
  JSON.stringify({
    n,
    m,
    medianMs: times[Math.floor(times.length / 2)],
    minMs: times[0],
    defaulted,
    rounds: last.rounds,
    iterations: last.iterations,
  }) + '\n',
);
