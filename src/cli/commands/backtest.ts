// `contagion backtest [ids...]`: runs the historical events of data/events/ and prints their scorecard.
import { Command } from 'commander';
import type { CliIo } from '../io';

export function backtestCommand(io: CliIo): Command {
  return new Command('backtest')
    .description('run historical events (data/events/) and score the model against what was measured')
    .argument('[ids...]', 'event ids (folder names under data/events/); all events when none is given')
    .option('--json', 'print the scorecard as JSON (contagion/backtest@1)')
    .option(
      '--queue <url>',
      'score the events on the workers of a Redis queue (redis://:PASSWORD@HOST:PORT; see `contagion worker`)',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 ok (whatever the scores), 2 bad input or unknown event, 1 internal error.',
    )
    .action(async (ids: string[], opts: { json?: boolean; queue?: string }) => {
      const [{ SingleBar }, { runBacktest }, { renderBacktest }, { loadEvents, rawEvent }] =
        await Promise.all([
          import('cli-progress'),
          import('../../analysis/backtest/score'),
          import('../../report/backtest-text'),
          import('../load-events'),
        ]);
      const server =
        opts.queue === undefined
          ? undefined
          : (await import('../../queue/connection')).parseQueueUrl(opts.queue);
      const events = loadEvents(ids);
      const bar = process.stderr.isTTY
        ? new SingleBar({ stream: process.stderr, clearOnComplete: true })
        : undefined;
      bar?.start(events.length, 0);
      const onDone = (done: number) => bar?.update(done);
      const result = server
        ? await (
            await import('../../queue/queued-runs')
          ).runBacktestOnQueue(
            server,
            events.map((e) => rawEvent(e.id)),
            { release: (await import('../package-files')).packageVersion(), onDone },
          )
        : runBacktest(events, onDone);
      bar?.stop();
      io.out(opts.json ? JSON.stringify(result, null, 2) + '\n' : renderBacktest(result));
    });
}
