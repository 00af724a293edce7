// One engine benchmark case in its own process (so its peak memory is its own): generate, parse, run.
import { runSimulation } from '../src/engine/run';
import { buildResultParts } from '../src/engine/result';
import { generateNetwork } from '../src/model/generate';
import { parseNetwork } from '../src/model/parse-network';
import { parseScenario } from '../src/model/parse-scenario';

const [protocols, cohorts, claims, steps] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
];
let t = performance.now();
let raw: ReturnType<typeof generateNetwork> | undefined = generateNetwork({
  protocols,
  cohorts,
  claims,
  seed: 7,
});
const generateMs = performance.now() - t;
t = performance.now();
const network = parseNetwork(raw, 'generated');
const parseMs = performance.now() - t;
raw = undefined;
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
