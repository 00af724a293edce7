// Battiston's kernel in WebAssembly gives the JavaScript reference kernel's results bit for bit (values and
// counts) on networks where defaults spread through many layers, stay local, or hit isolated nodes; and a
// missing compiled module is reported with what to run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DebtRankSolver, impactMatrix, type ImpactMatrix } from '../../src/analysis/debtrank';
import { impactColumns, LayeredBattiston } from '../../src/analysis/debtrank-battiston';
import { findKernel, WasmBattiston } from '../../src/analysis/debtrank-wasm';
import { seededImpactEdges } from '../helpers/debtrank-examples';

/** A seeded random network: `claims` exposures per node on average, weights in (0, 1], a share of them 1. */
function network(n: number, claims: number, fullShare: number, seed: number) {
  const e = seededImpactEdges(n, { claims, fullShare, minWeight: 0.001, weightSpan: 0.6 }, seed);
  return { W: impactMatrix(n, e.src, e.tgt, e.w), v: e.v };
}

/** Runs every node's default through both kernels and compares every field with Object.is. */
function expectSameAsReference(W: ImpactMatrix, v: ArrayLike<number>, psi: number): number {
  const cols = impactColumns(W);
  const reference = new LayeredBattiston(W, cols, v);
  const kernel = new WasmBattiston(W, cols, v);
  let spread = 0;
  for (let s = 0; s < W.n; s++) {
    const want = reference.run(s, psi);
    const got = kernel.run(s, psi);
    if (
      !Object.is(got.value, want.value) ||
      got.distressed !== want.distressed ||
      got.defaulted !== want.defaulted
    ) {
      throw new Error(`node ${s}, psi ${psi}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
    spread = Math.max(spread, want.distressed);
  }
  return spread;
}

describe('Battiston kernel in WebAssembly', () => {
  it('equals the reference bit for bit where defaults reach most nodes (bottom-up layers)', () => {
    const { W, v } = network(3000, 8, 0.3, 7);
    const spread = expectSameAsReference(W, v, 1);
    // The comparison covers runs that reach most of the network, where layers go bottom-up.
    expect(spread).toBeGreaterThan(2000);
  });

  it('equals the reference bit for bit where defaults stay local (top-down layers only)', () => {
    const { W, v } = network(2000, 0.7, 0.05, 3);
    const spread = expectSameAsReference(W, v, 1);
    expect(spread).toBeGreaterThan(0);
    expect(spread * 4).toBeLessThan(2000);
  });

  it('equals the reference bit for bit on any small network and shock (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(0.5, 2, 6),
        fc.constantFrom(0, 0.3, 0.9),
        fc.nat(),
        fc.constantFrom(1, 0.6, 0.05),
        (n, claims, fullShare, seed, psi) => {
          const { W, v } = network(n, claims, fullShare, seed);
          expectSameAsReference(W, v, psi);
          // And both agree with the step-by-step rule.
          const kernel = new WasmBattiston(W, impactColumns(W), v);
          const solver = new DebtRankSolver(W);
          for (let s = 0; s < n; s++) {
            const shock = { nodes: [s], psi };
            const h = solver.battiston(shock).h;
            const got = kernel.run(s, psi);
            expect(got.value).toBeCloseTo(solver.valueLost(v, shock), 12);
            expect(got.distressed).toBe(h.filter((x) => x > 0).length - 1);
            expect(got.defaulted).toBe(h.filter((x, j) => j !== s && x >= 1).length);
          }
        },
      ),
    );
  });

  it('keeps instances apart: two matrices in one process give their own results', () => {
    const a = network(200, 4, 0.3, 1);
    const b = network(300, 3, 0.1, 2);
    const ka = new WasmBattiston(a.W, impactColumns(a.W), a.v);
    const kb = new WasmBattiston(b.W, impactColumns(b.W), b.v);
    const ra = new LayeredBattiston(a.W, impactColumns(a.W), a.v);
    const rb = new LayeredBattiston(b.W, impactColumns(b.W), b.v);
    for (let s = 0; s < 200; s++) {
      expect(kb.run(s, 1)).toEqual(rb.run(s, 1));
      expect(ka.run(s, 1)).toEqual(ra.run(s, 1));
    }
  });

  it('says what to run when the compiled module is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contagion-kernel-'));
    try {
      expect(() => findKernel(dir)).toThrow(
        /dist\/wasm\/debtrank-battiston\.wasm was not found .*npm run build/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
