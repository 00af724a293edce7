// The coordinator's side of a queued run: uploads the plan's networks once (by hash), enqueues its chunks
// with BullMQ, follows them through the queue's events, and merges their outcomes by chunk id, in plan order,
// so a chunk taken twice (a worker killed mid-job) is counted once. A watchdog ends the run with one
// `QueueError` when Redis stays unreachable, when it has lost the run's jobs (restarted without its data),
// or when a job fails, or on SIGINT/SIGTERM; nothing partial is ever returned. The run's jobs are removed
// from Redis at the end.
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { putBlobs, type BlobSet } from './blobs';
import {
  openChecked,
  QUEUE_NAME,
  QueueError,
  redisMessage,
  redisOptions,
  withTimeout,
  type QueueServer,
} from './connection';
import { chunkLength, chunkResultSchema, validated, type ChunkJob } from './payload';

export interface QueueRunOptions {
  /** The release of contagion planning the run (workers of another release refuse its jobs). */
  release: string;
  /** Told the number of items done (progress bars). */
  onDone?: (done: number) => void;
  /** Seconds Redis may stay unreachable before the run is abandoned (default 10). */
  downSeconds?: number;
  /** Told, once per chunk merged, the milliseconds its worker spent running it. */
  onChunk?: (runMs: number) => void;
}

/** A fresh id for a run's jobs. */
export const newRunId = (): string => randomUUID();

const WATCH_MS = 1000;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const KEEP_JOBS_SECONDS = 24 * 3600;
const COMMAND_MS = 30_000;

/**
 * Runs the chunks on whatever workers listen to the queue and gives each chunk's outcomes, in chunk order.
 * Rejects with a `QueueError` (exit code 2) for every failure of the queue or of a job.
 */
export async function runChunks(
  server: QueueServer,
  chunks: readonly ChunkJob[],
  blobs: BlobSet,
  o: QueueRunOptions,
): Promise<unknown[][]> {
  if (chunks.length === 0) return [];
  const downMs = (o.downSeconds ?? 10) * 1000;
  const checked = await openChecked(server);
  // The queue's events are read from the server's clock now, not from the reader's first read: an event of
  // this run sent before that read is still seen.
  const [sec, usec] = (await checked.time()).map(Number) as [number, number];
  checked.disconnect();
  const lastEventId = `${sec * 1000 + Math.floor(usec / 1000)}-0`;
  // The coordinator's own connection reconnects (the checked one does not): the watchdog reads its status.
  const redis = new IORedis(redisOptions(server));
  const queue = new Queue(QUEUE_NAME, { connection: redisOptions(server) });
  const events = new QueueEvents(QUEUE_NAME, { connection: redisOptions(server), lastEventId });
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  let lastError: unknown;
  redis.on('error', (e) => (lastError = e));
  const ids = chunks.map((c) => `${c.run}-${c.chunk}`);
  const chunkOf = new Map(ids.map((id, i) => [id, i]));
  const results = new Map<number, unknown[]>();
  const partial = new Map<number, number>();
  let timer: NodeJS.Timeout | undefined;
  // Stopped by a signal at any point: the run ends with one message, and its jobs are removed (below) so
  // that no worker spends time on them.
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    onSignal = (signal) =>
      reject(
        new QueueError(`${signal}: the run was stopped; its jobs not yet taken are removed from the queue`),
      );
  });
  stopped.catch(() => undefined);
  for (const signal of SIGNALS) process.once(signal, onSignal!);
  const step = <T>(p: Promise<T>) =>
    Promise.race([withTimeout(p, COMMAND_MS, `Redis at ${server.label}`), stopped]);
  try {
    await step(events.waitUntilReady());
    await step(putBlobs(redis, blobs));
    await step(
      queue.addBulk(
        chunks.map((c, i) => ({
          name: c.kind,
          data: c,
          opts: {
            jobId: ids[i]!,
            attempts: 1,
            // The run removes its jobs when it ends; these bound what a coordinator that died leaves.
            removeOnComplete: { age: KEEP_JOBS_SECONDS },
            removeOnFail: { age: KEEP_JOBS_SECONDS },
          },
        })),
      ),
    );
    await new Promise<void>((resolve, reject) => {
      stopped.catch(reject);
      let done = 0;
      const report = () => {
        let inFlight = 0;
        for (const n of partial.values()) inFlight += n;
        o.onDone?.(done + inFlight);
      };
      const take = (jobId: string, value: unknown) => {
        const i = chunkOf.get(jobId);
        if (i === undefined || results.has(i)) return;
        try {
          const r = validated(chunkResultSchema, value, `the result of job ${jobId}`);
          const want = chunkLength(chunks[i]!);
          if (r.chunk !== chunks[i]!.chunk || r.outcomes.length !== want)
            throw new QueueError(
              `the result of job ${jobId} is not that chunk's (${r.outcomes.length} of ${want} items)`,
            );
          results.set(i, r.outcomes);
          o.onChunk?.(r.runMs);
          partial.delete(i);
          done += want;
          report();
          if (results.size === chunks.length) resolve();
        } catch (e) {
          reject(e);
        }
      };
      const fail = (jobId: string, reason: string) => {
        if (chunkOf.has(jobId)) reject(new QueueError(reason));
      };
      events.on('completed', ({ jobId, returnvalue }) => take(jobId, returnvalue));
      events.on('failed', ({ jobId, failedReason }) => fail(jobId, failedReason));
      events.on('progress', ({ jobId, data }) => {
        const i = chunkOf.get(jobId);
        if (i === undefined || results.has(i) || typeof data !== 'number') return;
        partial.set(i, data);
        report();
      });
      // The watchdog: how long Redis has been away, and every few seconds the state of each job not yet
      // merged (an event missed while reconnecting is read from the job itself).
      let downSince: number | undefined;
      let checking = false;
      let ticks = 0;
      timer = setInterval(() => {
        if (redis.status !== 'ready') {
          downSince ??= Date.now();
          if (Date.now() - downSince > downMs)
            reject(
              new QueueError(
                `lost the connection to Redis for ${downMs / 1000} s (${redisMessage(server, lastError ?? 'closed')}); ` +
                  'the run is abandoned and nothing was written',
              ),
            );
          return;
        }
        downSince = undefined;
        if (checking || ++ticks % 3 !== 0) return;
        checking = true;
        void (async () => {
          for (const [id, i] of chunkOf) {
            if (results.has(i)) continue;
            const job = await queue.getJob(id);
            if (job === undefined)
              return reject(
                new QueueError(
                  `Redis at ${server.label} no longer holds job ${id} of this run (restarted without its data, ` +
                    'or the queue was emptied); the run is abandoned and nothing was written',
                ),
              );
            if (job.finishedOn !== undefined && job.failedReason) return fail(id, job.failedReason);
            if (job.finishedOn !== undefined) take(id, job.returnvalue);
          }
        })()
          .catch(() => undefined)
          .finally(() => (checking = false));
      }, WATCH_MS);
    });
    return chunks.map((_, i) => results.get(i)!);
  } catch (e) {
    if (e instanceof QueueError) throw e;
    throw new QueueError(`${redisMessage(server, e)}; the run is abandoned and nothing was written`);
  } finally {
    clearInterval(timer);
    for (const signal of SIGNALS) process.off(signal, onSignal!);
    await withTimeout(Promise.all(ids.map((id) => queue.remove(id).catch(() => 0))), 3000, 'cleanup').catch(
      () => undefined,
    );
    await Promise.all(
      [events.close(), queue.close()].map((p) => withTimeout(p, 3000, 'close').catch(() => undefined)),
    );
    redis.disconnect();
  }
}
