// `contagion inspect [network]`: counts, largest exposures and recursive leverage loops of a network, with a
// progress bar over the claims-cycle search on a terminal.
import { Command } from 'commander';
import { TRIVIAL_AMPLIFICATION } from '../../analysis/trivial-cycles';
import { UsageError } from '../../model/errors';
import type { CliIo } from '../io';
import { parsePositiveInt } from '../option-parsers';

interface InspectCliOptions {
  top: number;
  maxCycleLength: number;
  minAmplification: number;
  allCycles?: boolean;
  json?: boolean;
}

/** An amplification threshold: a number of at least 1 (1 keeps every cycle). */
function parseAmplification(text: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x) || x < 1)
    throw new UsageError(
      `--min-amplification must be a number of at least 1 (1 keeps every cycle), not "${text}"`,
    );
  return x;
}

export function inspectCommand(io: CliIo): Command {
  return new Command('inspect')
    .description('summarise a network: counts by kind, largest exposures, recursive leverage loops')
    .argument('[network]', 'network file (default: the embedded sample)')
    .option('--top <n>', 'how many exposures to list', parsePositiveInt, 15)
    .option('--max-cycle-length <n>', 'longest claims cycle to look for', parsePositiveInt, 8)
    .option(
      '--min-amplification <x>',
      'leave out trivial claims cycles, whose amplification 1/(1 - loop share) is below x',
      parseAmplification,
      TRIVIAL_AMPLIFICATION,
    )
    .option('--all-cycles', 'list every claims cycle, trivial ones too (--min-amplification 1)')
    .option('--json', 'print the inspection as JSON')
    .action(async (file: string | undefined, opts: InspectCliOptions) => {
      const [{ SingleBar }, { loadNetwork }, { inspectNetwork }, { renderInspection }] = await Promise.all([
        import('cli-progress'),
        import('../load'),
        import('../../analysis/inspect'),
        import('../../report/inspect-text'),
      ]);
      const { network } = loadNetwork(file);
      const bar = process.stderr.isTTY
        ? new SingleBar({
            stream: process.stderr,
            clearOnComplete: true,
            format: 'claims cycles {bar} {value}/{total} start protocols | {duration}s',
          })
        : undefined;
      bar?.start(network.protocols.length, 0);
      try {
        const result = inspectNetwork(network, {
          topExposures: opts.top,
          maxCycleLength: opts.maxCycleLength,
          minAmplification: opts.allCycles ? 1 : opts.minAmplification,
          onProgress: bar ? (done) => bar.update(done) : undefined,
        });
        bar?.stop();
        io.out(opts.json ? JSON.stringify(result, null, 2) + '\n' : renderInspection(result));
      } finally {
        bar?.stop();
      }
    });
}
