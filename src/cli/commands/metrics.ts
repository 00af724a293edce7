// `contagion metrics [network]`: systemic importance per protocol: DebtRank and centralities.
import { Command, InvalidArgumentError } from 'commander';
import {
  DEBTRANK_EXPOSURES,
  type DebtRankExposures,
  DEFAULT_DEBTRANK_EXPOSURES,
} from '../../analysis/debtrank-exposures';
import type { CliIo } from '../io';
import { parsePositiveInt } from '../option-parsers';

const parseExposures = (value: string): DebtRankExposures => {
  const kind = DEBTRANK_EXPOSURES.find((k) => k === value);
  if (kind === undefined)
    throw new InvalidArgumentError(`expected one of ${DEBTRANK_EXPOSURES.join(', ')}, got "${value}"`);
  return kind;
};

export function metricsCommand(io: CliIo): Command {
  return new Command('metrics')
    .description(
      'systemic importance of each protocol: DebtRank of its default (Battiston 2012 and differential), betweenness, PageRank, eigenvector centrality',
    )
    .argument('[network]', 'network file (default: the embedded sample)')
    .option(
      '--exposures <kind>',
      'what DebtRank counts as exposure: claims; claims-and-tokens (plus held tokens of the issuer); claims-tokens-collateral (plus loans against collateral the issuer issued)',
      parseExposures,
      DEFAULT_DEBTRANK_EXPOSURES,
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
