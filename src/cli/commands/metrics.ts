// `contagion metrics [network]`: systemic importance per protocol: DebtRank and centralities.
import { Command, InvalidArgumentError } from 'commander';
import type { DebtRankExposures } from '../../analysis/systemic';
import type { CliIo } from '../io';
import { parsePositiveInt } from '../option-parsers';

const parseExposures = (value: string): DebtRankExposures => {
  if (value !== 'claims' && value !== 'claims-and-tokens')
    throw new InvalidArgumentError(`expected "claims" or "claims-and-tokens", got "${value}"`);
  return value;
};

export function metricsCommand(io: CliIo): Command {
  return new Command('metrics')
    .description(
      'systemic importance of each protocol: DebtRank of its default (Battiston 2012 and differential), betweenness, PageRank, eigenvector centrality',
    )
    .argument('[network]', 'network file (default: the embedded sample)')
    .option(
      '--exposures <kind>',
      'what DebtRank counts as exposure: claims, or claims-and-tokens (claims plus held tokens of the issuer)',
      parseExposures,
      'claims-and-tokens' as DebtRankExposures,
    )
    .option('--no-centrality', 'skip betweenness, PageRank and eigenvector (large networks)')
    .option('--top <n>', 'how many protocols to list (text output)', parsePositiveInt)
    .option('--json', 'print the metrics as JSON')
    .action(
      async (
        file: string | undefined,
        o: { exposures: DebtRankExposures; centrality: boolean; top?: number; json?: boolean },
      ) => {
        const [{ loadNetwork }, { systemicImportanceParallel }, { renderMetrics }] = await Promise.all([
          import('../load'),
          import('../../analysis/systemic'),
          import('../../report/metrics-text'),
        ]);
        const { network } = loadNetwork(file);
        const result = await systemicImportanceParallel(network, {
          exposures: o.exposures,
          centrality: o.centrality,
        });
        io.out(o.json ? JSON.stringify(result, null, 2) + '\n' : renderMetrics(result, { top: o.top }));
      },
    );
}
