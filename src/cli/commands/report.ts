// `contagion report`: a run (made here or read from --run), with the breaker comparison and a sweep's
// heatmap and the backtest scorecard when asked, as markdown and/or one self-contained HTML file, each written whole or not at all.
import { Command } from 'commander';
import type { RunResult } from '../../engine/result';
import { UsageError } from '../../model/errors';
import type { CliIo } from '../io';

interface ReportOptions {
  scenario?: string;
  network?: string;
  breakers?: string;
  run?: string;
  sweep?: string;
  md?: string;
  html?: string;
  /** Keep the run's early-warning signals and draw them (a saved run draws those it kept). */
  signals?: boolean;
  /** true: every event of data/events/; a list: those events. */
  backtest?: boolean | string[];
}

export function reportCommand(io: CliIo): Command {
  return new Command('report')
    .description(
      'a report of a run: summary, price paths, losses over time, failures with their paths, the contagion graph, ' +
        'and the breaker comparison and a sweep heatmap when given; markdown and/or a self-contained HTML file',
    )
    .option('--scenario <file>', 'scenario file (default: data/scenarios/eth-crash-30pct.json)')
    .option('--network <file>', "network file (default: the scenario's own, else the embedded sample)")
    .option('--breakers <file>', "breakers file (contagion/breakers@1): compare them with the scenario's own")
    .option('--run <file>', 'a saved run (contagion/run@1, from contagion shock --json) instead of running')
    .option('--sweep <file>', 'a saved grid sweep over two parameters (contagion/sweep@1) for the heatmap')
    .option(
      '--backtest [ids...]',
      'add the backtest scorecard of these historical events (data/events/); all events when none is given',
    )
    .option('--signals', 'keep the early-warning signals of the run and chart them (docs/model.md §21)')
    .option('--md <file>', 'write the markdown report to this file')
    .option('--html <file>', 'write the self-contained HTML report to this file')
    .addHelpText(
      'after',
      '\nWithout --md and --html the markdown goes to stdout. The run is the scenario with its own breakers;\n' +
        '--breakers adds the comparison of no breaker, each breaker alone and all. With --run, --breakers\n' +
        "compares on --scenario, which must be the run's scenario. Same inputs give byte-identical files.\n" +
        'Exit codes: 0 ok, 2 bad input (nothing is written), 1 internal error.',
    )
    .action(async (o: ReportOptions) => {
      const [
        { readJsonFile },
        { parseRunDocument },
        { parseSweepDocument },
        { loadScenarioInputs },
        { runScenario },
        { compareBreakers },
        { buildReportModel },
        { renderMarkdownReport },
        { writeAtomically },
        { loadEvents },
        { runBacktest },
      ] = await Promise.all([
        import('../../model/read-file'),
        import('../../model/parse-run'),
        import('../../report/report-documents'),
        import('../load'),
        import('../../engine/run'),
        import('../../analysis/breaker-test'),
        import('../../report/report-model'),
        import('../../report/markdown'),
        import('../write-files'),
        import('../load-events'),
        import('../../analysis/backtest/score'),
      ]);
      // Every input is read and checked before any work and before anything is written.
      const sweep = o.sweep ? parseSweepDocument(readJsonFile(o.sweep), o.sweep) : undefined;
      const saved = o.run ? parseRunDocument(readJsonFile(o.run), o.run) : undefined;
      const inputs = !saved || o.breakers ? loadScenarioInputs(o) : undefined;
      const events = o.backtest ? loadEvents(o.backtest === true ? [] : o.backtest) : undefined;
      let run: RunResult;
      if (saved) {
        run = saved;
        if (inputs && inputs.scenario.name !== saved.scenario.name)
          throw new UsageError(
            `${o.run} is a run of scenario "${saved.scenario.name}", but the breakers would be compared on ` +
              `"${inputs.scenario.name}": give its file with --scenario`,
          );
        if (inputs && inputs.network.name !== saved.network.name)
          throw new UsageError(
            `${o.run} is a run on network "${saved.network.name}", but the breakers would be compared on ` +
              `"${inputs.network.name}": give its file with --network`,
          );
      } else run = runScenario(inputs!.network, inputs!.scenario, { signals: o.signals });
      const breakers =
        o.breakers && inputs
          ? compareBreakers(inputs.network, inputs.scenario, [
              ...inputs.scenario.breakers,
              ...inputs.extraBreakers,
            ])
          : undefined;

      const backtest = events ? runBacktest(events) : undefined;
      const model = buildReportModel({ run, breakers, sweep, backtest });
      const files: { path: string; text: string }[] = [];
      if (o.md) files.push({ path: o.md, text: renderMarkdownReport(model) });
      // The HTML renderer loads vega, vega-lite and the graph layout: only when an HTML report is asked for.
      if (o.html)
        files.push({ path: o.html, text: await (await import('../../report/html')).renderHtmlReport(model) });
      if (files.length === 0) {
        io.out(renderMarkdownReport(model));
        return;
      }
      writeAtomically(files);
      for (const f of files) io.err(`wrote ${f.path}\n`);
    });
}
