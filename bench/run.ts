// `npm run bench`: prints engine and clearing figures on generated networks, and the backtest suite's time. Asserts nothing about time.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { table } from '../src/report/table';
import { printBacktestBench } from './backtest-bench';
import { printQueueBench } from './queue-bench';

// Runs a compiled case (npm run bench compiles src/ and bench/ to .bench/ first) in a fresh node process.
const run = (script: string, args: (string | number)[]) =>
  JSON.parse(
    execFileSync(
      process.execPath,
      ['--expose-gc', join(__dirname, script.replace(/\.ts$/, '.js')), ...args.map(String)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      },
    ),
  );
const quick = process.argv.includes('--quick');
// `--large`: only the engine cases on a million cohorts and claims (the targets below), then stop.
const large = process.argv.includes('--large');

const engineCases: [number, number, number][] = quick
  ? [[1000, 10_000, 10_000]]
  : ([
      [1000, 10_000, 10_000],
      [10_000, 100_000, 100_000],
      [10_000, 1_000_000, 1_000_000],
      [100_000, 1_000_000, 1_000_000],
    ].filter(([, c]) => !large || c! >= 1_000_000) as [number, number, number][]);
console.log('Engine: 100 steps, a 30% gap and a 40% slide on generated networks (one process per case)');
// Each engine case runs beside the bare typed-array loop on the same network (bench/loop-case.ts), measured in
// the same run: the engine's figures are printed as ratios to the loop's.
const ratio = (x: number, y: number) => (x / y).toFixed(2) + 'x';
const engineRuns = engineCases.map(([p, c, k]) => {
  const engine = run('engine-case.ts', [p, c, k, 100]);
  process.stderr.write('.');
  const loop = run('loop-case.ts', [p, c, k, 100]);
  process.stderr.write('.');
  return { p, c, k, engine, loop };
});
process.stderr.write('\n');
const rows = engineRuns.map(({ p, c, k, engine: r }) => [
  p,
  c,
  k,
  r.steps,
  r.parseMs.toFixed(0),
  r.buildMs.toFixed(0),
  r.stepsMs.toFixed(0),
  r.checkMs.toFixed(0),
  r.resultMs.toFixed(0),
  r.stepsPerSec.toFixed(1),
  r.ledgerRows,
  r.heapBeforeRunMb.toFixed(0),
  r.runHeldMb.toFixed(0),
  r.peakRssMb.toFixed(0),
]);
console.log(
  table(
    [
      'protocols',
      'cohorts',
      'claims',
      'steps',
      'parse ms',
      'state ms',
      'steps ms',
      'ledger check ms',
      'result ms',
      'steps/s',
      'ledger rows',
      'network heap MB',
      'run state MB',
      'peak RSS MB',
    ],
    rows,
    rows[0]!.map(() => 'right' as const),
  ),
);
console.log(
  'parse ms: the network file (written by contagion generate in another process) read and parsed, as shock\n' +
    'reads it; steps ms: the 100 steps alone; state ms: typed arrays built from the parsed network; network\n' +
    'heap: the parsed network after GC; run state: heap and buffers the run holds on top of it after GC\n' +
    '(typed-array state, ledger, series); peak RSS: the whole process, reading, parsing and the result included.\n',
);
console.log(
  'The engine against the bare loop (one liquidation pass over the cohorts and one clearing pass over the',
);
console.log('claims per step, over typed arrays of the same network), both measured in this run');
const ratioRows = engineRuns.map(({ p, c, k, engine: r, loop }) => [
  p,
  c,
  k,
  loop.stepsMs.toFixed(0),
  loop.rssMb.toFixed(0),
  ratio(r.stepsMs, loop.stepsMs),
  ratio(r.peakRssMb, loop.rssMb),
  ratio(r.parseMs + r.buildMs, r.stepsMs),
]);
console.log(
  table(
    [
      'protocols',
      'cohorts',
      'claims',
      'loop steps ms',
      'loop RSS MB',
      'steps vs loop',
      'peak RSS vs loop',
      'parse+build vs steps',
    ],
    ratioRows,
    ratioRows[0]!.map(() => 'right' as const),
  ),
);
console.log(
  'loop RSS: the loop process once its arrays are built (the generated network dropped), the most seen while\n' +
    'stepping. Targets: 10k protocols / 1M cohorts / 1M claims: steps within 1.5x of the loop, peak RSS within\n' +
    '4x of the loop, parse + build within 1x of the steps; 100k / 1M / 1M: steps within 3x of the loop.\n',
);
if (large) process.exit(0);

