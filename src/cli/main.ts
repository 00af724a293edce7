#!/usr/bin/env node
// Entry point of the `contagion` binary: the only place that reads process.argv and sets the exit code.
import { processIo } from './io';
import { runCli } from './run';

import { ExitCode } from './exit-codes';

// Standard output that cannot take the text (a reader that closed the pipe, a full disk) ends the run with
// one line on stderr and exit code 2, not a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  const why =
    e.code === 'EPIPE'
      ? 'the reader closed it before everything was written (EPIPE)'
      : e.code === 'ENOSPC'
        ? 'no space left on the device (ENOSPC)'
        : `${e.code ?? e.message}`;
  process.stderr.write(`error: cannot write to standard output: ${why}\n`);
  process.exit(ExitCode.BadInput);
});

/**
 * Ends the process with `code` once the command is done. A driver's socket to a server that accepted the
 * connection and never answered keeps the event loop alive after its timeout: the process ends anyway, once
 * stdout and stderr have written what they hold.
 */
function finish(code: number): void {
  process.exitCode = code;
  const exitWhenFlushed = () => {
    if (process.stdout.writableLength > 0) process.stdout.once('drain', exitWhenFlushed);
    else if (process.stderr.writableLength > 0) process.stderr.once('drain', exitWhenFlushed);
    else process.exit(code);
  };
  setTimeout(exitWhenFlushed, 1000).unref();
}

runCli(process.argv.slice(2), processIo).then(finish, (e: unknown) => {
  process.stderr.write(`internal error: ${String(e)}\n`);
  finish(1);
});
