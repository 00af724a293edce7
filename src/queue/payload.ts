// What travels through the queue: a chunk's job data and its result, as zod schemas. A worker validates every
// job it takes like an input file (a malformed job fails with the JSON path of what is wrong), and the
// coordinator checks every result before it merges it. Networks travel by reference (`BlobRef`).
import { z } from 'zod';
import { jsonPath, UsageError } from '../model/errors';
import { SEVERITIES, type Severity } from '../analysis/jump-diffusion';

export const PAYLOAD_VERSION = 1;

/** A document stored once in Redis under the sha256 of its JSON text, and the file it came from. */
const blobRef = z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), file: z.string() });
export type BlobRef = z.infer<typeof blobRef>;

const head = {
  v: z.literal(PAYLOAD_VERSION),
  /** The run the chunk belongs to. */
  run: z.string().regex(/^[0-9a-f-]{8,64}$/),
  /** The release of contagion that made the plan: a worker runs only its own release's jobs. */
  release: z.string(),
  /** The chunk's place in the plan, and the index of its first item. */
  chunk: z.int().nonnegative(),
  start: z.int().nonnegative(),
};

const sweepItem = z.strictObject({ network: blobRef, scenario: z.unknown(), scenarioFile: z.string() });

const monteCarloSpec = z.strictObject({
  network: blobRef,
  scenario: z.unknown(),
  scenarioFile: z.string(),
  asset: z.string(),
  severity: z.enum(SEVERITIES as [Severity, ...Severity[]]),
  seed: z.int(),
  everySteps: z.int().positive(),
});

const backtestItem = z.strictObject({
  id: z.string(),
  network: blobRef,
  scenario: z.unknown(),
  scenarioFile: z.string(),
  expected: z.unknown(),
  expectedFile: z.string(),
});

export const chunkJobSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...head, kind: z.literal('sweep'), items: z.array(sweepItem).min(1) }),
  z.strictObject({
    ...head,
    kind: z.literal('monte-carlo'),
    spec: monteCarloSpec,
    /** Each path's cumulative changes, drawn by the coordinator in plan order. */
    paths: z.array(z.array(z.number())).min(1),
  }),
  z.strictObject({ ...head, kind: z.literal('backtest'), items: z.array(backtestItem).min(1) }),
]);
export type ChunkJob = z.infer<typeof chunkJobSchema>;
export type ChunkKind = ChunkJob['kind'];
export type MonteCarloChunkSpec = z.infer<typeof monteCarloSpec>;

/** Items of a chunk, whatever its kind. */
export const chunkLength = (job: ChunkJob): number =>
  job.kind === 'monte-carlo' ? job.paths.length : job.items.length;

export const runOutcomeSchema = z.strictObject({
  badDebtUsd: z.string(),
  liquidatedUsd: z.string(),
  insolventProtocols: z.array(z.string()),
  stressedProtocols: z.array(z.string()),
  worstDrawdown: z.number(),
});

/** What a worker returns for a chunk: one outcome per item, in item order (a backtest's are event scores). */
export const chunkResultSchema = z.strictObject({
  chunk: z.int().nonnegative(),
  outcomes: z.array(z.unknown()),
  /** Milliseconds the worker spent running the items (what the queue adds is the rest of the wait). */
  runMs: z.number().nonnegative(),
});
export type ChunkResult = z.infer<typeof chunkResultSchema>;

/** Checks a value against a schema; the error names `what` and the JSON path of each problem. */
export function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues
    .slice(0, 5)
    .map((i) => `${jsonPath(i.path as PropertyKey[])}: ${i.message}`)
    .join('; ');
  throw new UsageError(`${what} is malformed: ${issues}`);
}
