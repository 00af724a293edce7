// DebtRank: the worked examples of Battiston et al. (2012) and Bardoscia et al. (2015), exactly, the fast
// computation of every node's default against the step-by-step rules, and the rules' properties.
import fc from 'fast-check';
import {
  DebtRankSolver,
  debtRankBattiston,
  debtRankDifferential,
  debtRankValue,
  denseImpact,
  impactMatrix,
  type ImpactMatrix,
} from '../../src/analysis/debtrank';
import { impactColumns } from '../../src/analysis/debtrank-battiston';
import { debtRankOfEveryDefault, everyDefaultSlice } from '../../src/analysis/debtrank-every';
import {
  FIG5_EQUITY,
  FIG5_INVESTMENTS,
  jacobiDebtRank,
  seededImpactEdges,
} from '../helpers/debtrank-examples';

/**
 * Battiston et al. (2012) SI Fig. 5: W_ij (impact of i on j) = min(1, A_ji / E_j) where A_ji is j's
 * investment in i. Nodes are numbered 1..8 there, 0..7 here.
 */
const FIG5 = FIG5_INVESTMENTS;

function fig5(weight?: number): { W: number[][]; v: number[] } {
  const W = FIG5_EQUITY.map(() => FIG5_EQUITY.map(() => 0));
  const invested = FIG5_EQUITY.map(() => 0);
  for (const [investor, investee, amount] of FIG5) {
    W[investee - 1]![investor - 1] = weight ?? Math.min(1, amount / FIG5_EQUITY[investor - 1]!);
    invested[investor - 1]! += amount;
  }
  return { W, v: invested.map((x) => x / 34) };
}

const close = (actual: ArrayLike<number>, expected: number[], digits = 14) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual[i]).toBeCloseTo(x, digits));
};

describe('Battiston et al. (2012), SI Fig. 5', () => {
  it('gives h = (1, 32/45, 3/28, 3/8, 13/90, 1/12, 1/135, 7/600) and R = 16637/80325 for a default of node 1', () => {
    const { W, v } = fig5();
    expect(v).toEqual([0, 3 / 17, 3 / 17, 3 / 34, 5 / 34, 1 / 17, 5 / 34, 7 / 34]);
    const h1 = [1, 0, 0, 0, 0, 0, 0, 0];
    const run = debtRankBattiston(denseImpact(W), h1);
    close(run.h, [1, 32 / 45, 3 / 28, 3 / 8, 13 / 90, 1 / 12, 1 / 135, 7 / 600]);
    expect(debtRankValue(v, h1, run.h)).toBeCloseTo(16637 / 80325, 15);
    expect(16637 / 80325).toBeCloseTo(0.207, 3);
  });

  it('gives R = 97/272 with every impact equal to 0.5', () => {
    const { W, v } = fig5(0.5);
    const h1 = [1, 0, 0, 0, 0, 0, 0, 0];
    const run = debtRankBattiston(denseImpact(W), h1);
    expect(debtRankValue(v, h1, run.h)).toBeCloseTo(97 / 272, 15);
  });

  it('gives the same R from the fast computation of every default', () => {
    const { W, v } = fig5();
    const every = debtRankOfEveryDefault(denseImpact(W), v);
    expect(every.battiston[0]).toBeCloseTo(16637 / 80325, 15);
    // Node 8 invests but nobody invests in it: its default harms nobody.
    expect(every.battiston[7]).toBe(0);
    expect(every.distressedBattiston[0]).toBe(7);
  });
});

describe('Bardoscia et al. (2015): the 3-cycle of marcobardoscia/neva data/shock_cycle.json @27b1600', () => {
  // A holds 0.5 of B's liabilities, B of C's, C of A's; every equity is 1, so Lambda_AB = Lambda_BC =
  // Lambda_CA = 0.5. W_ij is the impact of i on j: B on A, C on B, A on C.
  const W = denseImpact([
    [0, 0, 0.5],
    [0.5, 0, 0],
    [0, 0.5, 0],
  ]);
  const h1 = [0.5, 0, 0];

  it('converges to (4/7, 1/7, 2/7) under the differential rule', () => {
    const run = debtRankDifferential(W, h1);
    expect(run.converged).toBe(true);
    close(run.h, [4 / 7, 1 / 7, 2 / 7], 12);
  });

  it('stops at (0.5625, 0.125, 0.25) under Battiston’s single propagation', () => {
    const run = debtRankBattiston(W, h1);
    close(run.h, [0.5625, 0.125, 0.25], 15);
    expect(run.steps).toBe(4);
  });
});

