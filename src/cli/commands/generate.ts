// `contagion generate`: writes a seeded synthetic network of any size.
import { Command } from 'commander';
import { UsageError } from '../../model/errors';
import type { CliIo } from '../io';
import { parseCount, parseSeed } from '../option-parsers';

export function generateCommand(io: CliIo): Command {
  return new Command('generate')
    .description('write a seeded synthetic network (lenders, markets of cohorts, claims between them)')
    .option('--protocols <n>', 'number of protocols', parseCount, 1000)
    .option('--cohorts <n>', 'total cohorts', parseCount, 10_000)
    .option('--claims <n>', 'claims between random pairs of protocols', parseCount, 10_000)
    .option('--assets <n>', 'volatile assets (a dollar asset is always added)', parseCount)
    .option('--seed <n>', 'seed (an integer)', parseSeed, 1)
    .option('--out <file>', 'write to this file instead of standard output')
    .action(
      async (o: {
        protocols: number;
        cohorts: number;
        claims: number;
        assets?: number;
        seed: number;
        out?: string;
      }) => {
        if (o.protocols < 1) throw new UsageError('--protocols must be at least 1');
        const [{ generateNetwork }, { writeAtomically }] = await Promise.all([
          import('../../model/generate'),
          import('../write-files'),
        ]);
        const network = generateNetwork({
          protocols: o.protocols,
          cohorts: o.cohorts,
          claims: o.claims,
          assets: o.assets,
          seed: o.seed,
        });
        const text = JSON.stringify(network) + '\n';
        if (o.out) {
          writeAtomically([{ path: o.out, text }]);
          io.err(
            `wrote ${o.out}: ${o.protocols} protocols, ${o.cohorts} cohorts, ${o.claims} claims (seed ${o.seed})\n`,
          );
        } else io.out(text);
      },
    );
}
