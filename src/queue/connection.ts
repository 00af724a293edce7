// The Redis of the job queue: its URL read and checked (a password is required; rediss:// means TLS), the
// connection options BullMQ and ioredis are given, a first check that the server answers and asks for that
// password, and every connection error turned into one message naming the server (never the password).
import IORedis, { type RedisOptions } from 'ioredis';
import { UsageError } from '../model/errors';

/** Where the queue is: what the user wrote in --queue, read. */
export interface QueueServer {
  host: string;
  port: number;
  username?: string;
  password: string;
  db: number;
  tls: boolean;
  /** host:port, for messages (never the password). */
  label: string;
}

/** Names shared by the coordinator and the workers. */
export const QUEUE_NAME = 'contagion-runs';
export const BLOB_PREFIX = 'contagion:blob:';

/** Reads `redis://[user]:password@host[:port][/db]` or `rediss://…` (TLS); a URL without a password is refused. */
export function parseQueueUrl(text: string): QueueServer {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--queue ${JSON.stringify(text)} is not a URL: give redis://:PASSWORD@HOST:PORT`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new UsageError(`--queue must be a redis:// or rediss:// URL, got ${url.protocol}//`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new UsageError('--queue names no host: give redis://:PASSWORD@HOST:PORT');
  const port = url.port === '' ? 6379 : Number(url.port);
  const label = `${url.hostname}:${port}`;
  const password = decodeURIComponent(url.password);
  if (password === '')
    throw new UsageError(
      `--queue redis at ${label} has no password: the URL must carry one (redis://:PASSWORD@${label}); ` +
        'never run the queue on a Redis without a password',
    );
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d+$/.test(path))
    throw new UsageError(`--queue: the path of the URL must be a database number, got /${path}`);
  return {
    host,
    port,
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    password,
    db: path === '' ? 0 : Number(path),
    tls: url.protocol === 'rediss:',
    label,
  };
}

/**
 * ioredis options for a server. `maxRetriesPerRequest: null` is what BullMQ's workers need (a command waits
 * for a reconnection instead of failing); the coordinator bounds its waits itself.
 */
export function redisOptions(s: QueueServer): RedisOptions {
  return {
    host: s.host,
    port: s.port,
    ...(s.username !== undefined ? { username: s.username } : {}),
    password: s.password,
    db: s.db,
    ...(s.tls ? { tls: { servername: s.host } } : {}),
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
  };
}

/** One message for an error of a Redis connection or command. */
export function redisMessage(s: QueueServer, e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: string } | undefined)?.code;
  if (/without any password configured|no password is set/i.test(text))
    return (
      `Redis at ${s.label} has no password set: the queue refuses an open Redis ` +
      '(set requirepass in its configuration, and never expose it without one)'
    );
  if (/WRONGPASS|invalid username-password/i.test(text))
    return `Redis at ${s.label} refused the password of --queue (WRONGPASS)`;
  if (/NOAUTH/i.test(text)) return `Redis at ${s.label} asks for a password that --queue did not give`;
  if (/Connection is closed|aborted due to connection close/i.test(text))
    return `the connection to Redis at ${s.label} closed`;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text))
    return `cannot reach Redis at ${s.label}: connection refused (is it running? check --queue)`;
  if (code === 'ENOTFOUND' || /ENOTFOUND/.test(text)) return `cannot reach Redis at ${s.label}: unknown host`;
  if (/ETIMEDOUT|timed? ?out/i.test(text)) return `cannot reach Redis at ${s.label}: timed out`;
  return `Redis at ${s.label}: ${text}`;
}

/** An error of the queue (Redis down, a lost run, a refused password): exit code 2. */
export class QueueError extends UsageError {}

/**
 * Connects once and checks the server answers and requires the password given (AUTH then PING), within a
 * few seconds; every failure is a `QueueError` with one message. The caller closes the connection.
 */
export async function openChecked(s: QueueServer): Promise<IORedis> {
  const client = new IORedis({
    ...redisOptions(s),
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  let lastError: unknown;
  client.on('error', (e) => (lastError = e));
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    client.disconnect();
    throw new QueueError(redisMessage(s, lastError ?? e));
  }
  if (await answersWithoutPassword(s)) {
    client.disconnect();
    throw new QueueError(redisMessage(s, new Error('no password is set')));
  }
  return client;
}

/** Whether the server answers a connection that gives no password (an open Redis, which is refused). */
async function answersWithoutPassword(s: QueueServer): Promise<boolean> {
  const { password: _password, username: _username, ...rest } = redisOptions(s);
  const probe = new IORedis({
    ...rest,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** A promise that rejects with a `QueueError` after `ms` (the waits on a server that went silent). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueError(`${what}: no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
