// Worker-thread entry of `contagion worker --concurrency N`: one queue consumer per thread (each its own
// BullMQ worker and Redis connections), so N jobs run on N cores. Told `{ force }` to stop; posts log lines.
import { parentPort, workerData } from 'node:worker_threads';
import type { QueueServer } from './connection';
import { startQueueWorker } from './worker';

const { server, stalledSeconds, release } = workerData as {
  server: QueueServer;
  stalledSeconds: number;
  release: string;
};
const worker = startQueueWorker(server, {
  release,
  stalledSeconds,
  log: (line) => parentPort?.postMessage({ log: line }),
});
parentPort?.on('message', (m: { force: boolean }) => {
  void worker.close(m.force).finally(() => process.exit(0));
});
