// DebtRank of every node's default on its own, both rules, fast on large networks; any slice of the nodes.
import { DIFFERENTIAL_DEFAULTS, type DifferentialOptions, type ImpactMatrix } from './debtrank';
import { type ImpactColumns, impactColumns, type RunSummary } from './debtrank-battiston';
import { WasmBattiston } from './debtrank-wasm';
import { stronglyConnected } from './loops';

/*
 * Battiston's rule runs layer by layer (`debtrank-battiston.ts`, in WebAssembly through `debtrank-wasm.ts`).
 * The differential rule's limit is the least fixed point of h = min(1, shock + W'h) (its iteration from
 * h(0) = 0 is the Jacobi iteration of that map); it is found by pushing increments, and nodes whose default
 * reaches a reference node through exposures at least equal to equity (W = 1) start from the reference's
 * fixed point, which is below theirs. Each node's
 * result depends on that node alone (the work arrays are restored after every run), so any split of the
 * nodes into slices gives the same numbers as one pass over all of them.
 */

export interface EveryDefault {
  /** DebtRank R (value lost beyond the defaulted node's own) of each node's default, by node. */
  battiston: Float64Array;
  differential: Float64Array;
  /** Nodes in distress (h > 0) besides the defaulted one, by node, under each rule. */
  distressedBattiston: Int32Array;
  distressedDifferential: Int32Array;
  /** Nodes at full distress (h = 1) besides the defaulted one, under each rule. */
  defaultedBattiston: Int32Array;
  defaultedDifferential: Int32Array;
  /** False when some differential run hit the iteration limit before converging. */
  converged: boolean;
}

export interface EveryDefaultOptions extends DifferentialOptions {
  /** Which rules to compute (the other's arrays stay at 0). */
  battiston: boolean;
  differential: boolean;
  /**
   * The matrix of the differential rule: the uncapped leverage matrix Lambda of Bardoscia et al. (2015).
   * Without it the differential rule runs on W, Battiston's capped matrix: the capped variant.
   */
  leverage?: ImpactMatrix;
}

/** Each node's default on its own: h_i(1) = psi, every other node 0. */
export function debtRankOfEveryDefault(
  W: ImpactMatrix,
  v: ArrayLike<number>,
  psi = 1,
  options: Partial<EveryDefaultOptions> = {},
): EveryDefault {
  return everyDefaultSlice(W, v, psi, options, 0, W.n);
}

/**
 * The defaults of nodes `from .. to-1` (arrays indexed from 0 = node `from`). `cols` can be passed when
 * already built (it depends on W only).
 */
export function everyDefaultSlice(
  W: ImpactMatrix,
  v: ArrayLike<number>,
  psi: number,
  options: Partial<EveryDefaultOptions>,
  from: number,
  to: number,
  cols?: ImpactColumns,
): EveryDefault {
  return new EveryDefaultRunner(W, v, psi, options, cols).slice(from, to);
}

/** Both rules' solvers on one matrix, built once and run on any number of slices of the nodes. */
export class EveryDefaultRunner {
  private readonly opts: EveryDefaultOptions;
  private readonly shock: number;
  private battistonSolver: WasmBattiston | null = null;
  private differentialSolver: FixedPoint | null = null;

  constructor(
    private readonly W: ImpactMatrix,
    private readonly v: ArrayLike<number>,
    private readonly psi: number,
    options: Partial<EveryDefaultOptions> = {},
    private cols?: ImpactColumns,
  ) {
    this.opts = { ...DIFFERENTIAL_DEFAULTS, battiston: true, differential: true, ...options };
    this.shock = Math.min(1, psi);
  }

  slice(from: number, to: number): EveryDefault {
    const { W, v, opts, shock } = this;
    const size = Math.max(0, to - from);
    const out: EveryDefault = {
      battiston: new Float64Array(size),
      differential: new Float64Array(size),
      distressedBattiston: new Int32Array(size),
      distressedDifferential: new Int32Array(size),
      defaultedBattiston: new Int32Array(size),
      defaultedDifferential: new Int32Array(size),
      converged: true,
    };
    if (size === 0 || !(this.psi > 0)) return out;
    if (opts.battiston) {
      this.cols ??= impactColumns(W);
      this.battistonSolver ??= new WasmBattiston(W, this.cols, v);
      const solver = this.battistonSolver;
      for (let s = from; s < to; s++) {
        const r = solver.run(s, shock);
        out.battiston[s - from] = r.value;
        out.distressedBattiston[s - from] = r.distressed;
        out.defaultedBattiston[s - from] = r.defaulted;
      }
    }
    if (opts.differential) {
      if (this.differentialSolver === null) {
        this.differentialSolver = new FixedPoint(opts.leverage ?? W, v, opts);
        this.differentialSolver.prepareReference(shock);
      }
      const solver = this.differentialSolver;
      const convergedBefore = solver.converged;
      solver.converged = true;
      for (let s = from; s < to; s++) {
        const r = solver.run(s, shock);
        out.differential[s - from] = r.value;
        out.distressedDifferential[s - from] = r.distressed;
        out.defaultedDifferential[s - from] = r.defaulted;
      }
      out.converged = solver.converged;
      solver.converged = convergedBefore && solver.converged;
    }
    return out;
  }
}

