// Worker-thread entry of the sweep pool: runs whole jobs and posts each outcome back with its index.
import { parentPort } from 'node:worker_threads';
import { runJob, type SweepJob } from './sweep';

parentPort?.on('message', (msg: { index: number; job: SweepJob }) => {
  try {
    parentPort!.postMessage({ index: msg.index, outcome: runJob(msg.job) });
  } catch (e) {
    parentPort!.postMessage({ index: msg.index, error: e instanceof Error ? e.message : String(e) });
  }
});
