// `contagion sweep`: a scenario over a grid (or zip) of parameter values, or Monte Carlo price paths.
import { Command, Option } from 'commander';
import type { Severity } from '../../analysis/jump-diffusion';
import type { SweepBase, SweepMode } from '../../analysis/sweep';
import { parseSet, type SweepParam } from '../../analysis/sweep-path';
import { UsageError } from '../../model/errors';
import type { CliIo } from '../io';
import { withMonteCarloOptions } from '../monte-carlo-options';
import { parsePositiveInt } from '../option-parsers';
import { defaultNetworkPath, defaultScenarioPath, packageVersion, relativeTo } from '../package-files';

interface SweepOptions {
  scenario?: string;
  network?: string;
  mode?: SweepMode;
  set: SweepParam[];
  monteCarlo?: number;
  seed?: number;
  asset: string;
  severity: Severity;
  workers?: number;
  queue?: string;
  json?: boolean;
}

export async function loadBase(o: Pick<SweepOptions, 'scenario' | 'network'>): Promise<SweepBase> {
  const [{ readJsonFile }, { parseScenarioShape }] = await Promise.all([
    import('../../model/read-file'),
    import('../../model/parse-scenario'),
  ]);
  const scenarioFile = o.scenario ?? defaultScenarioPath();
  const scenario = readJsonFile(scenarioFile);
  const shape = parseScenarioShape(scenario, scenarioFile);
  const networkFile =
    o.network ??
    (shape.network !== undefined ? relativeTo(scenarioFile, shape.network) : defaultNetworkPath());
  return { scenario, scenarioFile, network: readJsonFile(networkFile), networkFile };
}

/** The queue of --queue, its URL read (a password required) before any work; the queued runners. */
async function queueOf(url: string) {
  const [{ parseQueueUrl }, runs] = await Promise.all([
    import('../../queue/connection'),
    import('../../queue/queued-runs'),
  ]);
  return { server: parseQueueUrl(url), runs };
}

export function sweepCommand(io: CliIo): Command {
  return withMonteCarloOptions(
    new Command('sweep')
      .description('run a scenario over a grid or zip of parameter values, or over Monte Carlo price paths')
      .option('--scenario <file>', 'scenario file (default: data/scenarios/eth-crash-30pct.json)')
      .option('--network <file>', "network file (default: the scenario's own, else the embedded sample)")
      .addOption(
        new Option('--mode <mode>', 'grid: every combination; zip: i-th values together').choices([
          'grid',
          'zip',
        ]),
      )
      .option(
        '--set <path=values>',
        'a swept parameter, e.g. scenario.events[0].path.change=-0.1,-0.2 or network.oracles[col].latencySec=0:120:30 (repeatable)',
        (v: string, acc: SweepParam[]) => [...acc, parseSet(v)],
        [] as SweepParam[],
      ),
    'run n seeded jump-diffusion price paths instead of a grid',
  )
    .option(
      '--workers <n>',
      'worker threads (default: the available parallelism; 1 runs in this thread)',
      parsePositiveInt,
    )
    .option(
      '--queue <url>',
      'run on the workers of a Redis queue (redis://:PASSWORD@HOST:PORT; see `contagion worker`)',
    )
    .option('--json', 'print the result as JSON (contagion/sweep@1 or contagion/monte-carlo@1)')
    .addHelpText(
      'after',
      '\nPaths: ROOT.key[selector].key..., ROOT is scenario or network; a selector is [N] (index), [*] (all),\n' +
        '[ID] (element with that id) or [K=V] (elements whose K is V). Values: v1,v2,... or from:to:step.\n' +
        'Monte Carlo replaces the price events of --asset with one generated series from step 0.\n' +
        'Exit codes: 0 ok, 2 bad input, 1 internal error.',
    )
    .action(async (o: SweepOptions) => {
      const monteCarlo = o.monteCarlo !== undefined;
      if (monteCarlo && (o.set.length > 0 || o.mode))
        throw new UsageError('--monte-carlo cannot be combined with --set or --mode');
      if (!monteCarlo && o.set.length === 0)
        throw new UsageError('give --set PATH=VALUES (with --mode) or --monte-carlo N');
      if (!monteCarlo && !o.mode) throw new UsageError('name the sweep mode: --mode grid or --mode zip');
      if (monteCarlo && o.seed === undefined) throw new UsageError('--monte-carlo needs --seed K');
      if (o.queue !== undefined && o.workers !== undefined)
        throw new UsageError('--workers and --queue: with a queue, its workers run the jobs');
      const queue = o.queue === undefined ? undefined : await queueOf(o.queue);
      const [
        { planMonteCarlo, summarizeMonteCarlo },
        { planSweep, runSweep },
        { defaultWorkers, poolRunner, runMonteCarlo },
        { renderMonteCarlo, renderSweep },
        { SingleBar },
      ] = await Promise.all([
        import('../../analysis/monte-carlo'),
        import('../../analysis/sweep'),
        import('../../analysis/sweep-pool'),
        import('../../report/sweep-text'),
        import('cli-progress'),
      ]);
      const base = await loadBase(o);
      const mc = monteCarlo
        ? planMonteCarlo(base, { paths: o.monteCarlo!, seed: o.seed!, asset: o.asset, severity: o.severity })
        : undefined;
      const grid = mc ? undefined : planSweep(base, o.set, o.mode!);
      const total = mc ? mc.options.paths : grid!.jobs.length;
      const bar = process.stderr.isTTY
        ? new SingleBar({ stream: process.stderr, clearOnComplete: true })
        : undefined;
      bar?.start(total, 0);
      const workers = o.workers ?? defaultWorkers();
      const onDone = (done: number) => bar?.update(done);
      const started = performance.now();
      let text: string;
      if (mc) {
        const outcomes = queue
          ? await queue.runs.runMonteCarloOnQueue(queue.server, mc, { release: packageVersion(), onDone })
          : await runMonteCarlo(mc, workers, onDone);
        const result = summarizeMonteCarlo(mc, outcomes);
        text = o.json ? JSON.stringify(result, null, 2) + '\n' : renderMonteCarlo(result);
      } else {
        const runner = queue
          ? queue.runs.queueJobRunner(queue.server, { release: packageVersion(), onDone })
          : poolRunner(workers, onDone);
        const result = await runSweep(grid!, runner);
        text = o.json ? JSON.stringify(result, null, 2) + '\n' : renderSweep(result);
      }
      bar?.stop();
      const seconds = (performance.now() - started) / 1000;
      // On a terminal only: a pipe gets the results and nothing else.
      if (process.stderr.isTTY) {
        io.err(
          `${total} scenarios in ${seconds.toFixed(2)} s (${(total / Math.max(seconds, 1e-9)).toFixed(1)}/s)\n`,
        );
      }
      io.out(text);
    });
}
