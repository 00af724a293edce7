#!/usr/bin/env node
// Entry point of the `contagion` binary: the only place that reads process.argv and sets the exit code.
import { processIo } from './io';
import { runCli } from './run';

// A reader that stops early (`contagion shock | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
