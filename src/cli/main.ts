#!/usr/bin/env node
// Entry point of the `contagion` binary: the only place that reads process.argv and sets the exit code.
import { processIo } from './io';
import { runCli } from './run';

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
