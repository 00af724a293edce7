// `contagion worker`'s consumers: one in this thread, or with a concurrency of N, N worker threads each
// running its own (the engine is synchronous, so jobs in one thread would take turns on one core).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { QueueServer } from './connection';
import { startQueueWorker, type QueueWorker, type WorkerOptions } from './worker';

const THREAD_FILE = join(__dirname, 'worker-thread.js');

export function startWorkers(server: QueueServer, concurrency: number, o: WorkerOptions): QueueWorker {
  if (concurrency === 1 || !existsSync(THREAD_FILE)) return startQueueWorker(server, o);
  const threads = Array.from({ length: concurrency }, () => {
    const t = new Worker(THREAD_FILE, {
      workerData: { server, stalledSeconds: o.stalledSeconds, release: o.release },
    });
    t.on('message', (m: { log?: string }) => {
      if (m.log !== undefined) o.log(m.log);
    });
    t.on('error', (e) => o.log(`worker thread: ${e.message}`));
    return { t, exited: new Promise<void>((resolve) => t.once('exit', () => resolve())) };
  });
  return {
    async close(force = false) {
      for (const { t } of threads) t.postMessage({ force });
      await Promise.all(threads.map((x) => x.exited));
    },
  };
}