describe('Bardoscia et al. (2015): the leverage matrix Lambda is not capped, distress is', () => {
  // 0 -> 2 with Lambda = 0.25, 2 -> 1 with Lambda = 2 (node 1's exposure to node 2 is twice its equity).
  const L = impactMatrix(3, [0, 2], [2, 1], [0.25, 2], Infinity);
  const W = impactMatrix(3, [0, 2], [2, 1], [0.25, 2]);
  const v = [0.5, 0.25, 0.25];

  it('passes 0.25 x 2 = 0.5 on to node 1 after a default of node 0 (0.25 on the capped matrix)', () => {
    expect(Array.from(L.weight)).toEqual([0.25, 2]);
    expect(Array.from(W.weight)).toEqual([0.25, 1]);
    close(debtRankDifferential(L, [1, 0, 0]).h, [1, 0.5, 0.25], 15);
    close(debtRankDifferential(W, [1, 0, 0]).h, [1, 0.25, 0.25], 15);
    // R = 0.25 x 0.5 + 0.25 x 0.25 on Lambda; the capped variant gives 0.25 x 0.25 + 0.25 x 0.25.
    const every = debtRankOfEveryDefault(W, v, 1, { leverage: L });
    expect(every.differential[0]).toBeCloseTo(0.1875, 15);
    expect(debtRankOfEveryDefault(W, v, 1).differential[0]).toBeCloseTo(0.125, 15);
    // Battiston's rule stays on W.
    expect(every.battiston[0]).toBeCloseTo(0.125, 15);
  });

  it('caps distress at 1: a node with Lambda = 2 on a distress of 0.75 loses its equity once', () => {
    const run = debtRankDifferential(L, [0, 0, 0.75]);
    close(run.h, [0, 1, 0.75], 15);
  });
});

describe('the differential rule stops relative to each node’s distress', () => {
  it('passes on a distress of 1e-14 (an absolute cut at 1e-13 dropped it)', () => {
    // 0 -> 1 with Lambda = 1e-14, 1 -> 2 with Lambda = 1: h = (1, 1e-14, 1e-14).
    const L = impactMatrix(3, [0, 1], [1, 2], [1e-14, 1], Infinity);
    const v = [1 / 3, 1 / 3, 1 / 3];
    expect(debtRankDifferential(L, [1, 0, 0]).h[2]).toBe(1e-14);
    const every = debtRankOfEveryDefault(L, v);
    expect(every.differential[0]! / ((2 / 3) * 1e-14)).toBeCloseTo(1, 12);
    expect(every.distressedDifferential[0]).toBe(2);
  });

  it('gives the sum over every default of a small shock to 1e-9 relative of the converged Jacobi iteration', () => {
    // 120 nodes, 10 exposures each with Lambda in [0.08, 0.1): a spectral radius near 0.9, so distress of a
    // 1e-6 shock decays slowly through increments far below any absolute cut.
    const n = 120;
    const e = seededImpactEdges(n, { claims: 10, fullShare: 0, minWeight: 0.08, weightSpan: 0.02 }, 11);
    const L = impactMatrix(n, e.src, e.tgt, e.w, Infinity);
    const psi = 1e-6;
    const every = debtRankOfEveryDefault(L, e.v, psi, { battiston: false });
    let sum = 0;
    let reference = 0;
    for (let s = 0; s < n; s++) {
      sum += every.differential[s]!;
      reference += jacobiDebtRank(L, e.v, s, psi);
    }
    expect(reference).toBeGreaterThan(0);
    expect(Math.abs(sum - reference) / reference).toBeLessThan(1e-9);
  });
});

describe('impactMatrix', () => {
  it('merges repeated pairs (capped at 1), drops self-loops and zeros, sorts each row', () => {
    const W = impactMatrix(3, [0, 0, 0, 1, 2, 2], [2, 1, 2, 1, 0, 1], [0.5, 0.25, 0.75, 0.9, 0, 0.1]);
    expect(Array.from(W.start)).toEqual([0, 2, 2, 3]);
    expect(Array.from(W.target)).toEqual([1, 2, 1]);
    expect(Array.from(W.weight)).toEqual([0.25, 1, 0.1]);
  });
});

