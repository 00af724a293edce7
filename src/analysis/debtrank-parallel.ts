// DebtRank of every node's default on worker threads: the nodes are cut into fixed slices, each computed
// whole by one thread on the shared matrix; the results are the serial ones, element for element.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { ImpactMatrix } from './debtrank';
import { type ImpactColumns, impactColumns } from './debtrank-battiston';
import { debtRankOfEveryDefault, type EveryDefault, type EveryDefaultOptions } from './debtrank-every';
import type { DebtRankWorkerInit } from './debtrank-worker';
import { runOnWorkers } from './worker-pool';

const WORKER_FILE = join(__dirname, 'debtrank-worker.js');

/** Slices per thread: small enough to even out threads that run slower, large enough to cost nothing. */
const SLICES_PER_WORKER = 64;

/** Below this many nodes one thread is faster than starting others. */
export const PARALLEL_MIN_NODES = 2000;

/** Whether the compiled worker script is present (it is not under a TypeScript test runner). */
export const parallelAvailable = (): boolean => existsSync(WORKER_FILE);

/**
 * `debtRankOfEveryDefault` on `workers` threads (default: the machine's parallelism). Each node's result
 * depends on that node alone, so the answer is identical to the serial one whatever thread computes a
 * slice. Runs serially in this thread when `workers` is 1, the network is small, or the compiled worker
 * script is absent.
 */
export async function debtRankOfEveryDefaultParallel(
  W: ImpactMatrix,
  v: ArrayLike<number>,
  psi = 1,
  options: Partial<EveryDefaultOptions> = {},
  workers = availableParallelism(),
): Promise<EveryDefault> {
  const n = W.n;
  const threads = Math.min(workers, Math.ceil(n / 64));
  if (threads <= 1 || n < PARALLEL_MIN_NODES || !parallelAvailable() || !(psi > 0)) {
    return debtRankOfEveryDefault(W, v, psi, options);
  }
  const out: EveryDefault = {
    battiston: new Float64Array(n),
    differential: new Float64Array(n),
    distressedBattiston: new Int32Array(n),
    distressedDifferential: new Int32Array(n),
    defaultedBattiston: new Int32Array(n),
    defaultedDifferential: new Int32Array(n),
    converged: true,
  };
  const size = Math.ceil(n / (threads * SLICES_PER_WORKER));
  let from = 0;
  await runOnWorkers<{ from: number; to: number }, { from: number; out?: EveryDefault; error?: string }>({
    file: WORKER_FILE,
    threads,
    // The threads start while this one builds the columns and the shared copies.
    setup: (): { init: DebtRankWorkerInit } => ({
      init: {
        W: sharedMatrix(W),
        cols: options.battiston === false ? null : sharedColumns(impactColumns(W)),
        v: shared(Float64Array.from(v)),
        psi,
        options: { ...options, leverage: options.leverage && sharedMatrix(options.leverage) },
      },
    }),
    inFlight: 1,
    next: () => {
      if (from >= n) return undefined;
      const slice = { from, to: Math.min(n, from + size) };
      from = slice.to;
      return slice;
    },
    errorOf: (m) => (m.error !== undefined ? `DebtRank worker, nodes from ${m.from}: ${m.error}` : undefined),
    take: (m) => place(out, m.out!, m.from),
  });
  return out;
}

function place(out: EveryDefault, part: EveryDefault, from: number): void {
  out.battiston.set(part.battiston, from);
  out.differential.set(part.differential, from);
  out.distressedBattiston.set(part.distressedBattiston, from);
  out.distressedDifferential.set(part.distressedDifferential, from);
  out.defaultedBattiston.set(part.defaultedBattiston, from);
  out.defaultedDifferential.set(part.defaultedDifferential, from);
  out.converged &&= part.converged;
}

function shared<T extends Int32Array | Float64Array>(a: T): T {
  const buffer = new SharedArrayBuffer(a.byteLength);
  const copy = new (a.constructor as new (b: SharedArrayBuffer) => T)(buffer);
  copy.set(a);
  return copy;
}

function sharedMatrix(m: ImpactMatrix): ImpactMatrix {
  return { n: m.n, start: shared(m.start), target: shared(m.target), weight: shared(m.weight) };
}

function sharedColumns(c: ImpactColumns): ImpactColumns {
  return { n: c.n, start: shared(c.start), source: shared(c.source), weight: shared(c.weight) };
}
