// A pool of worker threads running sweep jobs or Monte Carlo paths in chunks; outcomes are collected by index,
// so the order in which workers finish never matters.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runOnWorkers } from './worker-pool';
import { monteCarloPaths, PathRunner, type MonteCarloPlan, type MonteCarloSpec } from './monte-carlo';
import { runJob, type JobRunner, type RunOutcome, type SweepJob } from './sweep';
import { raisedError, type ThreadError } from './thread-error';

const WORKER_FILE = join(__dirname, 'sweep-worker.js');

export const defaultWorkers = (): number => availableParallelism();

/** What a worker is told once: run raw sweep jobs, or the paths of one Monte Carlo. */
export type WorkerSetup = { kind: 'jobs' } | { kind: 'monte-carlo'; spec: MonteCarloSpec };

/** A chunk of work: items start, start+1, ... (raw jobs, or the changes of Monte Carlo paths). */
export interface ChunkMessage {
  start: number;
  items: unknown[];
}

/** The outcomes of a chunk, or the error of its item `index`. */
export type ReplyMessage = { start: number; outcomes: RunOutcome[] } | { index: number; error: ThreadError };

/** Whether work can go to threads: more than one asked for, and the compiled worker script present. */
const threaded = (workers: number, items: number) => Math.min(workers, items) > 1 && existsSync(WORKER_FILE);

/** Items per message: enough to keep messages few, small enough to balance the end of the run. */
const chunkSize = (items: number, workers: number) =>
  Math.max(1, Math.min(64, Math.ceil(items / (workers * 16))));

/**
 * Runs `total` items on `workers` threads. Each worker is set up once, then fed chunks made on demand in
 * index order by `chunk(start, count)`, two at a time so that it never waits for the next.
 */
async function runOnThreads(
  workers: number,
  setup: WorkerSetup,
  total: number,
  chunk: (start: number, count: number) => unknown[],
  onDone?: (done: number) => void,
): Promise<RunOutcome[]> {
  const n = Math.min(workers, total);
  const size = chunkSize(total, n);
  const results = new Array<RunOutcome>(total);
  let next = 0;
  let done = 0;
  await runOnWorkers<ChunkMessage, ReplyMessage>({
    file: WORKER_FILE,
    threads: n,
    workerData: setup,
    inFlight: 2,
    next: () => {
      if (next >= total) return undefined;
      const start = next;
      const count = Math.min(size, total - start);
      next += count;
      return { start, items: chunk(start, count) };
    },
    errorOf: (m) => ('error' in m ? raisedError(m.error, `job ${m.index}`) : undefined),
    take: (m) => {
      if ('error' in m) return;
      m.outcomes.forEach((o, k) => (results[m.start + k] = o));
      done += m.outcomes.length;
      onDone?.(done);
    },
  });
  return results;
}

/**
 * A runner of raw jobs on `workers` threads (serial in this thread when 1, or when the compiled worker
 * script is absent, e.g. under a TypeScript test runner). `onDone` is called with the number finished.
 */
export function poolRunner(workers: number, onDone?: (done: number) => void): JobRunner {
  return async (jobs: readonly SweepJob[]) => {
    if (!threaded(workers, jobs.length)) {
      const out: RunOutcome[] = [];
      for (const job of jobs) {
        out.push(runJob(job));
        onDone?.(out.length);
      }
      return out;
    }
    return runOnThreads(
      workers,
      { kind: 'jobs' },
      jobs.length,
      (start, count) => jobs.slice(start, start + count),
      onDone,
    );
  };
}

/**
 * Runs every path of a Monte Carlo plan on `workers` threads (or in this thread, as `poolRunner`). Paths
 * are drawn here, in order, as chunks are handed out; each worker parses the network and the scenario once
 * and receives only the paths' changes.
 */
export async function runMonteCarlo(
  plan: MonteCarloPlan,
  workers: number,
  onDone?: (done: number) => void,
): Promise<RunOutcome[]> {
  const total = plan.options.paths;
  const paths = monteCarloPaths(plan);
  if (!threaded(workers, total)) {
    const runner = new PathRunner(plan.spec);
    const out: RunOutcome[] = [];
    for (let i = 0; i < total; i++) {
      out.push(runner.run(i, paths.next().value!));
      onDone?.(out.length);
    }
    return out;
  }
  return runOnThreads(
    workers,
    { kind: 'monte-carlo', spec: plan.spec },
    total,
    (_, count) => Array.from({ length: count }, () => paths.next().value!),
    onDone,
  );
}
