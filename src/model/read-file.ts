// Reading input files from disk into validated models (the impure edge of the model part).
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from './errors';
import type { Network } from './network';
import { parseJsonText } from './parse-json';
import { parseNetworkBytes, parseNetworkWindows } from './parse-network';
import { FILE_WINDOWS } from './row-text';

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
  return withOpenFile(file, (fd) => readFileSync(fd));
}

/**
 * Calls `read` with the descriptor of `file` opened for reading and its size, once it is known to be a
 * regular file of at most MAX_INPUT_BYTES; anything else, and any error of the system while reading, becomes
 * an InputError naming the file (other errors, a parse's own, pass as they are). The file is closed afterwards.
 */
function withOpenFile<T>(file: string, read: (fd: number, size: number) => T): T {
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
    return read(fd, st.size);
  } catch (e) {
    if (e instanceof InputError || typeof (e as NodeJS.ErrnoException).code !== 'string') throw e;
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

/**
 * A network file, validated. A file larger than a window is read in windows (model/row-text.ts): its rows go
 * to columns as they are read, and the file is never held whole.
 */
export function readNetworkFile(file: string): Network {
  return withOpenFile(file, (fd, size) =>
    size <= FILE_WINDOWS.windowBytes
      ? parseNetworkBytes(readFileSync(fd), file)
      : parseNetworkWindows(
          { ...FILE_WINDOWS, readMore: (into, at) => readSync(fd, into, at, into.length - at, null) },
          () => readFileBytes(file),
          file,
        ),
  );
}
