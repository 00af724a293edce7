// A pool of worker threads running whole sweep jobs; outcomes are collected by index, so order never matters.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InternalError } from '../model/errors';
import { runJob, type JobRunner, type RunOutcome, type SweepJob } from './sweep';

const WORKER_FILE = join(__dirname, 'sweep-worker.js');

export const defaultWorkers = (): number => availableParallelism();

/**
 * A runner on `workers` threads (serial in this thread when 1, or when the compiled worker script is absent,
 * e.g. under a TypeScript test runner). `onDone` is called after each finished job.
 */
export function poolRunner(workers: number, onDone?: (done: number) => void): JobRunner {
  return async (jobs: readonly SweepJob[]) => {
    const n = Math.min(workers, jobs.length);
    if (n <= 1 || !existsSync(WORKER_FILE)) {
      const out: RunOutcome[] = [];
      for (const job of jobs) {
        out.push(runJob(job));
        onDone?.(out.length);
      }
      return out;
    }
    const results = new Array<RunOutcome>(jobs.length);
    let next = 0;
    let done = 0;
    const pool = Array.from({ length: n }, () => new Worker(WORKER_FILE));
    try {
      await new Promise<void>((resolve, reject) => {
        const feed = (w: Worker) => {
          if (next < jobs.length) {
            const index = next++;
            w.postMessage({ index, job: jobs[index] });
          }
        };
        for (const w of pool) {
          w.on('message', (m: { index: number; outcome?: RunOutcome; error?: string }) => {
            if (m.error !== undefined) return reject(new InternalError(`job ${m.index}: ${m.error}`));
            results[m.index] = m.outcome!;
            onDone?.(++done);
            if (done === jobs.length) resolve();
            else feed(w);
          });
          w.on('error', reject);
          feed(w);
        }
      });
    } finally {
      await Promise.all(pool.map((w) => w.terminate()));
    }
    return results;
  };
}
