// The queue section of `npm run bench`: a Monte Carlo through a Redis queue with 1, 2 and 4 worker processes
// against the local run on worker threads, measured in the same case (queue-case.ts), and the queue's cost
// per job. Run alone with `node .bench/bench/queue-bench.js [paths]` after `tsc -p tsconfig.bench.json`.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { table } from '../src/report/table';

interface QueueCase {
  skipped?: string;
  paths: number;
  jobs: number;
  threads: number;
  serialSeconds: number;
  localSeconds: number;
  /** workerSeconds: the time the workers spent running the chunks, summed over the jobs. */
  queued: { workers: number; seconds: number; workerSeconds: number; same: boolean }[];
}

type RunCase = (script: string, args: (string | number)[]) => unknown;

export function printQueueBench(run: RunCase, paths: number): void {
  console.log(
    '\nQueue: Monte Carlo paths through Redis (BullMQ) and `contagion worker` processes on this machine',
  );
  const r = run('queue-case.ts', [paths]) as QueueCase;
  if (r.skipped) return void console.log(`Queue bench SKIPPED: ${r.skipped}.`);
  const perSec = (s: number) => r.paths / s;
  const local = perSec(r.localSeconds);
  const rows = [
    [
      'local, 1 thread',
      r.serialSeconds.toFixed(2),
      perSec(r.serialSeconds).toFixed(0),
      (perSec(r.serialSeconds) / local).toFixed(2) + 'x',
      'yes',
    ],
    [`local, ${r.threads} threads`, r.localSeconds.toFixed(2), local.toFixed(0), '1.00x', 'yes'],
    ...r.queued.map((q) => [
      `queue, ${q.workers} worker process${q.workers > 1 ? 'es' : ''}`,
      q.seconds.toFixed(2),
      perSec(q.seconds).toFixed(0),
      (perSec(q.seconds) / local).toFixed(2) + 'x',
      q.same ? 'yes' : 'NO',
    ]),
  ];
  console.log(
    table(['run', 'seconds', 'scenarios/s', 'vs local threads', 'same result'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
    ]),
  );
  // With one worker the jobs run one after the other: the wall time beyond their run time is the queue's.
  const one = r.queued.find((q) => q.workers === 1)!;
  const overheadMs = ((one.seconds - one.workerSeconds) * 1000) / r.jobs;
  const runMs = (one.workerSeconds * 1000) / r.jobs;
  console.log(
    `${r.paths} paths in ${r.jobs} jobs. Queue overhead per job (1 worker process: wall time less the time ` +
      `the worker ran the job): ${overheadMs.toFixed(1)} ms, against ${runMs.toFixed(1)} ms of run per job ` +
      `(${(overheadMs / runMs).toFixed(3)}x): enqueueing, Redis round trips, taking the job, the result coming back.\n` +
      'Worker processes beyond the cores of this machine only share them: the figures that scale are from ' +
      'workers on other machines.',
  );
}

if (require.main === module) {
  const run: RunCase = (script, args) =>
    JSON.parse(
      execFileSync(process.execPath, [join(__dirname, script.replace(/\.ts$/, '.js')), ...args.map(String)], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      }),
    );
  printQueueBench(run, Number(process.argv[2] ?? 400));
}
