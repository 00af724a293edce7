// `contagion defences`: one scenario with static margins, its dynamic margins, each risk controller and all of
// them, on the scenario as given or on seeded Monte Carlo paths (docs/model.md §20).
import { Command } from 'commander';
import type { Severity } from '../../analysis/jump-diffusion';
import { UsageError } from '../../model/errors';
import type { CliIo } from '../io';
import { withMonteCarloOptions } from '../monte-carlo-options';

import { join } from 'node:path';
import { defaultNetworkPath, packageRoot, relativeTo } from '../package-files';

interface DefencesOptions {
  scenario?: string;
  network?: string;
  monteCarlo?: number;
  seed?: number;
  asset: string;
  severity: Severity;
  json?: boolean;
}

/** The sample scenario with dynamic margins and a controller. */
const DEFAULT_DEFENCES_SCENARIO = 'data/scenarios/defences/eth-crash-dynamic-margins.json';

export function defencesCommand(io: CliIo): Command {
  return withMonteCarloOptions(
    new Command('defences')
      .description(
        'compare static and dynamic margins and risk controllers: bad debt and the liquidations their tightening forced',
      )
      .option(
        '--scenario <file>',
        'scenario file with dynamicMargins or controllers (default: data/scenarios/defences/eth-crash-dynamic-margins.json)',
      )
      .option('--network <file>', "network file (default: the scenario's own, else the embedded sample)"),
    'run every variant on the same n seeded price paths',
  )
    .option('--json', 'print the comparison as JSON')
    .addHelpText(
      'after',
      '\nA variant is flagged WORSE when its mean bad debt, or its chance of an insolvency, is above\n' +
        'that of static margins.\n' +
        'Exit codes: 0 ok (whatever the verdict), 2 bad input, 1 internal error.',
    )
    .action(async (o: DefencesOptions) => {
      if (o.monteCarlo !== undefined && o.seed === undefined)
        throw new UsageError('--monte-carlo needs --seed K');
      const [{ readJsonFile }, { parseScenarioShape }, { compareDefences }, { renderDefenceComparison }] =
        await Promise.all([
          import('../../model/read-file'),
          import('../../model/parse-scenario'),
          import('../../analysis/defence-test'),
          import('../../report/defences-text'),
        ]);
      const scenarioFile = o.scenario ?? join(packageRoot(), DEFAULT_DEFENCES_SCENARIO);
      const scenario = readJsonFile(scenarioFile);
      const shape = parseScenarioShape(scenario, scenarioFile);
      const networkFile =
        o.network ??
        (shape.network !== undefined ? relativeTo(scenarioFile, shape.network) : defaultNetworkPath());
      const base = { scenario, scenarioFile, network: readJsonFile(networkFile), networkFile };
      const mc =
        o.monteCarlo === undefined
          ? undefined
          : { paths: o.monteCarlo, seed: o.seed!, asset: o.asset, severity: o.severity };
      const result = compareDefences(base, mc);
      io.out(o.json ? JSON.stringify(result, null, 2) + '\n' : renderDefenceComparison(result));
    });
}
