// Worker threads fed tasks on demand: a fixed number of workers of one script, each kept a few tasks ahead,
// every reply handed back as it comes; the first error ends the whole run. The workers are always stopped.
import { Worker } from 'node:worker_threads';
import { InternalError } from '../model/errors';

export interface PoolWork<Task, Reply> {
  /** The compiled worker script. */
  file: string;
  threads: number;
  /** Given to every worker as its `workerData`. */
  workerData?: unknown;
  /** A first message to every worker, made once after the workers are started (they start meanwhile). */
  setup?: () => unknown;
  /** Tasks each worker holds at once, so that it never waits for the next. */
  inFlight: number;
  /** The next task in order, or undefined when none is left. */
  next(): Task | undefined;
  /** The error a reply reports, if any: raised as it is, or as an internal error when a message. */
  errorOf(reply: Reply): Error | string | undefined;
  /** A reply without error. */
  take(reply: Reply): void;
}

/** Runs every task of `work` on its worker threads; resolves once each task sent has its reply. */
export async function runOnWorkers<Task, Reply>(work: PoolWork<Task, Reply>): Promise<void> {
  const pool = Array.from(
    { length: work.threads },
    () => new Worker(work.file, { workerData: work.workerData }),
  );
  try {
    const setup = work.setup?.();
    await new Promise<void>((resolve, reject) => {
      let pending = 0;
      const feed = (w: Worker) => {
        const task = work.next();
        if (task === undefined) return;
        pending++;
        w.postMessage(task);
      };
      for (const w of pool) {
        w.on('message', (reply: Reply) => {
          const error = work.errorOf(reply);
          if (error !== undefined)
            return reject(typeof error === 'string' ? new InternalError(error) : error);
          pending--;
          work.take(reply);
          feed(w);
          if (pending === 0) resolve();
        });
        w.on('error', reject);
        if (setup !== undefined) w.postMessage(setup);
        for (let k = 0; k < work.inFlight; k++) feed(w);
      }
      if (pending === 0) resolve();
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
