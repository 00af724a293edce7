// A queue worker: a BullMQ consumer of the run queue in this thread. It validates each job it takes (zod),
// runs it with `ChunkRunner`, reports the items done as the job's progress, and returns the outcomes. A job
// whose input is bad fails at once (no retry) with that input's message. `close()` lets the job under way
// finish; a process killed mid-job loses its lock, and the job is taken again once the lock has expired
// (BullMQ's stalled-job check, every `stalledSeconds`).
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { ContagionError } from '../model/errors';
import { BlobReader } from './blobs';
import { QUEUE_NAME, redisMessage, redisOptions, type QueueServer } from './connection';
import { chunkJobSchema, validated, type ChunkResult } from './payload';
import { ChunkRunner } from './run-chunk';

export interface WorkerOptions {
  /** This worker's release of contagion: jobs planned by another release are refused. */
  release: string;
  /** Seconds a job's lock lasts (renewed every half) and between stalled-job checks. */
  stalledSeconds: number;
  /** One line per event worth telling (job failed, connection lost). */
  log: (line: string) => void;
}

export interface QueueWorker {
  /** Stops taking jobs; resolves once the job under way is finished (or, with `force`, dropped at once). */
  close(force?: boolean): Promise<void>;
}

/** How often a long chunk reports its progress, at most. */
const PROGRESS_MS = 250;
/** How long closing may wait on Redis once no job is running. */
const CLOSE_MS = 5000;

export function startQueueWorker(server: QueueServer, o: WorkerOptions): QueueWorker {
  const redis = new IORedis(redisOptions(server));
  redis.on('error', () => undefined);
  const runner = new ChunkRunner(new BlobReader(redis));
  let running = 0;
  let whenIdle: (() => void) | undefined;
  const process = async (job: Job): Promise<ChunkResult> => {
    running++;
    try {
      return await runChunk(job);
    } finally {
      running--;
      if (running === 0) whenIdle?.();
    }
  };
  const runChunk = async (job: Job): Promise<ChunkResult> => {
    let data;
    try {
      data = validated(chunkJobSchema, job.data, `job ${job.id}`);
    } catch (e) {
      throw new UnrecoverableError((e as Error).message);
    }
    if (data.release !== o.release)
      throw new UnrecoverableError(
        `job ${job.id} was planned by contagion ${data.release} and this worker runs ${o.release}: ` +
          'run one release on every machine (another engine may give other numbers)',
      );
    let reported = Date.now();
    const started = performance.now();
    try {
      const outcomes = await runner.run(data, (done) => {
        if (Date.now() - reported < PROGRESS_MS) return;
        reported = Date.now();
        void job.updateProgress(done).catch(() => undefined);
      });
      return { chunk: data.chunk, outcomes, runMs: performance.now() - started };
    } catch (e) {
      if (e instanceof ContagionError) throw new UnrecoverableError(e.message);
      throw e;
    }
  };
  const ms = o.stalledSeconds * 1000;
  const worker = new Worker(QUEUE_NAME, process, {
    connection: redisOptions(server),
    concurrency: 1,
    lockDuration: ms,
    stalledInterval: ms,
    maxStalledCount: 3,
  });
  let lastError = '';
  worker.on('error', (e) => {
    const line = redisMessage(server, e);
    if (line !== lastError) o.log(`worker: ${line}`);
    lastError = line;
  });
  worker.on('failed', (job, e) => o.log(`worker: job ${job?.id ?? '?'} failed: ${e.message}`));
  worker.on('ready', () => (lastError = ''));
  return {
    async close(force = false) {
      const closing = worker.close(force).then(() => true);
      if (running > 0) await new Promise<void>((resolve) => (whenIdle = resolve));
      // The job under way is done. Closing waits on Redis, which may be away: it gets a few seconds, then
      // the worker stops without it (a result it could not hand over is taken again by another worker).
      const closed = await Promise.race([closing, new Promise<false>((r) => setTimeout(r, CLOSE_MS, false))]);
      if (!closed) {
        o.log('worker: Redis does not answer; stopping without it');
        // Not awaited: a disconnection from a server that is gone does not end either.
        void worker.disconnect().catch(() => undefined);
      }
      redis.disconnect();
    },
  };
}
