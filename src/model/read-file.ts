// Reading input files from disk into validated models (the impure edge of the model part).
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { InputError } from './errors';
import type { Network } from './network';
import { parseJsonText } from './parse-json';
import { parseNetworkBytes } from './parse-network';

/** Largest input file read (256 MiB): larger ones are refused before reading. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a regular file as UTF-8; a missing, unreadable, oversized or non-regular file (a device, a FIFO, a
 * folder) becomes an InputError naming it. It is opened without blocking, so a FIFO with no writer cannot
 * hold the open, and checked on the open descriptor before anything is read.
 */
export function readTextFile(file: string): string {
  return readFileBytes(file).toString('utf8');
}

/** The bytes of a regular file, read and refused as `readTextFile` says. */
export function readFileBytes(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new InputError([{ file, path: '$', reason: whyUnreadable(e) }]);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError([{ file, path: '$', reason: 'is a directory' }]);
    if (!st.isFile())
      throw new InputError([{ file, path: '$', reason: 'is not a regular file (a device, FIFO or socket)' }]);
    if (st.size > MAX_INPUT_BYTES)
      throw new InputError([
        {
          file,
          path: '$',
          reason: `is ${st.size} bytes: at most ${MAX_INPUT_BYTES} bytes (256 MiB) are read`,
        },
      ]);
    return readFileSync(fd);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError([{ file, path: '$', reason: whyUnreadable(e) }]);
  } finally {
    closeSync(fd);
  }
}

function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'file not found'
    : code === 'EISDIR'
      ? 'is a directory'
      : code === 'EACCES'
        ? 'permission denied'
        : `cannot read (${code ?? String(e)})`;
}

export function readJsonFile(file: string): unknown {
  return parseJsonText(readTextFile(file), file);
}

export function readNetworkFile(file: string): Network {
  return parseNetworkBytes(readFileBytes(file), file);
}
