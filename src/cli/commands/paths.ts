// `contagion paths --from asset:X|protocol:Y [--to protocol:Z]`: static exposure paths ranked by share.
import { Command } from 'commander';
import type { CliIo } from '../io';
import { parsePositiveInt } from '../option-parsers';

interface PathsOptions {
  from: string;
  to?: string;
  k: number;
  maxLength: number;
  network?: string;
  json?: boolean;
}

export function pathsCommand(io: CliIo): Command {
  return new Command('paths')
    .description(
      'static exposure paths from an asset or a protocol to the protocols exposed to it, ranked by the product of exposure shares',
    )
    .requiredOption('--from <node>', 'where the loss starts: asset:ID or protocol:ID')
    .option('--to <protocol>', 'only paths to this protocol: protocol:ID')
    .option('--k <n>', 'how many paths to list', parsePositiveInt, 10)
    .option('--max-length <n>', 'longest path, in hops', parsePositiveInt, 6)
    .option('--network <file>', 'network file (default: the embedded sample)')
    .option('--json', 'print the paths as JSON')
    .addHelpText('after', '\nAn unreachable --to gives an empty result (exit 0); an unknown id exits with 2.')
    .action(async (o: PathsOptions) => {
      const [{ loadNetwork }, { exposurePaths }, { renderPaths }] = await Promise.all([
        import('../load'),
        import('../../analysis/exposure-paths'),
        import('../../report/paths-text'),
      ]);
      const { network } = loadNetwork(o.network);
      const result = exposurePaths(network, o.from, { to: o.to, k: o.k, maxLength: o.maxLength });
      io.out(o.json ? JSON.stringify(result, null, 2) + '\n' : renderPaths(result));
    });
}
