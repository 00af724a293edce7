// The built `contagion` binary run as a background process (a coordinator or a queue worker), so a test can
// act while it runs: kill a worker, restart Redis. Every process still running is killed after the file.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BIN, ROOT, type CliResult } from './cli';

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const c of running) c.kill('SIGKILL');
  running.clear();
});

export interface Background {
  child: ChildProcess;
  /** What it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with its exit code (null when ended by a signal) and output. */
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

export function startBin(args: string[]): Background {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build"`);
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code: code ?? -1, stdout: out, stderr: err, signal });
    });
  });
  return { child, stderr: () => err, done };
}

/** Waits until `test()` holds, checking every 50 ms, for at most `ms`. */
export async function waitFor(
  test: () => boolean | Promise<boolean>,
  ms: number,
  what: string | (() => string),
): Promise<void> {
  const until = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A queue worker, once it says it is taking jobs. */
export async function startWorker(url: string, extra: string[] = []): Promise<Background> {
  const w = startBin(['worker', '--queue', url, ...extra]);
  await waitFor(() => w.stderr().includes('taking jobs') || w.child.exitCode !== null, 30_000, 'a worker');
  if (w.child.exitCode !== null) throw new Error(`worker ended: ${w.stderr()}`);
  return w;
}