/** Random sparse impact matrices; weights drawn from a few values so that saturation and W = 1 occur. */
const matrices = fc
  .record({
    n: fc.integer({ min: 1, max: 9 }),
    edges: fc.array(fc.tuple(fc.nat(8), fc.nat(8), fc.constantFrom(0.05, 0.2, 0.3, 0.5, 0.7, 0.9, 1, 1, 1)), {
      maxLength: 40,
    }),
  })
  .map(({ n, edges }) => {
    const e = edges.filter(([i, j]) => i < n && j < n);
    return impactMatrix(
      n,
      e.map((x) => x[0]),
      e.map((x) => x[1]),
      e.map((x) => x[2]),
    );
  });
const weights = (n: number, seed: number[]) => {
  const raw = Array.from({ length: n }, (_, i) => 1 + (seed[i % seed.length] ?? 0));
  const total = raw.reduce((s, x) => s + x, 0);
  return raw.map((x) => x / total);
};

/** Every node's default at once gives, node by node, what the step-by-step rules give (values and counts). */
function expectEveryDefaultAsSolver(W: ImpactMatrix, v: number[], psi: number): void {
  const every = debtRankOfEveryDefault(W, v, psi);
  const solver = new DebtRankSolver(W);
  for (let i = 0; i < W.n; i++) {
    const shock = { nodes: [i], psi };
    const b = solver.battiston(shock);
    expect(every.battiston[i]).toBeCloseTo(solver.valueLost(v, shock), 12);
    expect(every.distressedBattiston[i]).toBe(b.h.filter((x) => x > 0).length - 1);
    expect(every.defaultedBattiston[i]).toBe(b.h.filter((x, j) => j !== i && x >= 1).length);
    const d = solver.differential(shock);
    expect(every.differential[i]).toBeCloseTo(solver.valueLost(v, shock), 9);
    expect(every.distressedDifferential[i]).toBe(d.h.filter((x, j) => j !== i && x > 0).length);
    expect(every.defaultedDifferential[i]).toBe(d.h.filter((x, j) => j !== i && x >= 1 - 1e-12).length);
  }
}

describe('every default at once', () => {
  it('equals the step-by-step rules, node by node (property)', () => {
    fc.assert(
      fc.property(
        matrices,
        fc.array(fc.nat(50), { minLength: 1, maxLength: 9 }),
        fc.constantFrom(1, 1, 0.6),
        (W, seed, psi) => {
          expectEveryDefaultAsSolver(W, weights(W.n, seed), psi);
        },
      ),
    );
  });
});

