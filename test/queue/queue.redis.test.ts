// Queued runs against a real Redis (started by the test on a spare port, with a password) and worker
// processes of the built binary: the same bytes as the local run, through 2 workers and through a worker
// killed mid-run; a bad input failing the run with its message; a lost Redis ending the run with exit 2.
import { Queue, QueueEvents } from 'bullmq';
import { runJob, type SweepJob } from '../../src/analysis/sweep';
import { readJsonFile } from '../../src/model/read-file';
import { packageVersion } from '../../src/cli/package-files';
import { parseQueueUrl, QUEUE_NAME, redisOptions } from '../../src/queue/connection';
import { queueJobRunner } from '../../src/queue/queued-runs';
import { planMonteCarlo } from '../../src/analysis/monte-carlo';
import { BlobSet } from '../../src/queue/blobs';
import { monteCarloChunks } from '../../src/queue/plan-chunks';
import { ROOT, runBin } from '../helpers/cli';
import { startBin, startWorker, waitFor, type Background } from '../helpers/processes';
import { describeRedis, useRedis } from '../helpers/redis';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

jest.setTimeout(180_000);

const monteCarlo = ['sweep', '--monte-carlo', '40', '--seed', '11', '--severity', 'very-severe', '--json'];
const grid = [
  'sweep',
  '--mode',
  'grid',
  '--set',
  'scenario.events[0].path.change=-0.1,-0.3,-0.5',
  '--set',
  'scenario.events[0].path.overSteps=60,300',
];

const sample = () => {
  const networkFile = join(ROOT, 'data', 'networks', 'ethereum-2025-10.json');
  const scenarioFile = join(ROOT, 'data', 'scenarios', 'eth-crash-30pct.json');
  return {
    network: readJsonFile(networkFile),
    networkFile,
    scenario: readJsonFile(scenarioFile),
    scenarioFile,
  };
};

