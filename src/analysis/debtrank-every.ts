// DebtRank of every node's default on its own, both rules, fast on large networks.
import { DIFFERENTIAL_DEFAULTS, type DifferentialOptions, type ImpactMatrix } from './debtrank';
import { stronglyConnected } from './loops';

/*
 * Battiston's rule is computed layer by layer: a node distressed at layer L (its first distress came from
 * layer L-1) passes on p_i = min(1, sum over layer-(L-1) debtors k of W_ki p_k) once, and its final
 * distress is min(1, shock + sum over every reached debtor k of W_ki p_k). Layers are found top-down
 * (pushing from the frontier) while the frontier is small, bottom-up (each unreached node scanning its
 * debtors, largest impact first, until its sum reaches 1) once it is large; a node with p_i = 1 is at full
 * distress without any scan. The differential rule's limit is the least fixed point of
 * h = min(1, shock + W'h) (its iteration from h(0) = 0 is the Jacobi iteration of that map); it is found by
 * pushing increments, and nodes whose default reaches a reference node through exposures at least equal
 * to equity (W = 1) start from the reference's fixed point, which is below theirs.
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

/** The matrix by column (target), each column's sources sorted by decreasing weight. */
interface Columns {
  start: Int32Array;
  source: Int32Array;
  weight: Float64Array;
}

function columns(W: ImpactMatrix): Columns {
  const { n } = W;
  const m = W.target.length;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) start[W.target[e]! + 1]!++;
  for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
  const fill = Int32Array.from(start);
  const source = new Int32Array(m);
  const weight = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let e = W.start[i]!; e < W.start[i + 1]!; e++) {
      const at = fill[W.target[e]!]!++;
      source[at] = i;
      weight[at] = W.weight[e]!;
    }
  }
  const idx: number[] = [];
  for (let j = 0; j < n; j++) {
    idx.length = 0;
    for (let e = start[j]!; e < start[j + 1]!; e++) idx.push(e);
    idx.sort((a, b) => weight[b]! - weight[a]! || source[a]! - source[b]!);
    const src = idx.map((e) => source[e]!);
    const w = idx.map((e) => weight[e]!);
    source.set(src, start[j]!);
    weight.set(w, start[j]!);
  }
  return { start, source, weight };
}

export interface EveryDefaultOptions extends DifferentialOptions {
  /** Which rules to compute (the other's arrays stay at 0). */
  battiston: boolean;
  differential: boolean;
}

/** Each node's default on its own: h_i(1) = psi, every other node 0. */
export function debtRankOfEveryDefault(
  W: ImpactMatrix,
  v: ArrayLike<number>,
  psi = 1,
  options: Partial<EveryDefaultOptions> = {},
): EveryDefault {
  const opts: EveryDefaultOptions = {
    ...DIFFERENTIAL_DEFAULTS,
    battiston: true,
    differential: true,
    ...options,
  };
  const n = W.n;
  const out: EveryDefault = {
    battiston: new Float64Array(n),
    differential: new Float64Array(n),
    distressedBattiston: new Int32Array(n),
    distressedDifferential: new Int32Array(n),
    defaultedBattiston: new Int32Array(n),
    defaultedDifferential: new Int32Array(n),
    converged: true,
  };
  if (n === 0 || !(psi > 0)) return out;
  const shock = Math.min(1, psi);
  if (opts.battiston) {
    const battiston = new LayeredBattiston(W, columns(W), v);
    for (let s = 0; s < n; s++) {
      const r = battiston.run(s, shock);
      out.battiston[s] = r.value;
      out.distressedBattiston[s] = r.distressed;
      out.defaultedBattiston[s] = r.defaulted;
    }
  }
  if (opts.differential) {
    const diff = new FixedPoint(W, v, opts);
    diff.prepareReference(shock);
    for (let s = 0; s < n; s++) {
      const r = diff.run(s, shock);
      out.differential[s] = r.value;
      out.distressedDifferential[s] = r.distressed;
      out.defaultedDifferential[s] = r.defaulted;
    }
    out.converged = diff.converged;
  }
  return out;
}

interface RunSummary {
  value: number;
  distressed: number;
  defaulted: number;
}

class LayeredBattiston {
  private readonly n: number;
  /** Layer of each node in the current run, -1 when not reached. */
  private readonly layer: Int32Array;
  /** Distress each reached node passes on (0 when not reached). */
  private readonly p: Float64Array;
  /** p of the current frontier's nodes, 0 elsewhere: bottom-up sums need no layer test. */
  private readonly pFrontier: Float64Array;
  private readonly reached: Int32Array;
  private readonly pool: Int32Array;
  private readonly avgInDegree: number;

  constructor(
    private readonly W: ImpactMatrix,
    private readonly cols: Columns,
    private readonly v: ArrayLike<number>,
  ) {
    const n = W.n;
    this.n = n;
    this.layer = new Int32Array(n).fill(-1);
    this.p = new Float64Array(n);
    this.pFrontier = new Float64Array(n);
    this.reached = new Int32Array(n);
    this.pool = new Int32Array(n);
    this.avgInDegree = n > 0 ? W.target.length / n : 0;
  }

