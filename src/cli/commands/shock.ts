// `contagion shock`: runs a scenario (with optional breakers) on a network and reports the run.
import { Command, Option } from 'commander';
import type { CliIo } from '../io';

interface ShockOptions {
  network?: string;
  scenario?: string;
  breakers?: string;
  scenarioBreakers: boolean;
  json?: boolean;
  signals?: boolean;
  neo4j?: boolean;
}

export function shockCommand(io: CliIo): Command {
  return new Command('shock')
    .description(
      'run a scenario on a network: who fails, through which path, how much bad debt, what breakers did',
    )
    .option('--network <file>', "network file (default: the scenario's own, else the embedded sample)")
    .option('--scenario <file>', 'scenario file (default: data/scenarios/eth-crash-30pct.json)')
    .option('--breakers <file>', "breakers file (contagion/breakers@1) added to the scenario's own breakers")
    .option('--no-scenario-breakers', 'leave out the breakers written in the scenario')
    .option('--json', 'print the run as JSON (contagion/run@1); same inputs give byte-identical output')
    .option('--signals', "keep the early-warning signals of every step in the run (run@1's `signals`)")
    .addOption(
      new Option(
        '--neo4j',
        'take the network from Neo4j and write the run back to it (NEO4J_URI...)',
      ).conflicts('network'),
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 2 bad input, 1 internal error (e.g. a ledger that does not reconcile).',
    )
    .action(async (opts: ShockOptions) => {
      const [{ loadScenarioInputs }, { runSimulation }, { buildResultParts }] = await Promise.all([
        import('../load'),
        import('../../engine/run'),
        import('../../engine/result'),
      ]);
      const store = opts.neo4j ? await import('../../store') : undefined;
      const pulled = store ? await store.pullNetwork(await store.sharedStore()) : undefined;
      const { network, scenario, extraBreakers: extra } = loadScenarioInputs(opts, pulled);
      const { ctx, stepsRun } = runSimulation(network, scenario, {
        extraBreakers: extra,
        withoutScenarioBreakers: !opts.scenarioBreakers,
        signals: opts.signals,
      });
      // The ledger rows stay columns until they are written: a large run has millions of them.
      const { result, ledger } = buildResultParts(ctx, stepsRun);
      const whole = () => ({ ...result, ledger: ledger.rows() });
      if (store)
        io.err(`run ${(await store.writeRun(await store.sharedStore(), whole())).id} written to Neo4j\n`);
      // The run@1 of a large network is larger than a string can be: it is written in chunks.
      if (opts.json) {
        const { StreamedArray, writeJson } = await import('../../report/json-stream');
        const rows = new StreamedArray(ledger.length, (i) => ledger.row(i));
        writeJson({ ...result, ledger: rows }, io.out, { newline: true });
      } else io.out((await import('../../report/run-text')).renderRun(whole()));
    });
}
