// DebtRank of every protocol's default (both rules) on a generated network, in its own process.
import { debtRankOfEveryDefault } from '../src/analysis/debtrank-every';
import { debtRankInputs } from '../src/analysis/systemic';
import { generateNetwork } from '../src/model/generate';
import { parseNetwork } from '../src/model/parse-network';

const [protocols, cohorts, claims] = process.argv.slice(2).map(Number) as [number, number, number];
const network = parseNetwork(generateNetwork({ protocols, cohorts, claims, seed: 7 }), 'generated');
let t = performance.now();
const x = debtRankInputs(network, 'claims');
const inputsMs = performance.now() - t;
t = performance.now();
const b = debtRankOfEveryDefault(x.W, x.v, 1, { differential: false });
const battistonMs = performance.now() - t;
t = performance.now();
const d = debtRankOfEveryDefault(x.W, x.v, 1, { battiston: false });
const differentialMs = performance.now() - t;
const mean = (a: Float64Array) => a.reduce((s, y) => s + y, 0) / Math.max(1, a.length);
const meanInt = (a: Int32Array) => a.reduce((s, y) => s + y, 0) / Math.max(1, a.length);
process.stdout.write(
  JSON.stringify({
    protocols,
    claims,
    impactEdges: x.W.target.length,
    inputsMs,
    battistonMs,
    differentialMs,
    meanDebtRank: mean(b.battiston),
    meanDebtRankDifferential: mean(d.differential),
    meanDistressed: meanInt(b.distressedBattiston),
  }) + '\n',
);
