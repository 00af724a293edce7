// Worker-thread entry of the parallel DebtRank: builds both rules' solvers once on the shared matrix, then
// computes the slices of nodes it is sent and posts each result back with the slice's start.
import { parentPort } from 'node:worker_threads';
import type { ImpactMatrix } from './debtrank';
import type { ImpactColumns } from './debtrank-battiston';
import { EveryDefaultRunner, type EveryDefaultOptions } from './debtrank-every';

/** The first message: the matrix, its columns and the weights, on shared memory. */
export interface DebtRankWorkerInit {
  W: ImpactMatrix;
  cols: ImpactColumns | null;
  v: Float64Array;
  psi: number;
  options: Partial<EveryDefaultOptions>;
}

let runner: EveryDefaultRunner | null = null;

const local = (m: ImpactMatrix): ImpactMatrix => ({
  n: m.n,
  start: m.start.slice(),
  target: m.target.slice(),
  weight: m.weight.slice(),
});

parentPort?.on('message', (msg: { init: DebtRankWorkerInit } | { from: number; to: number }) => {
  try {
    if ('init' in msg) {
      // A local copy of the matrix for the differential rule (V8 compiles loops over typed arrays on shared
      // memory less tightly); Battiston's kernel copies what it needs into its own WebAssembly memory.
      const { W, cols, v, psi, options } = msg.init;
      const leverage = options.leverage && local(options.leverage);
      runner = new EveryDefaultRunner(local(W), v.slice(), psi, { ...options, leverage }, cols ?? undefined);
      return;
    }
    const out = runner!.slice(msg.from, msg.to);
    parentPort!.postMessage({ from: msg.from, out });
  } catch (e) {
    parentPort!.postMessage({
      from: 'init' in msg ? -1 : msg.from,
      error: e instanceof Error ? e.message : String(e),
    });
  }
});
