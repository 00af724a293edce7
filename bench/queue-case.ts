// The queue benchmark case in its own process: N Monte Carlo paths of ETH on the sample ETH-crash scenario,
// run locally (in this thread, then on worker threads) and through a Redis queue started here on a spare port
// with 1, 2 and 4 worker processes (`contagion worker` of the compiled bench tree). Prints timings as JSON, or
// {skipped} without redis-server; asserts nothing about time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { planMonteCarlo, summarizeMonteCarlo } from '../src/analysis/monte-carlo';
import { runMonteCarlo } from '../src/analysis/sweep-pool';
import { packageVersion } from '../src/cli/package-files';
import { readJsonFile } from '../src/model/read-file';
import { parseQueueUrl } from '../src/queue/connection';
import { runMonteCarloOnQueue } from '../src/queue/queued-runs';
import { queueChunkSize } from '../src/queue/plan-chunks';

const paths = Number(process.argv[2] ?? 400);
const data = join(__dirname, '..', '..', 'data');
const networkFile = join(data, 'networks', 'ethereum-2025-10.json');
const scenarioFile = join(data, 'scenarios', 'eth-crash-30pct.json');
const main = join(__dirname, '..', 'src', 'cli', 'main.js');
const password = 'bench-secret';

const sparePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const seconds = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  const out = await f();
  return { seconds: (performance.now() - t) / 1000, out };
};

void (async () => {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    process.stdout.write(JSON.stringify({ skipped: 'redis-server is not installed' }) + '\n');
    return;
  }
  const port = await sparePort();
  const dir = mkdtempSync(join(tmpdir(), 'contagion-bench-redis-'));
  const redis = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--requirepass',
      password,
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://:${password}@127.0.0.1:${port}`;
  const server = parseQueueUrl(url);
  const workers: ChildProcess[] = [];
  try {
    await new Promise((r) => setTimeout(r, 300));
    const plan = planMonteCarlo(
      { network: readJsonFile(networkFile), scenario: readJsonFile(scenarioFile), networkFile, scenarioFile },
      { paths, seed: 1, asset: 'ETH', severity: 'severe' },
    );
    const threads = Math.min(4, availableParallelism());
    const serial = await seconds(() => runMonteCarlo(plan, 1));
    const local = await seconds(() => runMonteCarlo(plan, threads));
    const expected = JSON.stringify(summarizeMonteCarlo(plan, serial.out as never));
    const queued: { workers: number; seconds: number; workerSeconds: number; same: boolean }[] = [];
    for (const n of [1, 2, 4]) {
      while (workers.length < n) {
        const w = spawn(process.execPath, [main, 'worker', '--queue', url], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        await new Promise<void>((resolve) =>
          w.stderr!.on('data', (d: Buffer) => d.toString().includes('taking jobs') && resolve()),
        );
        workers.push(w);
      }
      let workerMs = 0;
      const r = await seconds(() =>
        runMonteCarloOnQueue(server, plan, { release: packageVersion(), onChunk: (ms) => (workerMs += ms) }),
      );
      queued.push({
        workers: n,
        seconds: r.seconds,
        workerSeconds: workerMs / 1000,
        same: JSON.stringify(summarizeMonteCarlo(plan, r.out as never)) === expected,
      });
    }
    process.stdout.write(
      JSON.stringify({
        paths,
        jobs: Math.ceil(paths / queueChunkSize(paths)),
        threads,
        serialSeconds: serial.seconds,
        localSeconds: local.seconds,
        queued,
      }) + '\n',
    );
  } finally {
    // Workers stop while Redis is still there (a worker closing waits on its connection), then Redis.
    await Promise.all(
      workers.map((w) => new Promise((resolve) => (w.once('exit', resolve), w.kill('SIGTERM')))),
    );
    redis.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
})();
