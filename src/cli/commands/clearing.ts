// `contagion clearing [file]`: a clearing house over members of a network, orderly against chaotic resolution.
import { Command } from 'commander';
import type { CliIo } from '../io';

export function clearingCommand(io: CliIo): Command {
  return new Command('clearing')
    .description(
      "a clearing house over member protocols: netting, who defaults, the default waterfall, and the defaulter's book sold orderly against chaotically",
    )
    .argument('[file]', 'clearing file, contagion/clearing@1 (default: the embedded sample)')
    .option('--network <file>', "network file (default: the clearing file's `network`, else the sample)")
    .option(
      '--spillover',
      "also run the network under the shock alone and with each sale of the house (the engine's bad debt and prices)",
    )
    .option('--json', 'print the comparison as JSON')
    .action(
      async (file: string | undefined, o: { network?: string; spillover?: boolean; json?: boolean }) => {
        const [{ loadClearing }, { accountNames, compareResolutions, summarize }, { renderClearing }, sp] =
          await Promise.all([
            import('../load'),
            import('../../analysis/clearing/clearing-house'),
            import('../../report/clearing-text'),
            import('../../analysis/clearing/spillover'),
          ]);
        const { network, setup, file: path } = loadClearing(file, o.network);
        const cmp = compareResolutions(setup, network);
        const spill = o.spillover ? sp.spillover(setup, cmp, network, path) : undefined;
        if (!o.json) {
          io.out(renderClearing(setup.name, cmp, spill));
          return;
        }
        const names = accountNames(cmp);
        const view = (rc: typeof cmp.orderly) => ({
          steps: rc.steps,
          ...summarize(cmp, rc),
          transfers: rc.transfers.map((t) => ({
            step: t.step,
            from: names[t.from],
            to: names[t.to],
            amountUsd: Number(t.cents) / 100,
            cause: t.cause,
          })),
        });
        io.out(
          JSON.stringify(
            {
              name: setup.name,
              house: cmp.house,
              settlementAsset: cmp.settlementAsset,
              members: cmp.members,
              netting: cmp.netting,
              orderly: view(cmp.orderly),
              chaotic: view(cmp.chaotic),
              ...(spill ? { spillover: spill } : {}),
            },
            null,
            2,
          ) + '\n',
        );
      },
    );
}
