// Output files written whole or not at all: each to a temporary name beside it, then renamed into place.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../model/errors';

/** Writes every file to a temporary name beside it first, then renames them all: no file is half-written. */
export function writeAtomically(files: readonly { path: string; text: string }[]): void {
  const temps: string[] = [];
  let current = '';
  try {
    for (const f of files) {
      current = f.path;
      const temp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.tmp`);
      temps.push(temp);
      writeFileSync(temp, f.text);
    }
    files.forEach((f, i) => {
      current = f.path;
      renameSync(temps[i]!, f.path);
    });
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'ENOENT'
        ? `folder ${dirname(current)} does not exist`
        : err.code === 'EISDIR'
          ? 'it is a folder'
          : err.code === 'EACCES'
            ? 'permission denied'
            : err.message;
    throw new UsageError(`cannot write ${current}: ${why}`);
  }
}
