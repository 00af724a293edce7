// Worker-thread entry of the sweep pool: set up once (raw jobs, or one Monte Carlo's network and scenario),
// then runs chunks of items and posts their outcomes back with the chunk's first index.
import { parentPort, workerData } from 'node:worker_threads';
import { PathRunner } from './monte-carlo';
import { runJob, type RunOutcome, type SweepJob } from './sweep';
import type { ChunkMessage, ReplyMessage, WorkerSetup } from './sweep-pool';
import { threadError } from './thread-error';

const setup = workerData as WorkerSetup;
let runItem: ((index: number, item: unknown) => RunOutcome) | undefined;

function runner(): (index: number, item: unknown) => RunOutcome {
  if (setup.kind === 'jobs') return (_, item) => runJob(item as SweepJob);
  const paths = new PathRunner(setup.spec);
  return (index, item) => paths.run(index, item as number[]);
}

parentPort?.on('message', (msg: ChunkMessage) => {
  let reply: ReplyMessage;
  let index = msg.start;
  try {
    runItem ??= runner();
    const outcomes: RunOutcome[] = [];
    for (const item of msg.items) {
      outcomes.push(runItem(index, item));
      index++;
    }
    reply = { start: msg.start, outcomes };
  } catch (e) {
    reply = { index, error: threadError(e) };
  }
  parentPort!.postMessage(reply);
});
