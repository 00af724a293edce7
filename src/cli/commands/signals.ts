// `contagion signals`: the early-warning signals of one run (peak and threshold crossing of each), or their
// lead times, precision, recall and ROC AUC over seeded Monte Carlo paths (docs/model.md §21).
import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import type { Severity } from '../../analysis/jump-diffusion';
import { UsageError } from '../../model/errors';
import type { CliIo } from '../io';
import { withMonteCarloOptions } from '../monte-carlo-options';
import { parsePositiveInt } from '../option-parsers';
import { loadBase } from './sweep';

interface SignalsOptions {
  scenario?: string;
  network?: string;
  breakers?: string;
  scenarioBreakers: boolean;
  monteCarlo?: number;
  seed?: number;
  asset: string;
  severity: Severity;
  horizon: number;
  workers?: number;
  json?: boolean;
}

export function signalsCommand(io: CliIo): Command {
  return withMonteCarloOptions(
    new Command('signals')
      .description(
        'early-warning signals of a run (peak, step each crossed its threshold), or their lead times and ROC AUC over Monte Carlo paths',
      )
      .option('--scenario <file>', 'scenario file (default: data/scenarios/eth-crash-30pct.json)')
      .option('--network <file>', "network file (default: the scenario's own, else the embedded sample)")
      .option(
        '--breakers <file>',
        "breakers file (contagion/breakers@1) added to the scenario's own breakers",
      )
      .option('--no-scenario-breakers', 'leave out the breakers written in the scenario'),
    'score every signal over n seeded jump-diffusion paths instead of one run',
  )
    .option(
      '--horizon <steps>',
      'H: a step is positive when its protocol fails within H steps',
      parsePositiveInt,
      25,
    )
    .option(
      '--workers <n>',
      'worker threads for --monte-carlo (default: the available parallelism; 1 runs in this thread)',
      parsePositiveInt,
    )
    .option('--json', 'print the signals as JSON (run@1 signals, or contagion/signal-evaluation@1)')
    .addHelpText('after', '\nExit codes: 0 ok, 2 bad input, 1 internal error.')
    .action(async (o: SignalsOptions) => {
      if (o.monteCarlo === undefined) {
        const [{ loadScenarioInputs }, { runScenario }, { renderRunSignals }] = await Promise.all([
          import('../load'),
          import('../../engine/run'),
          import('../../report/signals-text'),
        ]);
        const { network, scenario, extraBreakers } = loadScenarioInputs(o);
        const run = runScenario(network, scenario, {
          extraBreakers,
          withoutScenarioBreakers: !o.scenarioBreakers,
          signals: true,
        });
        io.out(
          o.json
            ? JSON.stringify({ scenario: run.scenario, signals: run.signals }, null, 2) + '\n'
            : renderRunSignals(scenario.name, run.signals!, scenario.stepSeconds),
        );
        return;
      }
      if (o.seed === undefined) throw new UsageError('--monte-carlo needs --seed K');
      if (o.breakers !== undefined || !o.scenarioBreakers)
        throw new UsageError(
          '--monte-carlo runs the scenario as written: no --breakers or --no-scenario-breakers',
        );
      const [{ planMonteCarlo }, { evaluateSignalsOnThreads }, { renderSignalEvaluation }, { SingleBar }] =
        await Promise.all([
          import('../../analysis/monte-carlo'),
          import('../../analysis/signal-pool'),
          import('../../report/signals-text'),
          import('cli-progress'),
        ]);
      const plan = planMonteCarlo(await loadBase(o), {
        paths: o.monteCarlo,
        seed: o.seed,
        asset: o.asset,
        severity: o.severity,
      });
      const bar = process.stderr.isTTY
        ? new SingleBar({ stream: process.stderr, clearOnComplete: true })
        : undefined;
      bar?.start(o.monteCarlo, 0);
      const workers = o.workers ?? availableParallelism();
      const result = await evaluateSignalsOnThreads(plan, o.horizon, workers, (done) => bar?.update(done));
      bar?.stop();
      io.out(o.json ? JSON.stringify(result, null, 2) + '\n' : renderSignalEvaluation(result));
    });
}
