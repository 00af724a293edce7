// Battiston's DebtRank kernel in WebAssembly: finds the compiled module, lays the matrix out in one instance's
// linear memory, and runs one defaulted node at a time (the rule of `debtrank-battiston.ts`, bit for bit).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InternalError } from '../model/errors';
import type { ImpactMatrix } from './debtrank';
import type { ImpactColumns, RunSummary } from './debtrank-battiston';

/** Where `npm run build` writes the module compiled from assembly/debtrank-battiston.ts. */
export const KERNEL_PATH = join('dist', 'wasm', 'debtrank-battiston.wasm');

/** The part of the WebAssembly JavaScript API used here (the project's TypeScript lib has no DOM types). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => CompiledKernel;
  Instance: new (module: CompiledKernel, imports: object) => { exports: unknown };
}
type CompiledKernel = { readonly kind: 'compiled kernel' };
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  init(n: number, edges: number, ...offsets: number[]): void;
  run(s: number, psi: number): number;
  lastDistressed: { value: number };
  lastDefaulted: { value: number };
}

let compiled: CompiledKernel | null = null;

/**
 * The compiled kernel's file in the nearest folder at or above `from` that has `dist/wasm/`: the repository's
 * own from `src/` (tests), `dist/` (the CLI) or `.bench/` (benchmarks), the package's when installed.
 */
export function findKernel(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, KERNEL_PATH);
    if (existsSync(file)) return file;
    if (dirname(dir) === dir) break;
  }
  throw new InternalError(
    `the DebtRank kernel ${KERNEL_PATH} was not found in ${from} or any folder above it: ` +
      'run "npm run build" (it compiles assembly/debtrank-battiston.ts)',
  );
}

function kernelModule(): CompiledKernel {
  compiled ??= new wasm.Module(readFileSync(findKernel(__dirname)));
  return compiled;
}

/** One kernel instance holding one matrix; `run` is `LayeredBattiston.run` computed in WebAssembly. */
export class WasmBattiston {
  private readonly kernel: KernelExports;

  constructor(W: ImpactMatrix, cols: ImpactColumns, v: ArrayLike<number>) {
    const n = W.n;
    const m = W.target.length;
    const entries = cols.start[n]!;
    this.kernel = new wasm.Instance(kernelModule(), {}).exports as KernelExports;
    const { memory } = this.kernel;
    let end = this.kernel.heapBase();
    const take = (bytes: number): number => {
      const at = Math.ceil(end / 16) * 16;
      end = at + bytes;
      return at;
    };
    const at = {
      wStart: take(4 * (n + 1)),
      wTarget: take(4 * m),
      wWeight: take(8 * m),
      cStart: take(4 * (n + 1)),
      cSource: take(4 * entries),
      cWeight: take(8 * entries),
      value: take(8 * (n + 1)),
      seen: take(n + 1),
      p: take(8 * (n + 1)),
      acc: take(8 * (n + 1)),
      h: take(8 * (n + 1)),
      reached: take(4 * (n + 1)),
      reachedSum: take(8 * (n + 1)),
      pool: take(4 * (n + 1)),
      outDegree: take(4 * (n + 1)),
    };
    const pages = Math.ceil(end / 65536) - memory.buffer.byteLength / 65536;
    if (pages > 0) memory.grow(pages);
    const buffer = memory.buffer;
    new Int32Array(buffer, at.wStart, n + 1).set(W.start);
    new Int32Array(buffer, at.wTarget, m).set(W.target);
    new Float64Array(buffer, at.wWeight, m).set(W.weight);
    new Int32Array(buffer, at.cStart, n + 1).set(cols.start);
    new Int32Array(buffer, at.cSource, entries).set(cols.source);
    new Float64Array(buffer, at.cWeight, entries).set(cols.weight);
    new Float64Array(buffer, at.value, n).set(v);
    this.kernel.init(
      n,
      m,
      at.wStart,
      at.wTarget,
      at.wWeight,
      at.cStart,
      at.cSource,
      at.cWeight,
      at.value,
      at.seen,
      at.p,
      at.acc,
      at.h,
      at.reached,
      at.reachedSum,
      at.pool,
      at.outDegree,
    );
  }

  run(s: number, psi: number): RunSummary {
    const value = this.kernel.run(s, psi);
    return {
      value,
      distressed: this.kernel.lastDistressed.value,
      defaulted: this.kernel.lastDefaulted.value,
    };
  }
}
