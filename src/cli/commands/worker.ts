// `contagion worker --queue URL`: takes sweep, Monte Carlo and backtest chunks from a Redis queue and runs
// them until SIGINT or SIGTERM (the job under way is finished first; a second signal stops at once).
import { Command } from 'commander';
import type { CliIo } from '../io';
import { parsePositiveInt } from '../option-parsers';
import { packageVersion } from '../package-files';

interface WorkerCliOptions {
  queue: string;
  concurrency: number;
  stalledSeconds: number;
}

export function workerCommand(io: CliIo): Command {
  return new Command('worker')
    .description('run the jobs of `sweep --queue` and `backtest --queue` from a Redis queue (BullMQ)')
    .requiredOption(
      '--queue <url>',
      'the Redis of the queue: redis://:PASSWORD@HOST:PORT (rediss:// for TLS)',
    )
    .option('--concurrency <n>', 'jobs run at once, one worker thread each', parsePositiveInt, 1)
    .option(
      '--stalled-seconds <s>',
      'seconds before the job of a worker that died is taken again (its lock expires)',
      parsePositiveInt,
      30,
    )
    .addHelpText(
      'after',
      '\nRuns until SIGINT or SIGTERM: the job under way is finished, a second signal stops at once (the job\n' +
        'is then taken again by another worker). Never expose the Redis without a password (docs/scale-out.md).\n' +
        'Exit codes: 0 stopped, 2 bad option or Redis unreachable or refusing the password, 1 internal error.',
    )
    .action(async (o: WorkerCliOptions) => {
      const [{ openChecked, parseQueueUrl }, { startWorkers }] = await Promise.all([
        import('../../queue/connection'),
        import('../../queue/workers'),
      ]);
      const server = parseQueueUrl(o.queue);
      (await openChecked(server)).disconnect();
      const log = (line: string) => io.err(`${line}\n`);
      const worker = startWorkers(server, o.concurrency, {
        release: packageVersion(),
        stalledSeconds: o.stalledSeconds,
        log,
      });
      log(
        `worker: taking jobs from Redis at ${server.label} (${o.concurrency} at once); ` +
          'SIGINT or SIGTERM stops it after the job under way',
      );
      await new Promise<void>((resolve) => {
        let signals = 0;
        const stop = (signal: NodeJS.Signals) => {
          signals++;
          if (signals > 1) {
            // The job under way is left to its lock, which expires: another worker takes it again.
            log(`worker: ${signal} again: stopping now`);
            return resolve();
          }
          log(`worker: ${signal}: finishing the job under way (again to stop at once)`);
          void worker.close().then(() => {
            log('worker: stopped');
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
