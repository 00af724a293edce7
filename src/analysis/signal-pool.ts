// The signal evaluation of a Monte Carlo on worker threads: paths drawn here in order and handed out in chunks,
// each worker's tally added as it comes. The table is the same whatever the number of workers (tallies are
// sums of counts and lists of whole-step leads, read in an order-free way).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { monteCarloPaths, type MonteCarloPlan, type MonteCarloSpec } from './monte-carlo';
import {
  evaluateSignals,
  SignalPathRunner,
  signalTable,
  SignalTally,
  type SignalEvaluation,
  type SignalTallyData,
} from './signal-evaluation';
import { raisedError, type ThreadError } from './thread-error';
import { runOnWorkers } from './worker-pool';

const WORKER_FILE = join(__dirname, 'signal-worker.js');

export interface SignalWorkerSetup {
  spec: MonteCarloSpec;
  horizon: number;
}

export interface SignalChunk {
  start: number;
  changes: number[][];
}

export type SignalReply =
  { start: number; count: number; tally: SignalTallyData } | { start: number; error: ThreadError };

/** Paths per message: enough to keep messages few, small enough to balance the end of the run. */
const chunkSize = (paths: number, workers: number) =>
  Math.max(1, Math.min(32, Math.ceil(paths / (workers * 8))));

/**
 * Scores every path of the plan on `workers` threads (in this thread when 1, or when the compiled worker script
 * is absent, e.g. under a TypeScript test runner). `onDone` is called with the number of paths finished.
 */
export async function evaluateSignalsOnThreads(
  plan: MonteCarloPlan,
  horizon: number,
  workers: number,
  onDone?: (done: number) => void,
): Promise<SignalEvaluation> {
  const total = plan.options.paths;
  const threads = Math.min(workers, total);
  if (threads <= 1 || !existsSync(WORKER_FILE)) return evaluateSignals(plan, horizon, onDone);
  const paths = monteCarloPaths(plan);
  const size = chunkSize(total, threads);
  const tally = new SignalTally();
  let next = 0;
  let done = 0;
  await runOnWorkers<SignalChunk, SignalReply>({
    file: WORKER_FILE,
    threads,
    workerData: { spec: plan.spec, horizon } satisfies SignalWorkerSetup,
    inFlight: 2,
    next: () => {
      if (next >= total) return undefined;
      const start = next;
      const count = Math.min(size, total - start);
      next += count;
      return { start, changes: Array.from({ length: count }, () => paths.next().value!) };
    },
    errorOf: (m) => ('error' in m ? raisedError(m.error, `paths from ${m.start}`) : undefined),
    take: (m) => {
      if ('error' in m) return;
      tally.addData(m.tally);
      done += m.count;
      onDone?.(done);
    },
  });
  return signalTable(plan, horizon, tally, new SignalPathRunner(plan.spec).protocolNames);
}
