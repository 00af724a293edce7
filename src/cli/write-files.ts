// Output files, written to what each path is: a regular file (or a new one) whole or not at all, through a
// temporary file beside it that is removed on any exit, a signal included; a device, a FIFO or a symlink
// written directly through the path; a folder, a socket or a block device refused.
import {
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  type Stats,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../model/errors';

export interface OutputFile {
  path: string;
  text: string;
}

/** How a path is written: through a temporary file and a rename, or directly through the path. */
type Way = 'atomic' | 'direct';

/**
 * Writes every file. Regular files (existing or new) are written to temporaries first, all of them, then
 * renamed into place one after the other with no other work between: a failure or a signal before the
 * renames leaves every old file in place and no temporary behind, and each file is always whole. Devices,
 * FIFOs and symlinks are written directly through their path (a symlink's target receives the text), after
 * the temporaries are ready. Every problem becomes one UsageError naming the path.
 */
export function writeAtomically(files: readonly OutputFile[]): void {
  const ways = files.map((f) => wayOf(f.path));
  const temps: string[] = [];
  let current = '';
  try {
    files.forEach((f, i) => {
      if (ways[i] !== 'atomic') return;
      current = f.path;
      const temp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.tmp`);
      trackTemp(temp);
      temps.push(temp);
      writeWhole(temp, f.text);
    });
    files.forEach((f, i) => {
      if (ways[i] !== 'direct') return;
      current = f.path;
      writeDirect(f.path, f.text);
    });
    let t = 0;
    files.forEach((f, i) => {
      if (ways[i] !== 'atomic') return;
      current = f.path;
      renameSync(temps[t]!, f.path);
      untrackTemp(temps[t++]!);
    });
  } catch (e) {
    for (const temp of temps) removeTemp(temp);
    throw new UsageError(`cannot write ${current}: ${reasonOf(e as NodeJS.ErrnoException, current)}`);
  }
}

/** How a path is written, or a UsageError when it cannot be written at all. */
function wayOf(path: string): Way {
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'atomic';
    throw new UsageError(`cannot write ${path}: ${reasonOf(e as NodeJS.ErrnoException, path)}`);
  }
  if (st.isFile()) return 'atomic';
  if (st.isSymbolicLink() || st.isCharacterDevice() || st.isFIFO()) return 'direct';
  const what = st.isDirectory()
    ? 'it is a folder'
    : st.isSocket()
      ? 'it is a socket'
      : 'it is a block device';
  throw new UsageError(`cannot write ${path}: ${what}`);
}

/** Writes a new file whole and flushes it to disk before it is renamed into place. */
function writeWhole(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes through a device, FIFO or symlink; a FIFO without a reader is refused instead of waited on. */
function writeDirect(path: string, text: string): void {
  const probe = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_APPEND);
  closeSync(probe);
  const fd = openSync(path, 'w');
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  } finally {
    closeSync(fd);
  }
}

function reasonOf(err: NodeJS.ErrnoException, path: string): string {
  switch (err.code) {
    case 'ENOENT':
      return `folder ${dirname(path)} does not exist`;
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENXIO':
      return 'it is a FIFO that nobody reads';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'EEXIST':
      return 'a temporary file of this process is in the way';
    default:
      return err.message;
  }
}

// Temporaries on disk right now: removed when the process exits or is ended by SIGINT, SIGTERM or SIGHUP.
// Writes are synchronous, so a signal is handled once the write in progress has finished or failed; the
// handler then removes whatever temporary is left and ends the process by the same signal. It stays installed
// from the first write on, so that a signal arriving just after the renames still ends the process.
const liveTemps = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let watching = false;

function removeLiveTemps(): void {
  for (const temp of liveTemps) rmSync(temp, { force: true });
  liveTemps.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removeLiveTemps();
  for (const s of SIGNALS) process.off(s, onSignal);
  // Ended by the signal as if no handler had been installed (exit status 128 + its number).
  process.kill(process.pid, signal);
}

function trackTemp(temp: string): void {
  if (!watching) {
    watching = true;
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on('exit', removeLiveTemps);
  }
  liveTemps.add(temp);
}

function untrackTemp(temp: string): void {
  liveTemps.delete(temp);
}

function removeTemp(temp: string): void {
  rmSync(temp, { force: true });
  untrackTemp(temp);
}