describe('properties of DebtRank', () => {
  it('lies in [0, 1] under both rules', () => {
    fc.assert(
      fc.property(matrices, fc.array(fc.nat(50), { minLength: 1, maxLength: 9 }), (W, seed) => {
        const every = debtRankOfEveryDefault(W, weights(W.n, seed));
        for (const r of [...every.battiston, ...every.differential]) {
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('is zero when there are no exposures', () => {
    const W = impactMatrix(4, [], [], []);
    const every = debtRankOfEveryDefault(W, [0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(every.battiston)).toEqual([0, 0, 0, 0]);
    expect(Array.from(every.differential)).toEqual([0, 0, 0, 0]);
  });

  it('is monotone in the shock: differential for a larger shock vector, Battiston for a larger psi', () => {
    fc.assert(
      fc.property(
        matrices,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
        (W, a, extra) => {
          const small = a.slice(0, W.n);
          const large = small.map((x, i) => Math.min(1, x + extra[i]!));
          const dSmall = debtRankDifferential(W, small).h;
          const dLarge = debtRankDifferential(W, large).h;
          dSmall.forEach((x, i) => expect(dLarge[i]!).toBeGreaterThanOrEqual(x - 1e-9));
          // Battiston's timing depends on which nodes are hit first, so it is monotone for the same set.
          const scale = small.map((x) => x * 0.5);
          const bSmall = debtRankBattiston(W, scale).h;
          const bLarge = debtRankBattiston(W, small).h;
          bSmall.forEach((x, i) => expect(bLarge[i]!).toBeGreaterThanOrEqual(x - 1e-12));
        },
      ),
    );
  });
});

describe('every default: starting from the reference fixed point', () => {
  it('gives the step-by-step result for a default that saturates the reference node through partial links', () => {
    // 0 -> 1 -> 2 -> 0 with W = 1 is the reference set; 3 reaches 4 with W = 1, and 0 only through two
    // links of 0.6 (3 -> 0 and 4 -> 0), which together saturate it.
    const W = impactMatrix(6, [0, 1, 2, 3, 3, 4, 2], [1, 2, 0, 0, 4, 0, 5], [1, 1, 1, 0.6, 1, 0.6, 0.4]);
    const v = [0.1, 0.2, 0.3, 0.1, 0.2, 0.1];
    const every = debtRankOfEveryDefault(W, v);
    const solver = new DebtRankSolver(W);
    for (let i = 0; i < 6; i++) {
      solver.differential({ nodes: [i], psi: 1 });
      expect(every.differential[i]).toBeCloseTo(solver.valueLost(v, { nodes: [i], psi: 1 }), 12);
      solver.battiston({ nodes: [i], psi: 1 });
      expect(every.battiston[i]).toBeCloseTo(solver.valueLost(v, { nodes: [i], psi: 1 }), 12);
    }
    // 3's default saturates 0, 1, 2 and 4; node 5 takes 0.4 from 2: 0.1 + 0.2 + 0.3 + 0.2 + 0.1 x 0.4.
    expect(every.differential[3]).toBeCloseTo(0.84, 12);
    expect(every.converged).toBe(true);
  });
});

describe('impactColumns', () => {
  it('lists each column by decreasing weight, ties by debtor index, padded to 4 with the dummy node', () => {
    // Column 3 receives 0 (0.5), 1 (0.9), 2 (0.5), 4 (1); column 0 receives 4 (0.2).
    const W = impactMatrix(5, [0, 1, 2, 4, 4], [3, 3, 3, 3, 0], [0.5, 0.9, 0.5, 1, 0.2]);
    const c = impactColumns(W);
    expect(Array.from(c.start)).toEqual([0, 4, 4, 4, 8, 8]);
    expect(Array.from(c.source)).toEqual([4, 5, 5, 5, 4, 1, 0, 2]);
    expect(Array.from(c.weight)).toEqual([0.2, 0, 0, 0, 1, 0.9, 0.5, 0.5]);
  });
});

/**
 * Larger random networks with weights spread over (0, 1]: frontiers grow past the unreached nodes' in-edges,
 * so the layered computation goes bottom-up as well as top-down.
 */
const networks = fc
  .record({
    n: fc.integer({ min: 2, max: 40 }),
    degree: fc.integer({ min: 1, max: 8 }),
    seed: fc.array(fc.double({ min: 0.01, max: 1.3, noNaN: true }), { minLength: 1, maxLength: 400 }),
    pick: fc.array(fc.nat(), { minLength: 1, maxLength: 400 }),
  })
  .map(({ n, degree, seed, pick }) => {
    const m = n * degree;
    const src = Array.from({ length: m }, (_, k) => pick[k % pick.length]! % n);
    const tgt = Array.from({ length: m }, (_, k) => (pick[(k * 7 + 3) % pick.length]! + k) % n);
    const w = Array.from({ length: m }, (_, k) => Math.min(1, seed[k % seed.length]!));
    return impactMatrix(n, src, tgt, w);
  });

describe('every default on larger networks', () => {
  it('equals the step-by-step rules for both rules, node by node (property)', () => {
    fc.assert(
      fc.property(networks, fc.constantFrom(1, 0.4), (W, psi) => {
        expectEveryDefaultAsSolver(W, weights(W.n, [3, 1, 4, 1, 5, 9, 2, 6]), psi);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same numbers, bit for bit, computed in any slices (property)', () => {
    fc.assert(
      fc.property(networks, fc.array(fc.nat(), { maxLength: 4 }), (W, cuts) => {
        const v = weights(W.n, [2, 7, 1, 8]);
        const whole = debtRankOfEveryDefault(W, v);
        const bounds = [0, ...cuts.map((c) => c % (W.n + 1)).sort((a, b) => a - b), W.n];
        for (let k = 0; k + 1 < bounds.length; k++) {
          const [from, to] = [bounds[k]!, bounds[k + 1]!];
          const part = everyDefaultSlice(W, v, 1, {}, from, to);
          expect(Array.from(part.battiston)).toEqual(Array.from(whole.battiston.subarray(from, to)));
          expect(Array.from(part.differential)).toEqual(Array.from(whole.differential.subarray(from, to)));
          expect(Array.from(part.defaultedBattiston)).toEqual(
            Array.from(whole.defaultedBattiston.subarray(from, to)),
          );
          expect(Array.from(part.distressedDifferential)).toEqual(
            Array.from(whole.distressedDifferential.subarray(from, to)),
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});
