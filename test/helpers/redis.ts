// A real Redis for the queue tests: `redis-server` started by the test file on a spare port of 127.0.0.1,
// with a password, its own folder and no persistence (or an append-only file), stopped after the file.
// Without `redis-server` the suite is skipped with one line, except under CI=true, where it fails (.ci/run
// installs it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';

export const redisMissing = (): boolean =>
  spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status !== 0;

/** `describe` when redis-server is there; else skipped (one line), or failing under CI=true. */
export function describeRedis(name: string, body: () => void): void {
  if (!redisMissing()) return describe(name, body);
  if (process.env.CI === 'true')
    return describe(name, () => {
      it('needs redis-server', () => {
        throw new Error('redis-server is not installed: the queue tests cannot run in CI');
      });
    });
  process.stdout.write(
    `\nRedis queue tests SKIPPED: redis-server is not installed (apt-get install redis-server).\n`,
  );
  describe.skip(name, body);
}

/** A free TCP port of 127.0.0.1 (asked of the system, then released). */
export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  port: number;
  password: string | undefined;
  /** redis://:password@127.0.0.1:port */
  url: string;
  /** Stops the server (SIGKILL: its data, kept in memory only, is lost). */
  kill(): Promise<void>;
  /** Starts it again on the same port: empty, or with what it had written when it persists. */
  start(): Promise<void>;
  /** A client of the server (closed by `kill` or the end of the file). */
  client(): IORedis;
}

/**
 * Starts a Redis for the test file; `password: undefined` makes an open one (to be refused), `persist` one
 * that writes every command to its append-only file and reads it back when started again.
 */
export function useRedis(
  o: { password?: string | undefined; persist?: boolean } = { password: 'queue-test-secret' },
): () => TestRedis {
  let redis: (TestRedis & { remove(): void }) | undefined;
  beforeAll(async () => {
    redis = await startRedis(o.password, o.persist ?? false);
  });
  afterAll(async () => {
    await redis?.kill();
    redis?.remove();
  });
  return () => {
    if (!redis) throw new Error('redis not started');
    return redis;
  };
}

async function startRedis(
  password: string | undefined,
  persist: boolean,
): Promise<TestRedis & { remove(): void }> {
  const port = await sparePort();
  const dir = mkdtempSync(join(tmpdir(), 'contagion-redis-'));
  let child: ChildProcess | undefined;
  const clients: IORedis[] = [];
  const options = { host: '127.0.0.1', port, ...(password !== undefined ? { password } : {}) };
  const self = {
    port,
    password,
    url: `redis://${password !== undefined ? `:${encodeURIComponent(password)}@` : ''}127.0.0.1:${port}`,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', ''];
      args.push(...(persist ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
      args.push('--dir', dir, '--daemonize', 'no', '--loglevel', 'warning');
      if (password !== undefined) args.push('--requirepass', password);
      child = spawn('redis-server', args, { stdio: 'ignore' });
      const probe = new IORedis({ ...options, lazyConnect: true, retryStrategy: () => null });
      probe.on('error', () => undefined);
      for (let tries = 0; ; tries++) {
        try {
          await probe.connect();
          await probe.ping();
          probe.disconnect();
          return;
        } catch (e) {
          probe.disconnect();
          if (tries > 100) throw e;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    },
    async kill() {
      for (const c of clients.splice(0)) c.disconnect();
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGKILL');
      });
    },
    client() {
      const c = new IORedis({ ...options, maxRetriesPerRequest: null });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await self.start();
  return self;
}