  run(s: number, psi: number): RunSummary {
    const { W, cols, layer, p, pFrontier, reached, pool, n } = this;
    const wStart = W.start;
    const wTarget = W.target;
    const wWeight = W.weight;
    const cStart = cols.start;
    const cSource = cols.source;
    const cWeight = cols.weight;
    layer[s] = 0;
    p[s] = psi;
    pFrontier[s] = psi;
    reached[0] = s;
    let nReached = 1;
    let frontierStart = 0;
    let frontierEnd = 1;
    let poolSize = -1; // built on the first bottom-up layer
    let L = 0;
    while (frontierEnd > frontierStart) {
      let topCost = 0;
      for (let k = frontierStart; k < frontierEnd; k++) {
        const i = reached[k]!;
        topCost += wStart[i + 1]! - wStart[i]!;
      }
      const next = nReached;
      if (topCost * 2 > (n - nReached) * this.avgInDegree) {
        // Bottom-up: every unreached node sums what the frontier passes it, largest first, up to 1.
        if (poolSize < 0) {
          poolSize = 0;
          for (let j = 0; j < n; j++) if (layer[j]! < 0) pool[poolSize++] = j;
        }
        let keep = 0;
        for (let q = 0; q < poolSize; q++) {
          const j = pool[q]!;
          if (layer[j]! >= 0) continue;
          let a = 0;
          const end = cStart[j + 1]!;
          for (let e = cStart[j]!; e < end; e++) {
            a += cWeight[e]! * pFrontier[cSource[e]!]!;
            if (a >= 1) break;
          }
          if (a > 0) {
            p[j] = a < 1 ? a : 1;
            reached[nReached++] = j;
          } else pool[keep++] = j;
        }
        poolSize = keep;
      } else {
        for (let k = frontierStart; k < frontierEnd; k++) {
          const i = reached[k]!;
          const pi = p[i]!;
          const end = wStart[i + 1]!;
          for (let e = wStart[i]!; e < end; e++) {
            const j = wTarget[e]!;
            const lj = layer[j]!;
            if (lj < 0) {
              layer[j] = L + 1;
              p[j] = wWeight[e]! * pi;
              reached[nReached++] = j;
            } else if (lj === L + 1 && p[j]! < 1) p[j]! += wWeight[e]! * pi;
          }
        }
      }
      for (let k = frontierStart; k < frontierEnd; k++) pFrontier[reached[k]!] = 0;
      for (let k = next; k < nReached; k++) {
        const j = reached[k]!;
        layer[j] = L + 1;
        if (p[j]! > 1) p[j] = 1;
        pFrontier[j] = p[j]!;
      }
      frontierStart = frontierEnd;
      frontierEnd = nReached;
      L++;
    }
    // Final distress: min(1, shock + what every reached debtor passed on); p = 1 means full distress.
    // Nodes are taken in index order when most are reached, so the columns are read in memory order.
    const v = this.v;
    let value = 0;
    let defaulted = 0;
    const dense = nReached * 4 > n;
    const count = dense ? n : nReached;
    for (let k = 0; k < count; k++) {
      const j = dense ? k : reached[k]!;
      if (layer[j]! < 0) continue;
      let h: number;
      if (j !== s && p[j]! >= 1) h = 1;
      else {
        let a = j === s ? psi : 0;
        const end = cStart[j + 1]!;
        for (let e = cStart[j]!; e < end && a < 1; e++) a += cWeight[e]! * p[cSource[e]!]!;
        h = a < 1 ? a : 1;
      }
      if (h >= 1 && j !== s) defaulted++;
      value += v[j]! * h;
    }
    value -= v[s]! * psi;
    for (let k = 0; k < nReached; k++) {
      const j = reached[k]!;
      layer[j] = -1;
      p[j] = 0;
    }
    return { value: value > 0 ? value : 0, distressed: nReached - 1, defaulted };
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
    for (let k = 0; k < st.nChanged; k++) {
      const j = st.changed[k]!;
      const before = base ? this.refX![j]! : 0;
      const after = st.x[j]!;
      value += this.v[j]! * (after - before);
      if (before <= 0 && after > 0) distressed++;
      if (before < 1 && after >= 1) defaulted++;
    }
    // The defaulted node counts in neither tally, and its own shock is not value lost.
    if (st.x[s]! > 0) distressed--;
    if (st.x[s]! >= 1) defaulted--;
    value -= this.v[s]! * psi;
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
   * first-in first-out order. Returns true (and stops) as soon as `stopAt` reaches full distress.
   */
  private solve(st: PushState, s: number, psi: number, stopAt: number): boolean {
    const { W, pending, queue, queued } = this;
    const { x, inflow } = st;
    const tol = this.opts.tolerance;
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
          if (queued[j] === 0 && pending[j]! > tol) {
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
