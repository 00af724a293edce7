// The commander program: every command, wired to an io so tests can run it in-process.
import { Command } from 'commander';
import { inspectCommand } from './commands/inspect';
import { shockCommand } from './commands/shock';
import { generateCommand } from './commands/generate';
import { validateCommand } from './commands/validate';
import { dbCommand } from './commands/db';
import { queryCommand } from './commands/query';
import { pathsCommand } from './commands/paths';
import { loopsCommand } from './commands/loops';
import { metricsCommand } from './commands/metrics';
import { breakersCommand } from './commands/breakers';
import { defencesCommand } from './commands/defences';
import { sweepCommand } from './commands/sweep';
import { signalsCommand } from './commands/signals';
import { reportCommand } from './commands/report';
import { backtestCommand } from './commands/backtest';
import { workerCommand } from './commands/worker';
import { clearingCommand } from './commands/clearing';
import type { CliIo } from './io';
import { packageVersion } from './package-files';

export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const version = packageVersion();
  const program = new Command('contagion')
    .description(
      'Systemic failure in DeFi: a cross-protocol graph, shocks pushed across it, and circuit breakers.',
    )
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .addHelpText(
      'after',
      '\nWithout a network argument every command uses the embedded sample network (data/networks/).\n' +
        'Exit codes: 0 ok, 2 bad input (file, id, value or option), 1 internal error.',
    );
  program.addCommand(validateCommand(io, setExit));
  program.addCommand(inspectCommand(io));
  program.addCommand(shockCommand(io));
  program.addCommand(generateCommand(io));
  program.addCommand(dbCommand(io));
  program.addCommand(queryCommand(io));
  program.addCommand(pathsCommand(io));
  program.addCommand(loopsCommand(io));
  program.addCommand(metricsCommand(io));
  program.addCommand(breakersCommand(io));
  program.addCommand(defencesCommand(io));
  program.addCommand(sweepCommand(io));
  program.addCommand(signalsCommand(io));
  program.addCommand(reportCommand(io));
  program.addCommand(backtestCommand(io));
  program.addCommand(clearingCommand(io));
  program.addCommand(workerCommand(io));
  for (const cmd of program.commands)
    cmd.configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  return program;
}
