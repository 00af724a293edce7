// Runs one chunk taken from the queue with the engine code of local runs: sweep jobs through `runJob`,
// Monte Carlo paths through a `PathRunner` (made once per spec and process), historical events through
// `scoreEvent`, each document validated like a file. It yields to the event loop between items, so the
// worker keeps renewing its lock on the job and reporting progress while a long chunk runs.
import { scoreEvent, type EventScore } from '../analysis/backtest/score';
import { PathRunner } from '../analysis/monte-carlo';
import { runJob, type RunOutcome } from '../analysis/sweep';
import { unhandled } from '../engine/compile-scenario';
import { InputError } from '../model/errors';
import { parseExpected } from '../model/parse-expected';
import { parseNetwork } from '../model/parse-network';
import { parseScenario } from '../model/parse-scenario';
import type { BlobReader } from './blobs';
import type { ChunkJob } from './payload';

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ChunkRunner {
  private paths?: { key: string; runner: PathRunner };

  constructor(private readonly blobs: BlobReader) {}

  /** The outcomes of the chunk's items in order; `onItem(done)` after each. An item's error names its index. */
  async run(job: ChunkJob, onItem: (done: number) => void): Promise<(RunOutcome | EventScore)[]> {
    const out: (RunOutcome | EventScore)[] = [];
    const count = job.kind === 'monte-carlo' ? job.paths.length : job.items.length;
    for (let k = 0; k < count; k++) {
      await yieldToLoop();
      out.push(await this.item(job, k));
      onItem(k + 1);
    }
    return out;
  }

  private async item(job: ChunkJob, k: number): Promise<RunOutcome | EventScore> {
    switch (job.kind) {
      case 'sweep': {
        const it = job.items[k]!;
        const network = await this.blobs.get(it.network);
        return runJob({
          network,
          networkFile: it.network.file,
          scenario: it.scenario,
          scenarioFile: it.scenarioFile,
        });
      }
      case 'monte-carlo': {
        const { network: ref, ...rest } = job.spec;
        const key = `${ref.sha256}:${JSON.stringify(rest)}`;
        if (this.paths?.key !== key) {
          const network = await this.blobs.get(ref);
          this.paths = { key, runner: new PathRunner({ ...rest, network, networkFile: ref.file }) };
        }
        return this.paths.runner.run(job.start + k, job.paths[k]!);
      }
      case 'backtest': {
        const it = job.items[k]!;
        const network = parseNetwork(await this.blobs.get(it.network), it.network.file);
        const scenario = parseScenario(it.scenario, it.scenarioFile, network);
        const expected = parseExpected(it.expected, it.expectedFile, network);
        if (expected.event !== it.id)
          throw new InputError([
            { file: it.expectedFile, path: '$.event', reason: `must be the folder name "${it.id}"` },
          ]);
        return scoreEvent({ id: it.id, network, scenario, expected });
      }
      default:
        return unhandled(job);
    }
  }
}
