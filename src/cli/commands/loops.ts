// `contagion loops [network]`: recursive leverage loops, pegged markets and claims cycles, largest first.
import { Command } from 'commander';
import type { CliIo } from '../io';
import { parsePositiveInt } from '../option-parsers';

export function loopsCommand(io: CliIo): Command {
  return new Command('loops')
    .description(
      'recursive leverage loops: pegged collateral/debt markets with their leverage, claims cycles with their amplification',
    )
    .argument('[network]', 'network file (default: the embedded sample)')
    .option('--max-cycle-length <n>', 'longest claims cycle to look for', parsePositiveInt, 8)
    .option('--max-cycles <n>', 'stop after this many cycles', parsePositiveInt, 10_000)
    .option('--json', 'print the loops as JSON')
    .action(
      async (file: string | undefined, o: { maxCycleLength: number; maxCycles: number; json?: boolean }) => {
        const [{ loadNetwork }, { findLoops }, { renderLoops }] = await Promise.all([
          import('../load'),
          import('../../analysis/loops'),
          import('../../report/loops-text'),
        ]);
        const { network } = loadNetwork(file);
        const loops = findLoops(network, { maxCycleLength: o.maxCycleLength, maxCycles: o.maxCycles });
        io.out(
          o.json
            ? JSON.stringify({ network: { name: network.name, asOf: network.asOf }, ...loops }, null, 2) +
                '\n'
            : renderLoops(network.name, network.asOf, loops),
        );
      },
    );
}
