// `contagion breakers`: one scenario with no breaker, each breaker alone and all of them, compared.
import { Command } from 'commander';
import type { CliIo } from '../io';

interface BreakersOptions {
  scenario?: string;
  breakers?: string;
  network?: string;
  json?: boolean;
}

export function breakersCommand(io: CliIo): Command {
  return new Command('breakers')
    .description(
      'test circuit breakers: the scenario with no breaker, with each breaker alone and with all; flags breakers that make things worse',
    )
    .option('--scenario <file>', 'scenario file (default: data/scenarios/eth-crash-30pct.json)')
    .option(
      '--breakers <file>',
      "breakers file (contagion/breakers@1), tested with the scenario's own breakers",
    )
    .option('--network <file>', "network file (default: the scenario's own, else the embedded sample)")
    .option('--json', 'print the comparison as JSON')
    .addHelpText(
      'after',
      '\nA breaker is flagged WORSE when its run has more bad debt or more insolvent protocols than the run\n' +
        'without any breaker; the failures present only with it are listed with their paths.\n' +
        'Exit codes: 0 ok (whatever the verdict), 2 bad input, 1 internal error.',
    )
    .action(async (o: BreakersOptions) => {
      const [{ loadScenarioInputs }, { compareBreakers }, { renderBreakerComparison }] = await Promise.all([
        import('../load'),
        import('../../analysis/breaker-test'),
        import('../../report/breakers-text'),
      ]);
      const { network, scenario, extraBreakers: extra } = loadScenarioInputs(o);
      const result = compareBreakers(network, scenario, [...scenario.breakers, ...extra]);
      io.out(o.json ? JSON.stringify(result, null, 2) + '\n' : renderBreakerComparison(result));
    });
}
