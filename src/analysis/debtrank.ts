// DebtRank on a sparse impact matrix: Battiston et al. (2012) and Bardoscia et al. (2015), differential.

/*
 * Distress h_i in [0, 1] is the share of node i's equity lost. The impact matrix W holds W_ij, the distress
 * that a unit of distress at i passes to j (min(1, exposure of j to i / equity of j)); it is stored by row
 * (source i) in compressed sparse rows, so a step touches only the edges of nodes whose distress moved.
 */

/** W in compressed sparse rows: the targets of source i are `target[start[i] .. start[i+1])`. */
export interface ImpactMatrix {
  n: number;
  start: Int32Array;
  target: Int32Array;
  weight: Float64Array;
}

/**
 * Builds W from triplets (source, target, weight); repeated pairs add up, self-loops and zeros are dropped.
 * Entries are capped at `cap`: 1 for Battiston's impact matrix, `Infinity` for the leverage matrix Lambda
 * of Bardoscia et al. (2015), whose entries are not capped.
 */
export function impactMatrix(
  n: number,
  source: ArrayLike<number>,
  target: ArrayLike<number>,
  weight: ArrayLike<number>,
  cap = 1,
): ImpactMatrix {
  const m = source.length;
  const count = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) if (source[k] !== target[k] && weight[k]! > 0) count[source[k]! + 1]!++;
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const start = Int32Array.from(count);
  const fill = Int32Array.from(count);
  const tgt = new Int32Array(start[n]!);
  const w = new Float64Array(start[n]!);
  for (let k = 0; k < m; k++) {
    const i = source[k]!;
    if (i === target[k] || !(weight[k]! > 0)) continue;
    const at = fill[i]!++;
    tgt[at] = target[k]!;
    w[at] = weight[k]!;
  }
  // Sort each row by target and merge repeated targets (weights add, then capped).
  let out = 0;
  const rowStart = new Int32Array(n + 1);
  const row: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    rowStart[i] = out;
    row.length = 0;
    for (let k = start[i]!; k < start[i + 1]!; k++) row.push([tgt[k]!, w[k]!]);
    row.sort((a, b) => a[0] - b[0]);
    let last = -1;
    for (const [j, x] of row) {
      if (j === last) w[out - 1] = Math.min(cap, w[out - 1]! + x);
      else {
        tgt[out] = j;
        w[out] = Math.min(cap, x);
        last = j;
        out++;
      }
    }
  }
  rowStart[n] = out;
  return { n, start: rowStart, target: tgt.slice(0, out), weight: w.slice(0, out) };
}

/** Builds W from a dense matrix given as rows `dense[i][j]` = W_ij (impact of i on j). */
export function denseImpact(dense: readonly (readonly number[])[]): ImpactMatrix {
  const src: number[] = [];
  const tgt: number[] = [];
  const w: number[] = [];
  dense.forEach((row, i) =>
    row.forEach((x, j) => {
      if (x > 0 && i !== j) {
        src.push(i);
        tgt.push(j);
        w.push(x);
      }
    }),
  );
  return impactMatrix(dense.length, src, tgt, w);
}

export interface DebtRankRun {
  /** Distress at the end, h(T). */
  h: Float64Array;
  /** Steps until nothing moved (the initial shock is step 1). */
  steps: number;
  /** False when the differential rule hit its iteration limit before converging. */
  converged: boolean;
}

/**
 * Options of the differential rule. The stopping rule is relative: an increment of h_j is passed on only
 * while it exceeds `tolerance` x h_j, so every node's distress is converged to that relative precision
 * whatever its size (an absolute cut would stop propagating distress that is small in absolute terms but
 * not relative to the node's, and the sum over a large network would drift).
 */
export interface DifferentialOptions {
  tolerance: number;
  maxSteps: number;
}

export const DIFFERENTIAL_DEFAULTS: DifferentialOptions = { tolerance: 1e-12, maxSteps: 100_000 };

const U = 0;
const D = 1;
const I = 2;

/**
 * A reusable solver on one matrix: work arrays are allocated once and reset sparsely, so running every
 * node's default costs only the edges each run reaches.
 */