// shock --json as a user runs it, on the largest engine network: the run@1 written to a file.
const [sp, sc, sk] = quick ? [1000, 10_000, 10_000] : [100_000, 1_000_000, 1_000_000];
const shockJson = run('shock-json-case.ts', [sp, sc, sk, 100]);
console.log(
  `shock --json on ${sp} protocols / ${sc} cohorts / ${sk} claims, 100 steps: ` +
    (shockJson.exitCode === 0
      ? `completed, ${(shockJson.runBytes / 1e6).toFixed(0)} MB of run@1 in ${shockJson.seconds.toFixed(0)} s, ` +
        `peak RSS ${shockJson.peakRssMb?.toFixed(0)} MB (network file ${(shockJson.networkBytes / 1e6).toFixed(0)} MB).\n`
      : `FAILED with exit code ${shockJson.exitCode}: ${shockJson.error}\n`),
);

console.log('Clearing alone: greatest clearing vector, 2% of nodes wiped out (median of runs)');
const clearing = (
  quick
    ? [[1000, 10_000]]
    : [
        [1000, 10_000],
        [10_000, 100_000],
      ]
).map(([n, m]) => {
  const r = run('clearing-case.ts', [n!, m!, 15]);
  return [n!, m!, r.medianMs.toFixed(2), r.minMs.toFixed(2), r.defaulted, r.rounds, r.iterations];
});
console.log(
  table(['protocols', 'claims', 'median ms', 'min ms', 'defaulted', 'rounds', 'iterations'], clearing, [
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
    'right',
  ]),
);
console.log('Target: clearing alone on 10k protocols / 100k claims in under 10 ms.');

console.log("\nDebtRank of every protocol's default on the claims network (both rules)");
const debtRank = (
  quick
    ? [[1000, 10_000]]
    : [
        [1000, 10_000],
        [10_000, 100_000],
      ]
).map(([n, m]) => {
  const r = run('debtrank-case.ts', [n!, m!, m!]);
  return [
    n!,
    m!,
    r.impactEdges,
    r.inputsMs.toFixed(0),
    r.battistonMs.toFixed(0),
    r.battistonParallelMs.toFixed(0),
    (r.battistonMs / r.battistonParallelMs).toFixed(2) + 'x',
    r.differentialMs.toFixed(0),
    r.plainMs.toFixed(0),
    (r.differentialMs / r.plainMs).toFixed(2) + 'x',
    r.sumRelativeDifference.toExponential(1),
    r.differentialParallelMs.toFixed(0),
    r.workers,
    r.identical ? 'yes' : 'NO',
    r.meanDistressed.toFixed(0),
  ];
});
console.log(
  table(
    [
      'protocols',
      'claims',
      'impact edges',
      'inputs ms',
      'Battiston ms',
      'on workers ms',
      'speed-up',
      'differential ms',
      'plain loop ms',
      'vs loop',
      'sum rel. diff.',
      'on workers ms',
      'workers',
      'same as serial',
      'mean distressed',
    ],
    debtRank,
    debtRank[0]!.map(() => 'right' as const),
  ),
);
console.log(
  'Each rule once on one thread, then on worker threads (fixed slices of the nodes; thread start-up and\n' +
    'column build included). Target: DebtRank of every protocol on a 10k-protocol / 100k-claim network in under 1 s.\n' +
    "The differential rule (Bardoscia et al. 2015, uncapped leverage) against the plain loop h <- min(1, h + L'dh)\n" +
    'on the same matrix until nothing changes, every default: time as a ratio (target within 1.5x) and the\n' +
    'relative difference of the two sums of DebtRank over the defaults (target 1e-9).',
);

