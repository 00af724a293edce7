// Runs the CLI on a list of arguments and returns the exit code; maps errors to codes and messages.
import { CommanderError } from 'commander';
import { ContagionError, InputError, InternalError } from '../model/errors';
import { closeSharedStore } from '../store/shared-store';
import { ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { buildProgram } from './program';

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let code: number = ExitCode.Ok;
  const program = buildProgram(io, (c) => {
    code = Math.max(code, c);
  });
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync([...args], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version end with exitCode 0; every other commander error is a usage problem.
      return e.exitCode === 0 ? ExitCode.Ok : ExitCode.BadInput;
    }
    if (e instanceof InternalError) {
      io.err(`internal error: ${e.message}\n`);
      return ExitCode.Internal;
    }
    if (e instanceof InputError || e instanceof ContagionError) {
      io.err(`error: ${e.message}\n`);
      return ExitCode.BadInput;
    }
    io.err(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return ExitCode.Internal;
  } finally {
    await closeSharedStore();
  }
}
