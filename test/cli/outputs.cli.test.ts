// Output paths written as what they are: regular files atomically (no temporary left, even on a signal),
// devices, FIFOs and symlinks through the path, folders refused; standard output that fails ends in one line.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT, runBin, tempFiles } from '../helpers/cli';

const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/**
 * A device node of the tests' own, like /dev/null (1,3) or /dev/full (1,7), so that a defect replacing the
 * path with a file harms no one else. Making one needs root; without root the system's device is used, which
 * a process that is not root cannot replace.
 */
function deviceLike(name: 'null' | 'full'): string {
  const node = join(tempFiles({}), name);
  try {
    execFileSync('mknod', ['-m', '666', node, 'c', '1', name === 'null' ? '3' : '7'], { stdio: 'ignore' });
    return node;
  } catch {
    return `/dev/${name}`;
  }
}

describe('--out writes to what the path is', () => {
  it("writes a symlink's target through the link and keeps the link", () => {
    const dir = tempFiles({ 'target.json': 'old' });
    symlinkSync('target.json', join(dir, 'link.json'));
    const r = runBin(['generate', '--protocols', '3', '--out', join(dir, 'link.json')]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('target.json');
    expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')).format).toBe('contagion/network@1');
  });

  it('writes through a device like /dev/null and leaves it a device', () => {
    const device = deviceLike('null');
    const r = runBin(['generate', '--protocols', '3', '--out', device]);
    expect(r.code).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it('refuses a FIFO that nobody reads instead of replacing it with a file', () => {
    const dir = tempFiles({});
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const r = runBin(['generate', '--protocols', '3', '--out', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: cannot write ${fifo}: it is a FIFO that nobody reads\n`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(temporaries(dir)).toEqual([]);
  });

  it('ends with one line and exit 2 on a full device like /dev/full', () => {
    const device = deviceLike('full');
    const r = runBin(['generate', '--protocols', '3', '--out', device]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: cannot write ${device}: no space left on the device\n`);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });
});

describe("report's markdown and HTML are replaced together or not at all", () => {
  it('refuses an HTML path that is a folder before replacing the markdown', () => {
    const dir = tempFiles({ 'report.md': 'old markdown' });
    mkdirSync(join(dir, 'report.html'));
    const r = runBin(['report', '--md', join(dir, 'report.md'), '--html', join(dir, 'report.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write ${join(dir, 'report.html')}: it is a folder`);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('old markdown');
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('a signal during a write leaves no temporary behind', () => {
  // The write is synchronous: the signal is handled once it has finished, so the process either ends by the
  // signal or has just finished; either way the file is whole or absent and no temporary is left.
  it('SIGTERM while a large file is being written: the file is whole and no temporary stays', async () => {
    const dir = tempFiles({});
    const out = join(dir, 'big.txt');
    const writer =
      `require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'write-files.js'))})` +
      `.writeAtomically([{ path: ${JSON.stringify(out)}, text: 'x'.repeat(300 * 1024 * 1024) }]);`;
    const child = spawn(process.execPath, ['-e', writer], { stdio: 'ignore' });
    const ended = new Promise<string>((resolve) => child.on('exit', (c, s) => resolve(s ?? `exit ${c}`)));
    // Send the signal as soon as the temporary exists, while the text is still being written.
    while (temporaries(dir).length === 0 && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 1));
    child.kill('SIGTERM');
    expect(['SIGTERM', 'exit 0']).toContain(await ended);
    expect(temporaries(dir)).toEqual([]);
    if (existsSync(out)) expect(lstatSync(out).size).toBe(300 * 1024 * 1024);
  }, 60_000);
});

describe('standard output that fails ends with one line and exit 2', () => {
  it('stdout on /dev/full (ENOSPC)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'shock'], {
        cwd: ROOT,
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe('error: cannot write to standard output: no space left on the device (ENOSPC)\n');
    } finally {
      closeSync(full);
    }
  });

  it('a reader that closes the pipe (EPIPE)', async () => {
    const child = spawn(process.execPath, [BIN, 'shock', '--json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: cannot write to standard output: the reader closed it before everything was written (EPIPE)\n',
    );
  });
});

// Kept at the end: a file the tests above never touch stays as it was written.
it('a plain new file is written whole and no temporary stays', () => {
  const dir = tempFiles({});
  writeFileSync(join(dir, 'keep'), 'k');
  const r = runBin(['generate', '--protocols', '3', '--out', join(dir, 'net.json')]);
  expect(r.code).toBe(0);
  expect(JSON.parse(readFileSync(join(dir, 'net.json'), 'utf8')).format).toBe('contagion/network@1');
  expect(readdirSync(dir).sort()).toEqual(['keep', 'net.json']);
});
