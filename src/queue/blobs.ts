// Content-addressed documents in Redis: a network is stored once per run under the sha256 of its JSON text
// (`contagion:blob:<sha256>`, kept a week), and each job names it by that hash. A worker reads a blob once
// per process, checks its hash and parses it.
import { createHash } from 'node:crypto';
import type IORedis from 'ioredis';
import { UsageError } from '../model/errors';
import { BLOB_PREFIX } from './connection';
import type { BlobRef } from './payload';

const KEEP_SECONDS = 7 * 24 * 3600;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The documents of a plan by hash, each once: what the coordinator uploads before it enqueues. */
export class BlobSet {
  readonly texts = new Map<string, string>();
  /** Raw documents already seen, so that one object shared by many jobs is serialised once. */
  private readonly seen = new Map<unknown, string>();

  ref(raw: unknown, file: string): BlobRef {
    let sha = this.seen.get(raw);
    if (sha === undefined) {
      const text = JSON.stringify(raw);
      sha = sha256(text);
      this.texts.set(sha, text);
      if (typeof raw === 'object' && raw !== null) this.seen.set(raw, sha);
    }
    return { sha256: sha, file };
  }
}

/** Stores every blob of a set (an existing one has its expiry renewed). */
export async function putBlobs(redis: IORedis, blobs: BlobSet): Promise<void> {
  const tx = redis.multi();
  for (const [sha, text] of blobs.texts) tx.set(BLOB_PREFIX + sha, text, 'EX', KEEP_SECONDS);
  await tx.exec();
}

/** Reads, checks and parses blobs; each hash is read from Redis once per process. */
export class BlobReader {
  private readonly parsed = new Map<string, unknown>();
  constructor(private readonly redis: IORedis) {}

  async get(ref: BlobRef): Promise<unknown> {
    const known = this.parsed.get(ref.sha256);
    if (known !== undefined) return known;
    const text = await this.redis.get(BLOB_PREFIX + ref.sha256);
    if (text === null)
      throw new UsageError(
        `${ref.file}: the network stored as ${ref.sha256} is not in Redis (expired or removed)`,
      );
    if (sha256(text) !== ref.sha256)
      throw new UsageError(`${ref.file}: the network stored as ${ref.sha256} does not have that hash`);
    const value: unknown = JSON.parse(text);
    // One network at a time is enough (a sweep over network values changes it per job).
    this.parsed.clear();
    this.parsed.set(ref.sha256, value);
    return value;
  }
}