console.log('\nMonte Carlo on the sample network: ETH jump-diffusion paths on the ETH-crash scenario');
// Each case is one process: plan (parse, validate), then every path run in summary-only mode on a prepared
// network, in this thread or on worker threads that parse the network once and receive only the paths.
const mcPaths = quick ? 500 : 1000;
const mcThreads = Math.min(2, availableParallelism());
const mcCase = (paths: number, workers: number) => {
  const r = run('monte-carlo-case.ts', [paths, workers]);
  process.stderr.write('.');
  return r as {
    paths: number;
    stepsPerScenario: number;
    runSeconds: number;
    totalSeconds: number;
    cpuSeconds: number;
  };
};
const mcSerial = mcCase(mcPaths, 1);
// The bare loop on the sample network, for the cost of one step.
const sampleLoop = run('loop-case.ts', [
  join(__dirname, '..', '..', 'data', 'networks', 'ethereum-2025-10.json'),
  100,
]);
const mcParallel = mcCase(mcPaths, mcThreads);
const mcFull = quick ? undefined : mcCase(10_000, mcThreads);
process.stderr.write('\n');
const mcRow = (r: ReturnType<typeof mcCase>, workers: number) => [
  r.paths,
  r.stepsPerScenario,
  workers,
  r.totalSeconds.toFixed(2),
  r.runSeconds.toFixed(2),
  (r.paths / r.runSeconds).toFixed(0),
  ((r.cpuSeconds / r.paths) * 1000).toFixed(2),
  ratio((r.cpuSeconds * 1000) / (r.paths * r.stepsPerScenario), sampleLoop.cpuMsPerStep),
];
console.log(
  table(
    [
      'scenarios',
      'steps each',
      'workers',
      'seconds',
      'run seconds',
      'scenarios/s',
      'CPU ms each',
      'CPU per step vs loop',
    ],
    [mcRow(mcSerial, 1), mcRow(mcParallel, mcThreads), ...(mcFull ? [mcRow(mcFull, mcThreads)] : [])],
    Array(8).fill('right'),
  ),
);
const speedUp = mcSerial.runSeconds / mcParallel.runSeconds;
const projected = (10_000 / mcParallel.paths) * mcParallel.runSeconds;
console.log(
  `Speed-up from ${mcThreads} worker threads: ${speedUp.toFixed(2)}x. 10,000 scenarios: ` +
    (mcFull
      ? `${mcFull.totalSeconds.toFixed(1)} s measured (plan included)`
      : `${projected.toFixed(1)} s projected from ${mcParallel.paths}`) +
    '. Target: 10,000 in under 30 s on 2 cores.\n' +
    'seconds: the whole case (parsing and validating the plan included); run seconds and scenarios/s: the\n' +
    'runs alone; CPU ms each: CPU time of the process (all threads) per scenario; CPU per step vs loop: that\n' +
    `time per scenario-step over the bare loop's CPU per step on the sample network (${(sampleLoop.cpuMsPerStep * 1000).toFixed(2)} µs).`,
);

printBacktestBench(run);

printQueueBench(run, quick ? 200 : 400);

const startup = run('startup-case.ts', []);
console.log(
  `\nStart-up: contagion --help takes ${startup.medianCpuMs.toFixed(0)} ms of CPU (user + system, median of ${startup.runs} runs).`,
);

// Neo4j: staged load of generated networks, pull back, claim-cycles (bench/neo4j-case.ts; own server unless NEO4J_URI).
console.log('\nNeo4j: generated networks loaded (staged, then swapped in) and pulled back');
const neo4jBench = run('neo4j-case.ts', quick ? ['--quick'] : []);
if (neo4jBench.skipped) console.log(`Neo4j bench SKIPPED: ${neo4jBench.skipped}.`);
else {
  console.log(
    table(
      [
        'protocols',
        'claims',
        'nodes',
        'relationships',
        'node rows/s',
        'rel rows/s',
        'swap s',
        'Neo4j s',
        'load s',
        'pull s',
      ],
      neo4jBench.cases.map((c: Record<string, number>) => [
        c.protocols,
        c.claims,
        c.nodes,
        c.relationships,
        c.nodeRowsPerSec!.toFixed(0),
        c.relRowsPerSec!.toFixed(0),
        c.swapSec!.toFixed(2),
        c.neo4jSec!.toFixed(1),
        c.loadSec!.toFixed(1),
        c.pullSec!.toFixed(1),
      ]),
      Array(10).fill('right'),
    ),
  );
  console.log(
    'Neo4j s: staging nodes and relationships and the swap; load s: the whole loadNetwork, rows built from the\n' +
      "parsed network included (the previous network's removal after the swap is not counted). Target: 1M\n" +
      'relationships in under 60 s.\n' +
      `claim-cycles on ${neo4jBench.cycles.claims} claims: ${neo4jBench.cycles.rows} rows in ${neo4jBench.cycles.seconds.toFixed(1)} s.`,
  );
}
