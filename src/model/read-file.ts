// Reading input files from disk into validated models (the impure edge of the model part).
import { readFileSync } from 'node:fs';
import { InputError } from './errors';
import type { Network } from './network';
import { parseJsonText } from './parse-json';
import { parseNetwork } from './parse-network';

/** Reads a file as UTF-8; a missing or unreadable file becomes an InputError naming it. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot read (${code ?? e})`;
    throw new InputError([{ file, path: '$', reason: why }]);
  }
}

export function readJsonFile(file: string): unknown {
  return parseJsonText(readTextFile(file), file);
}

export function readNetworkFile(file: string): Network {
  return parseNetwork(readJsonFile(file), file);
}
