// `npm run bench`: prints engine and clearing figures on generated networks. Asserts nothing about time.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { table } from '../src/report/table';

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

const engineCases: [number, number, number][] = quick
  ? [[1000, 10_000, 10_000]]
  : [
      [1000, 10_000, 10_000],
      [10_000, 100_000, 100_000],
      [10_000, 1_000_000, 1_000_000],
      [100_000, 1_000_000, 1_000_000],
    ];
console.log('Engine: 100 steps, a 30% gap and a 40% slide on generated networks (one process per case)');
const rows = engineCases.map(([p, c, k]) => {
  const r = run('engine-case.ts', [p, c, k, 100]);
  process.stderr.write('.');
  return [
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
  ];
});
process.stderr.write('\n');
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
  'steps ms: the 100 steps alone; state ms: typed arrays built from the parsed network; network heap: the\n' +
    'parsed network (decimal.js amounts) after GC; run state: heap and buffers the run holds on top of it after\n' +
    'GC (typed-array state, ledger, series); peak RSS: the whole process, parsing and the result included.\n' +
    'Targets: 100 steps over 1M cohorts + 1M claims in under 2 s on one core, under 1 GB.\n',
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
    r.differentialMs.toFixed(0),
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
      'differential ms',
      'mean distressed',
    ],
    debtRank,
    ['right', 'right', 'right', 'right', 'right', 'right', 'right'],
  ),
);
console.log('Target: DebtRank of every protocol on a 10k-protocol / 100k-claim network in under 1 s.');

console.log('\nMonte Carlo on the sample network: ETH jump-diffusion paths on the ETH-crash scenario');
const cli = join(__dirname, '..', 'src', 'cli', 'main.js');
const paths = quick ? 20 : 200;
const timeSweep = (workers: number) => {
  const started = performance.now();
  execFileSync(
    process.execPath,
    [cli, 'sweep', '--monte-carlo', String(paths), '--seed', '1', '--workers', String(workers), '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  return (performance.now() - started) / 1000;
};
const serial = timeSweep(1);
const parallel = timeSweep(availableParallelism());
console.log(
  table(
    ['scenarios', 'workers', 'seconds', 'scenarios/s'],
    [
      [paths, 1, serial.toFixed(2), (paths / serial).toFixed(1)],
      [paths, availableParallelism(), parallel.toFixed(2), (paths / parallel).toFixed(1)],
    ],
    ['right', 'right', 'right', 'right'],
  ),
);
console.log(
  `Speed-up from worker threads: ${(serial / parallel).toFixed(2)}x. Target: 10,000 scenarios in under 30 s on 2 cores.`,
);
