// `contagion backtest [ids...]`: runs the historical events of data/events/ and prints their scorecard.
import { Command } from 'commander';
import type { CliIo } from '../io';

export function backtestCommand(io: CliIo): Command {
  return new Command('backtest')
    .description('run historical events (data/events/) and score the model against what was measured')
    .argument('[ids...]', 'event ids (folder names under data/events/); all events when none is given')
    .option('--json', 'print the scorecard as JSON (contagion/backtest@1)')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok (whatever the scores), 2 bad input or unknown event, 1 internal error.',
    )
    .action(async (ids: string[], opts: { json?: boolean }) => {
      const [{ SingleBar }, { runBacktest }, { renderBacktest }, { loadEvents }] = await Promise.all([
        import('cli-progress'),
        import('../../analysis/backtest/score'),
        import('../../report/backtest-text'),
        import('../load-events'),
      ]);
      const events = loadEvents(ids);
      const bar = process.stderr.isTTY
        ? new SingleBar({ stream: process.stderr, clearOnComplete: true })
        : undefined;
      bar?.start(events.length, 0);
      const result = runBacktest(events, (done) => bar?.update(done));
      bar?.stop();
      io.out(opts.json ? JSON.stringify(result, null, 2) + '\n' : renderBacktest(result));
    });
}
