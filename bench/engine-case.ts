// One engine benchmark case in its own process (so its peak memory is its own), as a user runs it: the
// network written to a file by `contagion generate` in another process, then read, parsed and run here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '../src/engine/run';
import { buildResultParts } from '../src/engine/result';
import { parseScenario } from '../src/model/parse-scenario';
import { readNetworkFile } from '../src/model/read-file';

const [protocols, cohorts, claims, steps] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
];
const dir = mkdtempSync(join(tmpdir(), 'contagion-bench-'));
const file = join(dir, 'network.json');
let t = performance.now();
const generate = spawnSync(
  process.execPath,
  [join(__dirname, '..', 'src', 'cli', 'main.js'), 'generate']
    .concat(['--protocols', protocols, '--cohorts', cohorts, '--claims', claims, '--seed', 7].map(String))
    .concat(['--out', file]),
  { encoding: 'utf8' },
);
if (generate.status !== 0) throw new Error(`contagion generate failed: ${generate.stderr}`);
const generateMs = performance.now() - t;
t = performance.now();
// As `contagion shock --network` reads it: the file's text, parsed (its rows read from the text).
const network = readNetworkFile(file);
const parseMs = performance.now() - t;
const fileMb = statSync(file).size / 1e6;
rmSync(dir, { recursive: true, force: true });
global.gc?.();
const rssBeforeRunMb = process.memoryUsage().rss / 1024 / 1024;
const heapBeforeRunMb = process.memoryUsage().heapUsed / 1024 / 1024;
const scenario = parseScenario(
  {
    format: 'contagion/scenario@1',
    name: 'bench',
    stepSeconds: 12,
    horizonSteps: steps,
    events: [
      { type: 'price', asset: 'A0', atStep: 1, path: { shape: 'gap', change: -0.3 } },
      { type: 'price', asset: 'A1', atStep: 1, path: { shape: 'linear', change: -0.4, overSteps: 50 } },
    ],
  },
  'bench-scenario',
  network,
);
const timings = { buildMs: 0, stepsMs: 0, checkMs: 0 };
t = performance.now();
const { ctx, stepsRun } = runSimulation(network, scenario, { timings });
const runMs = performance.now() - t;
global.gc?.();
const m = process.memoryUsage();
// What the run holds on top of the parsed network: its typed-array state, ledger and series.
const runHeldMb = (m.heapUsed + m.arrayBuffers) / 1024 / 1024 - heapBeforeRunMb;
t = performance.now();
// As `shock --json` builds it: the ledger rows stay columns (written from them).
const { result, ledger } = buildResultParts(ctx, stepsRun);
const resultMs = performance.now() - t;
process.stdout.write(
  JSON.stringify({
    protocols,
    cohorts,
    claims,
    steps: result.scenario.stepsRun,
    generateMs,
    fileMb,
    parseMs,
    runMs,
    ...timings,
    resultMs,
    ledgerRows: ledger.length,
    stepsPerSec: (result.scenario.stepsRun / timings.stepsMs) * 1000,
    liquidated: result.summary.liquidatedUsd,
    insolvent: result.summary.insolventProtocols.length,
    rssBeforeRunMb,
    heapBeforeRunMb,
    runHeldMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
