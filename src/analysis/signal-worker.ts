// Worker-thread entry of the signal evaluation: sets up one Monte Carlo's network and scenario once, then scores
// chunks of paths and posts each chunk's tally back (tallies add up in any order).
import { parentPort, workerData } from 'node:worker_threads';
import { SignalPathRunner, tallyPaths } from './signal-evaluation';
import type { SignalChunk, SignalReply, SignalWorkerSetup } from './signal-pool';
import { threadError } from './thread-error';

const setup = workerData as SignalWorkerSetup;
let runner: SignalPathRunner | undefined;

parentPort?.on('message', (msg: SignalChunk) => {
  let reply: SignalReply;
  try {
    runner ??= new SignalPathRunner(setup.spec);
    const tally = tallyPaths(runner, msg.start, msg.changes, setup.horizon);
    reply = { start: msg.start, count: msg.changes.length, tally: tally.toData() };
  } catch (e) {
    reply = { start: msg.start, error: threadError(e) };
  }
  parentPort!.postMessage(reply);
});
