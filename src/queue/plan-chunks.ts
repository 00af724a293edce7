// Cuts a plan into the chunks of the queue: consecutive items, the chunk size fixed by the number of items
// only, so the same plan is always the same chunks whoever runs them. Monte Carlo paths are drawn here, in
// plan order from the plan's seed, exactly as a local run draws them. Networks go into a `BlobSet`.
import { monteCarloPaths, type MonteCarloPlan } from '../analysis/monte-carlo';
import type { SweepJob } from '../analysis/sweep';
import type { BlobSet } from './blobs';
import { PAYLOAD_VERSION, type ChunkJob } from './payload';

/** Items per chunk: about 64 chunks for a large plan, at most 32 items each, at least 1. */
/** What every chunk of a run carries: the run's id and the release of contagion that planned it. */
export interface RunHead {
  run: string;
  release: string;
}

export const queueChunkSize = (total: number): number => Math.max(1, Math.min(32, Math.ceil(total / 64)));

/** The raw documents of one historical event (read from its folder, already validated once). */
export interface RawBacktestEvent {
  id: string;
  network: unknown;
  networkFile: string;
  scenario: unknown;
  scenarioFile: string;
  expected: unknown;
  expectedFile: string;
}

function cut<T>(
  items: readonly T[],
  make: (chunk: number, start: number, part: T[]) => ChunkJob,
): ChunkJob[] {
  const size = queueChunkSize(items.length);
  const out: ChunkJob[] = [];
  for (let start = 0, chunk = 0; start < items.length; start += size, chunk++)
    out.push(make(chunk, start, items.slice(start, start + size)));
  return out;
}

export function sweepChunks(head: RunHead, jobs: readonly SweepJob[], blobs: BlobSet): ChunkJob[] {
  return cut(jobs, (chunk, start, part) => ({
    v: PAYLOAD_VERSION,
    ...head,
    chunk,
    start,
    kind: 'sweep',
    items: part.map((j) => ({
      network: blobs.ref(j.network, j.networkFile),
      scenario: j.scenario,
      scenarioFile: j.scenarioFile,
    })),
  }));
}

export function monteCarloChunks(head: RunHead, plan: MonteCarloPlan, blobs: BlobSet): ChunkJob[] {
  const { spec } = plan;
  const chunkSpec = {
    network: blobs.ref(spec.network, spec.networkFile),
    scenario: spec.scenario,
    scenarioFile: spec.scenarioFile,
    asset: spec.asset,
    severity: spec.severity,
    seed: spec.seed,
    everySteps: spec.everySteps,
  };
  return cut([...monteCarloPaths(plan)], (chunk, start, paths) => ({
    v: PAYLOAD_VERSION,
    ...head,
    chunk,
    start,
    kind: 'monte-carlo',
    spec: chunkSpec,
    paths,
  }));
}

export function backtestChunks(
  head: RunHead,
  events: readonly RawBacktestEvent[],
  blobs: BlobSet,
): ChunkJob[] {
  return cut(events, (chunk, start, part) => ({
    v: PAYLOAD_VERSION,
    ...head,
    chunk,
    start,
    kind: 'backtest',
    items: part.map((e) => ({
      id: e.id,
      network: blobs.ref(e.network, e.networkFile),
      scenario: e.scenario,
      scenarioFile: e.scenarioFile,
      expected: e.expected,
      expectedFile: e.expectedFile,
    })),
  }));
}
