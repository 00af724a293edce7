// The three queued run modes, each the local mode's plan with its runner swapped: a sweep's jobs, a Monte
// Carlo's paths and the backtest's events are cut into chunks, run by the queue's workers and merged in plan
// order, so what is printed is what the local run prints, byte for byte.
import { backtestResultOf, type BacktestResult, type EventScore } from '../analysis/backtest/score';
import type { MonteCarloPlan } from '../analysis/monte-carlo';
import type { JobRunner, RunOutcome } from '../analysis/sweep';
import { BlobSet } from './blobs';
import type { QueueServer } from './connection';
import { newRunId, runChunks, type QueueRunOptions } from './coordinator';
import { runOutcomeSchema, validated } from './payload';
import { backtestChunks, monteCarloChunks, sweepChunks, type RawBacktestEvent } from './plan-chunks';

const outcomesOf = (chunks: unknown[][]): RunOutcome[] =>
  chunks.flat().map((o, i) => validated(runOutcomeSchema, o, `the outcome of item ${i}`));

/** A sweep runner on the queue (for `runSweep`). */
export function queueJobRunner(server: QueueServer, o: QueueRunOptions): JobRunner {
  return async (jobs) => {
    const blobs = new BlobSet();
    return outcomesOf(
      await runChunks(server, sweepChunks({ run: newRunId(), release: o.release }, jobs, blobs), blobs, o),
    );
  };
}

/** Every path of a Monte Carlo plan, run on the queue; outcome i is path i's. */
export async function runMonteCarloOnQueue(
  server: QueueServer,
  plan: MonteCarloPlan,
  o: QueueRunOptions,
): Promise<RunOutcome[]> {
  const blobs = new BlobSet();
  return outcomesOf(
    await runChunks(server, monteCarloChunks({ run: newRunId(), release: o.release }, plan, blobs), blobs, o),
  );
}

/** The backtest scorecard of the events, each scored by a worker. */
export async function runBacktestOnQueue(
  server: QueueServer,
  events: readonly RawBacktestEvent[],
  o: QueueRunOptions,
): Promise<BacktestResult> {
  const blobs = new BlobSet();
  const scored = await runChunks(
    server,
    backtestChunks({ run: newRunId(), release: o.release }, events, blobs),
    blobs,
    o,
  );
  return backtestResultOf(scored.flat() as EventScore[]);
}