/** A state of the push iteration: distress, in-flows W'h, and the nodes changed since the base state. */
interface PushState {
  x: Float64Array;
  inflow: Float64Array;
  changed: Int32Array;
  isChanged: Uint8Array;
  nChanged: number;
}

function pushState(n: number): PushState {
  return {
    x: new Float64Array(n),
    inflow: new Float64Array(n),
    changed: new Int32Array(n),
    isChanged: new Uint8Array(n),
    nChanged: 0,
  };
}

class FixedPoint {
  private readonly n: number;
  private readonly zero: PushState;
  private readonly fromRef: PushState;
  private refX: Float64Array | null = null;
  private refInflow: Float64Array | null = null;
  private refNode = -1;
  /** Nodes whose default reaches the reference node through W = 1 exposures. */
  private reachesRef: Uint8Array | null = null;
  private readonly pending: Float64Array;
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  /** False once a run hit the iteration limit. */
  converged = true;

  constructor(
    private readonly W: ImpactMatrix,
    private readonly v: ArrayLike<number>,
    private readonly opts: DifferentialOptions,
  ) {
    const n = W.n;
    this.n = n;
    this.zero = pushState(n);
    this.fromRef = pushState(n);
    this.pending = new Float64Array(n);
    this.queue = new Int32Array(n);
    this.queued = new Uint8Array(n);
  }