export class DebtRankSolver {
  private readonly h: Float64Array;
  private readonly state: Uint8Array;
  private readonly acc: Float64Array;
  private readonly delta: Float64Array;
  private readonly mark: Uint8Array;
  private readonly seen: Int32Array;
  private seenCount = 0;
  private readonly inNext: Uint8Array;
  private frontier: Int32Array;
  private readonly touched: Int32Array;

  constructor(private readonly W: ImpactMatrix) {
    const n = W.n;
    this.h = new Float64Array(n);
    this.state = new Uint8Array(n);
    this.acc = new Float64Array(n);
    this.delta = new Float64Array(n);
    this.mark = new Uint8Array(n);
    this.seen = new Int32Array(n);
    this.inNext = new Uint8Array(n);
    this.frontier = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  private reset(): void {
    for (let k = 0; k < this.seenCount; k++) {
      const i = this.seen[k]!;
      this.h[i] = 0;
      this.state[i] = U;
      this.delta[i] = 0;
      this.mark[i] = 0;
    }
    this.seenCount = 0;
  }

  private see(i: number): void {
    if (this.mark[i] === 0) {
      this.mark[i] = 1;
      this.seen[this.seenCount++] = i;
    }
  }

  /** Sets h(1) and returns the size of the first frontier (the shocked nodes). */
  private load(shock: ArrayLike<number> | ShockList): number {
    this.reset();
    let f = 0;
    const add = (i: number, x: number) => {
      if (!(x > 0)) return;
      this.see(i);
      this.h[i] = Math.min(1, this.h[i]! + x);
      if (this.state[i] === U) this.frontier[f++] = i;
      this.state[i] = D;
      this.delta[i] = this.h[i]!;
    };
    if (isShockList(shock)) for (let k = 0; k < shock.nodes.length; k++) add(shock.nodes[k]!, shock.psi);
    else for (let i = 0; i < shock.length; i++) add(i, shock[i]!);
    return f;
  }

  /** Adds `x` to the pending increment of j, listing j once per step. */
  private push(j: number, x: number, t: number): number {
    this.acc[j]! += x;
    if (this.inNext[j] === 0) {
      this.inNext[j] = 1;
      this.touched[t++] = j;
    }
    return t;
  }

  /**
   * Battiston et al. (2012): at step 1 the shocked nodes are distressed (D); at each step every D node passes
   * W_ij h_i(t-1) to each j once, then becomes inactive (I): h_j(t) = min(1, h_j(t-1) + sum over D nodes i
   * of W_ij h_i(t-1)); an undistressed node whose h became positive is D at the next step. Inactive nodes
   * still take losses. Ends when no node is D. Returns the number of steps.
   */
  runBattiston(shock: ArrayLike<number> | ShockList): number {
    const { start, target, weight } = this.W;
    const { h, state, acc, frontier, touched, inNext } = this;
    let f = this.load(shock);
    let steps = 1;
    while (f > 0) {
      steps++;
      let t = 0;
      for (let k = 0; k < f; k++) {
        const i = frontier[k]!;
        const hi = h[i]!;
        for (let e = start[i]!; e < start[i + 1]!; e++) {
          const j = target[e]!;
          if (h[j]! < 1) t = this.push(j, weight[e]! * hi, t);
        }
      }
      for (let k = 0; k < f; k++) state[frontier[k]!] = I;
      let nf = 0;
      for (let k = 0; k < t; k++) {
        const j = touched[k]!;
        inNext[j] = 0;
        this.see(j);
        h[j] = Math.min(1, h[j]! + acc[j]!);
        acc[j] = 0;
        if (state[j] === U && h[j]! > 0) {
          state[j] = D;
          frontier[nf++] = j;
        }
      }
      f = nf;
    }
    return steps;
  }

  /**
   * Bardoscia, Battiston, Caccioli, Caldarelli (2015), PLoS ONE 10(6): e0130406, differential DebtRank:
   * h_j(t+1) = min(1, h_j(t) + sum_i Lambda_ij (h_i(t) - h_i(t-1))) with h(0) = 0: every node passes on
   * each increment of its distress. Distress is capped at 1 (equity cannot be lost twice); the leverage
   * matrix Lambda_ij = exposure of j to i / equity of j is not (pass `impactMatrix(..., Infinity)`; on
   * Battiston's capped W this is the capped variant). Increments at or below `tolerance` x h_j are booked
   * but not passed on; the run stops when none is left.
   */
  runDifferential(
    shock: ArrayLike<number> | ShockList,
    options: Partial<DifferentialOptions> = {},
  ): { steps: number; converged: boolean } {
    const opts = { ...DIFFERENTIAL_DEFAULTS, ...options };
    const { start, target, weight } = this.W;
    const { h, acc, delta, frontier, touched, inNext } = this;
    let f = this.load(shock);
    let steps = 1;
    let converged = true;
    while (f > 0) {
      if (steps >= opts.maxSteps) {
        converged = false;
        break;
      }
      steps++;
      let t = 0;
      for (let k = 0; k < f; k++) {
        const i = frontier[k]!;
        const di = delta[i]!;
        delta[i] = 0;
        for (let e = start[i]!; e < start[i + 1]!; e++) {
          const j = target[e]!;
          if (h[j]! < 1) t = this.push(j, weight[e]! * di, t);
        }
      }
      let nf = 0;
      for (let k = 0; k < t; k++) {
        const j = touched[k]!;
        inNext[j] = 0;
        this.see(j);
        const up = Math.min(1 - h[j]!, acc[j]!);
        acc[j] = 0;
        h[j]! += up;
        if (up > opts.tolerance * h[j]!) {
          delta[j] = up;
          frontier[nf++] = j;
        }
      }
      f = nf;
    }
    for (let k = 0; k < f; k++) delta[frontier[k]!] = 0;
    return { steps, converged };
  }

  /** A copy of the distress vector of the last run. */
  distress(): Float64Array {
    return Float64Array.from(this.h);
  }

  battiston(shock: ArrayLike<number> | ShockList): DebtRankRun {
    const steps = this.runBattiston(shock);
    return { h: this.distress(), steps, converged: true };
  }

  differential(
    shock: ArrayLike<number> | ShockList,
    options: Partial<DifferentialOptions> = {},
  ): DebtRankRun {
    const r = this.runDifferential(shock, options);
    return { h: this.distress(), ...r };
  }

  /**
   * DebtRank of the last run, R = sum_j v_j h_j(T) - sum_j v_j h_j(1), for a shock of `psi` on a set of
   * nodes; reads only the nodes the run reached.
   */
  valueLost(v: ArrayLike<number>, shock: ShockList): number {
    let r = 0;
    for (let k = 0; k < this.seenCount; k++) {
      const i = this.seen[k]!;
      r += v[i]! * this.h[i]!;
    }
    for (let k = 0; k < shock.nodes.length; k++) r -= v[shock.nodes[k]!]! * Math.min(1, shock.psi);
    return Math.max(0, r);
  }
}

/** A shock of the same size `psi` on a set of nodes (the usual DebtRank experiment). */
export interface ShockList {
  nodes: ArrayLike<number>;
  psi: number;
}

function isShockList(x: ArrayLike<number> | ShockList): x is ShockList {
  return (x as ShockList).nodes !== undefined;
}

/** R = sum v h(T) - sum v h(1). */
export function debtRankValue(v: ArrayLike<number>, h1: ArrayLike<number>, hT: ArrayLike<number>): number {
  let r = 0;
  for (let i = 0; i < hT.length; i++) r += v[i]! * (hT[i]! - Math.min(1, Math.max(0, h1[i]!)));
  return r;
}

/** Battiston et al. (2012) on one shock vector h(1). */
export function debtRankBattiston(W: ImpactMatrix, h1: ArrayLike<number>): DebtRankRun {
  return new DebtRankSolver(W).battiston(h1);
}

/** Bardoscia et al. (2015) on one shock vector h(1). */
export function debtRankDifferential(
  W: ImpactMatrix,
  h1: ArrayLike<number>,
  options: Partial<DifferentialOptions> = {},
): DebtRankRun {
  return new DebtRankSolver(W).differential(h1, options);
}