describeRedis('queued runs on a real Redis', () => {
  const redis = useRedis();
  let workers: Background[] = [];
  const stopWorkers = async () => {
    for (const w of workers) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.done));
    workers = [];
  };
  // Each test starts on an empty Redis: no job a killed worker left behind reaches the next test, and the
  // tests' event readers start from the first event ('0-0'), all of them the test's own.
  afterEach(async () => {
    await stopWorkers();
    await redis().client().flushall();
  });

  it('a Monte Carlo, a grid sweep and the backtest through 2 worker processes print the local bytes', async () => {
    const url = redis().url;
    workers = [await startWorker(url), await startWorker(url)];
    for (const args of [monteCarlo, [...grid, '--json'], grid]) {
      const local = runBin([...args, '--workers', '1']);
      expect(local.code).toBe(0);
      const queued = await startBin([...args, '--queue', url]).done;
      expect(queued.stderr).toBe('');
      expect(queued.code).toBe(0);
      expect(queued.stdout).toBe(local.stdout);
    }
    // Every historical event (10), scored by the workers.
    const local = runBin(['backtest', '--json']);
    const queued = await startBin(['backtest', '--json', '--queue', url]).done;
    expect(queued.code).toBe(0);
    // Every event of data/events/ is scored.
    expect(JSON.parse(queued.stdout).eventsTotal).toBe(readdirSync(join(ROOT, 'data', 'events')).length);
    expect(queued.stdout).toBe(local.stdout);
    // The runs' jobs (ids RUN-UUID-CHUNK) are removed from Redis once merged.
    const left = await redis().client().keys('bull:contagion-runs:*-*-*-*-*-*');
    expect(left).toEqual([]);
  });

  /**
   * A queued run of `args` with one worker (2 s stalled interval) that has taken a job, and the count of
   * stalled-job events seen since; `fn` acts on it, and the events listener is closed after.
   */
  async function withActiveJob(
    args: string[],
    fn: (x: {
      url: string;
      first: Background;
      run: ReturnType<typeof startBin>;
      stalled: () => number;
    }) => Promise<void>,
  ): Promise<void> {
    const url = redis().url;
    const events = new QueueEvents(QUEUE_NAME, {
      connection: redisOptions(parseQueueUrl(url)),
      lastEventId: '0-0',
    });
    let stalled = 0;
    events.on('stalled', () => stalled++);
    await events.waitUntilReady();
    try {
      const first = await startWorker(url, ['--stalled-seconds', '2']);
      workers = [first];
      const run = startBin([...args, '--queue', url]);
      const client = redis().client();
      await waitFor(
        async () => (await client.llen('bull:contagion-runs:active')) > 0,
        60_000,
        'an active job',
      );
      await fn({ url, first, run, stalled: () => stalled });
    } finally {
      await events.close();
    }
  }

  it('a worker killed (kill -9) mid-job: its job is taken again and the bytes are the local ones', async () => {
    const args = ['sweep', '--monte-carlo', '120', '--seed', '5', '--json'];
    const local = runBin([...args, '--workers', '1']);
    await withActiveJob(args, async ({ url, first, run, stalled }) => {
      workers.push(await startWorker(url, ['--stalled-seconds', '2']));
      first.child.kill('SIGKILL');
      const r = await run.done;
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(local.stdout);
      expect(stalled()).toBeGreaterThanOrEqual(1);
    });
  });

  it('SIGTERM stops a worker after the job under way, which completes (nothing stalls)', async () => {
    const args = ['sweep', '--monte-carlo', '60', '--seed', '8', '--json'];
    const local = runBin([...args, '--workers', '1']);
    await withActiveJob(args, async ({ url, first, run, stalled }) => {
      first.child.kill('SIGTERM');
      const stopped = await first.done;
      expect(stopped.code).toBe(0);
      expect(stopped.stderr).toContain('SIGTERM: finishing the job under way');
      expect(stopped.stderr).toContain('worker: stopped');
      workers = [await startWorker(url, ['--stalled-seconds', '2'])];
      const r = await run.done;
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(local.stdout);
      expect(stalled()).toBe(0);
    });
  });

  it("a job with a bad input fails the run with that input's message", async () => {
    const url = redis().url;
    workers = [await startWorker(url), await startWorker(url)];
    const { network, networkFile, scenarioFile, ...rest } = sample();
    const scenario = rest.scenario as { events: { asset: string }[] };
    const jobs: SweepJob[] = Array.from({ length: 6 }, () => ({
      network,
      networkFile,
      scenario,
      scenarioFile,
    }));
    const bad = structuredClone(scenario);
    bad.events[0]!.asset = 'NO-SUCH-ASSET';
    jobs[4] = { network, networkFile, scenario: bad, scenarioFile: 'bad-scenario.json' };
    let message = '';
    try {
      runJob(jobs[4]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('bad-scenario.json');
    expect(message).toContain('NO-SUCH-ASSET');
    await expect(queueJobRunner(parseQueueUrl(url), { release: packageVersion() })(jobs)).rejects.toThrow(
      message,
    );
  });

  it('a malformed job, and a job of another release, are refused by the worker, saying why', async () => {
    const url = redis().url;
    workers = [await startWorker(url)];
    const connection = redisOptions(parseQueueUrl(url));
    const queue = new Queue(QUEUE_NAME, { connection });
    const events = new QueueEvents(QUEUE_NAME, { connection, lastEventId: '0-0' });
    await events.waitUntilReady();
    try {
      const reasons = new Map<string, string>();
      events.on('failed', ({ jobId, failedReason }) => reasons.set(jobId, failedReason));
      await queue.add(
        'monte-carlo',
        { v: 1, kind: 'monte-carlo', run: 'abcdef012345', chunk: 0, start: 0, paths: [['x']] },
        { jobId: 'malformed-1' },
      );
      const plan = planMonteCarlo(sample(), { paths: 2, seed: 1, asset: 'ETH', severity: 'severe' });
      const [other] = monteCarloChunks({ run: 'abcdef012345', release: '0.0.0-other' }, plan, new BlobSet());
      await queue.add('monte-carlo', other, { jobId: 'other-release-1' });
      await waitFor(
        () => reasons.has('malformed-1') && reasons.has('other-release-1'),
        60_000,
        `both jobs to fail ${JSON.stringify([...reasons])} ${workers[0]!.stderr()}`,
      );
      const malformed = reasons.get('malformed-1')!;
      expect(malformed).toContain('job malformed-1 is malformed');
      expect(malformed).toContain('$.spec');
      expect(malformed).toContain('$.paths[0][0]');
      expect(reasons.get('other-release-1')).toBe(
        `job other-release-1 was planned by contagion 0.0.0-other and this worker runs ${packageVersion()}: ` +
          'run one release on every machine (another engine may give other numbers)',
      );
    } finally {
      await queue.obliterate({ force: true });
      await Promise.all([queue.close(), events.close()]);
    }
  });

  it('Redis restarted empty mid-run: one message, exit 2, nothing printed as a result', async () => {
    // No worker: the jobs wait in Redis, which is then restarted without them.
    const run = startBin([...monteCarlo, '--queue', redis().url]);
    const client = redis().client();
    await waitFor(async () => (await client.llen('bull:contagion-runs:wait')) > 0, 60_000, 'waiting jobs');
    await redis().kill();
    await redis().start();
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // Killed after the jobs were written: either the reply of the write was lost with the server, or the
    // coordinator finds the jobs gone once it is back.
    expect(r.stderr).toMatch(
      /^error: (Redis at 127\.0\.0\.1:\d+ no longer holds job [0-9a-f-]+ of this run|the connection to Redis at 127\.0\.0\.1:\d+ closed).*the run is abandoned and nothing was written\n$/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a queued run stopped by SIGINT ends with one message and exit 2, its waiting jobs removed', async () => {
    const run = startBin([...monteCarlo, '--queue', redis().url]);
    const client = redis().client();
    await waitFor(async () => (await client.llen('bull:contagion-runs:wait')) > 0, 60_000, 'waiting jobs');
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'error: SIGINT: the run was stopped; its jobs not yet taken are removed from the queue\n',
    );
    expect(await client.llen('bull:contagion-runs:wait')).toBe(0);
  });

  it('Redis down mid-run: after 10 s, one message and exit 2', async () => {
    const run = startBin([...monteCarlo, '--queue', redis().url]);
    const client = redis().client();
    await waitFor(async () => (await client.llen('bull:contagion-runs:wait')) > 0, 60_000, 'waiting jobs');
    await redis().kill();
    const r = await run.done;
    await redis().start();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // Down for 10 s: the watchdog's message. When the kill lands between the jobs' write and its reply (the
    // jobs are already waiting, the reply is lost with the server), the write itself fails at once instead:
    // one message, exit 2 and nothing written all the same.
    expect(r.stderr).toMatch(
      /^error: (lost the connection to Redis for 10 s \(cannot reach Redis at 127\.0\.0\.1:\d+: connection refused|the connection to Redis at 127\.0\.0\.1:\d+ closed; the run is abandoned and nothing was written\n$)/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a worker with --concurrency 2 (two threads) gives the local bytes and stops on SIGINT', async () => {
    const url = redis().url;
    const local = runBin([...monteCarlo, '--workers', '1']);
    const w = await startWorker(url, ['--concurrency', '2']);
    workers = [w];
    expect(w.stderr()).toContain('(2 at once)');
    const r = await startBin([...monteCarlo, '--queue', url]).done;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(local.stdout);
    w.child.kill('SIGINT');
    const stopped = await w.done;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toContain('worker: stopped');
  });

  it('a worker told to stop while Redis is away still stops, with exit code 0', async () => {
    const w = await startWorker(redis().url);
    workers = [w];
    await redis().kill();
    try {
      await waitFor(() => w.stderr().includes('connection refused'), 30_000, 'the worker to notice');
      w.child.kill('SIGTERM');
      const stopped = await w.done;
      expect(stopped.code).toBe(0);
      expect(stopped.stderr).toMatch(
        /worker: SIGTERM: finishing the job under way.*\n(.*\n)?worker: stopped\n$/,
      );
    } finally {
      await redis().start();
    }
  });

  it('a password is required: none in the URL, a wrong one, and a server without one are refused (exit 2)', async () => {
    const { port } = redis();
    const none = runBin([...monteCarlo, '--queue', `redis://127.0.0.1:${port}`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`redis at 127.0.0.1:${port} has no password: the URL must carry one`);
    const wrong = runBin(['worker', '--queue', `redis://:not-it@127.0.0.1:${port}`]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(
      `error: Redis at 127.0.0.1:${port} refused the password of --queue (WRONGPASS)\n`,
    );
    const both = runBin([...monteCarlo, '--workers', '2', '--queue', redis().url]);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('error: --workers and --queue: with a queue, its workers run the jobs\n');
    const down = runBin([...monteCarlo, '--queue', `redis://:x@127.0.0.1:1`]);
    expect(down.code).toBe(2);
    expect(down.stderr).toBe(
      'error: cannot reach Redis at 127.0.0.1:1: connection refused (is it running? check --queue)\n',
    );
  });
});

describeRedis('a Redis with an append-only file', () => {
  const redis = useRedis({ password: 'queue-test-secret', persist: true });
  it('restarted with its data mid-run: the run resumes and prints the local bytes', async () => {
    const url = redis().url;
    const args = ['sweep', '--monte-carlo', '80', '--seed', '9', '--json'];
    const local = runBin([...args, '--workers', '1']);
    const worker = await startWorker(url, ['--stalled-seconds', '2']);
    try {
      const run = startBin([...args, '--queue', url]);
      const client = redis().client();
      await waitFor(
        async () => (await client.zcard('bull:contagion-runs:completed')) > 2,
        60_000,
        'jobs done',
      );
      // Mid-run: 80 paths are 40 chunks of 2.
      expect(await client.zcard('bull:contagion-runs:completed')).toBeLessThan(40);
      await redis().kill();
      await new Promise((r) => setTimeout(r, 1000));
      await redis().start();
      const r = await run.done;
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(local.stdout);
    } finally {
      worker.child.kill('SIGKILL');
      await worker.done;
    }
  });
});

describeRedis('an open Redis (no password)', () => {
  const open = useRedis({ password: undefined });
  it('is refused by the worker and by a queued run, whatever password the URL gives', () => {
    const url = `redis://:anything@127.0.0.1:${open().port}`;
    for (const args of [
      ['worker', '--queue', url],
      [...monteCarlo, '--queue', url],
    ]) {
      const r = runBin(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `Redis at 127.0.0.1:${open().port} has no password set: the queue refuses an open Redis`,
      );
    }
  });
});