  /**
   * Picks a reference node in the largest strongly connected set of W = 1 exposures, computes its fixed
   * point, and marks every node whose W = 1 exposures lead to it. Only for a full default (psi = 1): a
   * partial shock does not saturate the defaulted node.
   */
  prepareReference(psi: number): void {
    if (psi < 1) return;
    const { W, n } = this;
    const full: number[][] = Array.from({ length: n }, () => []);
    const into: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++) {
      for (let e = W.start[i]!; e < W.start[i + 1]!; e++) {
        if (W.weight[e]! >= 1) {
          full[i]!.push(W.target[e]!);
          into[W.target[e]!]!.push(i);
        }
      }
    }
    const comp = stronglyConnected(full);
    const size = new Int32Array(n);
    for (let i = 0; i < n; i++) size[comp[i]!]!++;
    let best = 0;
    for (let i = 1; i < n; i++) if (size[comp[i]!]! > size[comp[best]!]!) best = i;
    const reaches = new Uint8Array(n);
    const stack = [best];
    reaches[best] = 1;
    let count = 1;
    while (stack.length > 0) {
      const j = stack.pop()!;
      for (const i of into[j]!) {
        if (!reaches[i]) {
          reaches[i] = 1;
          count++;
          stack.push(i);
        }
      }
    }
    if (count < 3) return;
    const st = this.zero;
    this.solve(st, best, 1, -1);
    this.refX = Float64Array.from(st.x);
    this.refInflow = Float64Array.from(st.inflow);
    this.clear(st, null, null);
    this.fromRef.x.set(this.refX);
    this.fromRef.inflow.set(this.refInflow);
    this.refNode = best;
    this.reachesRef = reaches;
  }

  run(s: number, psi: number): RunSummary {
    let st: PushState;
    if (this.reachesRef?.[s]) st = this.fromRef;
    else {
      st = this.zero;
      const hitRef = this.solve(st, s, psi, psi >= 1 ? this.refNode : -1);
      if (hitRef) {
        // The default saturated the reference node: its fixed point lies below this one; start from it.
        this.clear(st, null, null);
        st = this.fromRef;
      }
    }
    if (st === this.fromRef) this.solve(st, s, psi, -1);
    const summary = this.summarise(st, s, psi);
    if (st === this.fromRef) this.clear(st, this.refX, this.refInflow);
    else this.clear(st, null, null);
    return summary;
  }

  /** Value lost and counts, from the base state and the changed nodes. */
  private summarise(st: PushState, s: number, psi: number): RunSummary {
    const base = st === this.fromRef;
    let value = base ? this.refValue() : 0;
    let distressed = base ? this.refDistressed : 0;
    let defaulted = base ? this.refDefaulted : 0;
    // The defaulted node's own shock is not value lost: it is taken off its change, not off the total, so
    // that a small value lost is not the difference of two large sums.
    let shockTaken = false;
    for (let k = 0; k < st.nChanged; k++) {
      const j = st.changed[k]!;
      const before = base ? this.refX![j]! : 0;
      const after = st.x[j]!;
      if (j === s) {
        value += this.v[j]! * (after - before - psi);
        shockTaken = true;
      } else value += this.v[j]! * (after - before);
      if (before <= 0 && after > 0) distressed++;
      if (before < 1 && after >= 1) defaulted++;
    }
    // The defaulted node counts in neither tally.
    if (st.x[s]! > 0) distressed--;
    if (st.x[s]! >= 1) defaulted--;
    if (!shockTaken) value -= this.v[s]! * psi;
    return { value: value > 0 ? value : 0, distressed, defaulted };
  }

  private refValueCache = -1;
  private refDistressed = 0;
  private refDefaulted = 0;
  private refValue(): number {
    if (this.refValueCache < 0) {
      let value = 0;
      const x = this.refX!;
      for (let j = 0; j < this.n; j++) {
        value += this.v[j]! * x[j]!;
        if (x[j]! > 0) this.refDistressed++;
        if (x[j]! >= 1) this.refDefaulted++;
      }
      this.refValueCache = value;
    }
    return this.refValueCache;
  }

  /** Restores the changed nodes of a state to its base (the reference, or zero). */
  private clear(st: PushState, x: Float64Array | null, inflow: Float64Array | null): void {
    for (let k = 0; k < st.nChanged; k++) {
      const j = st.changed[k]!;
      st.x[j] = x ? x[j]! : 0;
      st.inflow[j] = inflow ? inflow[j]! : 0;
      st.isChanged[j] = 0;
      this.pending[j] = 0;
    }
    st.nChanged = 0;
  }

  private touch(st: PushState, j: number): void {
    if (st.isChanged[j] === 0) {
      st.isChanged[j] = 1;
      st.changed[st.nChanged++] = j;
    }
  }

  /**
   * Raises the state to the least fixed point of h = min(1, e_s psi + W'h) above it, pushing increments in
   * first-in first-out order; a node's pending increment is pushed only while it exceeds `tolerance` times
   * the node's distress (the relative stopping rule of `DifferentialOptions`). Returns true (and stops) as
   * soon as `stopAt` reaches full distress.
   */
  private solve(st: PushState, s: number, psi: number, stopAt: number): boolean {
    const { W, pending, queue, queued } = this;
    const { x, inflow } = st;
    const rtol = this.opts.tolerance;
    const n = this.n;
    let head = 0;
    let size = 0;
    const target = Math.min(1, psi + inflow[s]!);
    let stopped = false;
    if (target > x[s]!) {
      this.touch(st, s);
      pending[s] = target - x[s]!;
      x[s] = target;
      queue[0] = s;
      queued[s] = 1;
      size = 1;
    }
    let pops = 0;
    const maxPops = this.opts.maxSteps * n;
    while (size > 0) {
      const i = queue[head]!;
      head = head + 1 === n ? 0 : head + 1;
      size--;
      queued[i] = 0;
      const d = pending[i]!;
      pending[i] = 0;
      if (stopped) continue;
      for (let e = W.start[i]!; e < W.start[i + 1]!; e++) {
        const j = W.target[e]!;
        if (x[j]! >= 1) continue;
        this.touch(st, j);
        const f = inflow[j]! + W.weight[e]! * d;
        inflow[j] = f;
        let nx = (j === s ? psi : 0) + f;
        if (nx > 1) nx = 1;
        if (nx > x[j]!) {
          pending[j]! += nx - x[j]!;
          x[j] = nx;
          if (j === stopAt && nx >= 1) stopped = true;
          if (queued[j] === 0 && pending[j]! > rtol * nx) {
            queued[j] = 1;
            queue[(head + size) % n] = j;
            size++;
          }
        }
      }
      if (++pops > maxPops) {
        stopped = true;
        this.converged = false;
      }
    }
    return stopped && stopAt >= 0 && x[stopAt]! >= 1;
  }
}
