// `contagion inspect [network]`: counts, largest exposures and recursive leverage loops of a network.
import { Command } from 'commander';
import type { CliIo } from '../io';
import { parsePositiveInt } from '../option-parsers';

export function inspectCommand(io: CliIo): Command {
  return new Command('inspect')
    .description('summarise a network: counts by kind, largest exposures, recursive leverage loops')
    .argument('[network]', 'network file (default: the embedded sample)')
    .option('--top <n>', 'how many exposures to list', parsePositiveInt, 15)
    .option('--max-cycle-length <n>', 'longest claims cycle to look for', parsePositiveInt, 8)
    .option('--json', 'print the inspection as JSON')
    .action(
      async (file: string | undefined, opts: { top: number; maxCycleLength: number; json?: boolean }) => {
        const [{ loadNetwork }, { inspectNetwork }, { renderInspection }] = await Promise.all([
          import('../load'),
          import('../../analysis/inspect'),
          import('../../report/inspect-text'),
        ]);
        const { network } = loadNetwork(file);
        const result = inspectNetwork(network, {
          topExposures: opts.top,
          maxCycleLength: opts.maxCycleLength,
        });
        io.out(opts.json ? JSON.stringify(result, null, 2) + '\n' : renderInspection(result));
      },
    );
}
