// Battiston's DebtRank of one defaulted node, in WebAssembly (AssemblyScript): the rule of
// src/analysis/debtrank-battiston.ts, the same f64 operations in the same order, on arrays in linear memory
// that the JavaScript side lays out and fills once (src/analysis/debtrank-wasm.ts).

/*
 * Layout: the caller passes the byte offset of every array to `init`. The matrix by row (W: start, target,
 * weight) drives top-down layers; by column (start, source, weight, each column padded to a multiple of
 * four entries with the dummy node n, p = 0) drives bottom-up layers and the final sums. `seen`, `p` and
 * `acc` are zero on entry to `run` and are left zero; the other work arrays are written before they are
 * read. Conditional values use integer `select` (a conditional move) rather than branches, which
 * mispredict on this data; the sums test for saturation once per block of four.
 */

let n: i32 = 0;
let avgInDegree: f64 = 0;
let wStart: usize = 0;
let wTarget: usize = 0;
let wWeight: usize = 0;
let cStart: usize = 0;
let cSource: usize = 0;
let cWeight: usize = 0;
let value: usize = 0;
/** 1 for nodes reached in the current run (bytes). */
let seen: usize = 0;
/** p of reached nodes, 0 elsewhere and at the dummy index n. */
let p: usize = 0;
/** Sum pushed into each node by top-down layers. */
let acc: usize = 0;
/** Final distress (a list pass sets it to p, the column sums overwrite it where p < 1). */
let h: usize = 0;
/** Reached nodes in layer order, and beside each, the sum of a bottom-up layer. */
let reached: usize = 0;
let reachedSum: usize = 0;
/** Unreached nodes in index order (bottom-up), then the nodes whose final distress is summed. */
let pool: usize = 0;
let outDegree: usize = 0;

/** Distressed (h > 0) and defaulted (h = 1) nodes of the last run, the defaulted node excluded. */
export let lastDistressed: i32 = 0;
export let lastDefaulted: i32 = 0;

/** Where the caller may start laying out arrays. */
export function heapBase(): usize {
  return __heap_base;
}

export function init(
  nodes: i32,
  edges: i32,
  wStartAt: usize,
  wTargetAt: usize,
  wWeightAt: usize,
  cStartAt: usize,
  cSourceAt: usize,
  cWeightAt: usize,
  valueAt: usize,
  seenAt: usize,
  pAt: usize,
  accAt: usize,
  hAt: usize,
  reachedAt: usize,
  reachedSumAt: usize,
  poolAt: usize,
  outDegreeAt: usize,
): void {
  n = nodes;
  avgInDegree = nodes > 0 ? <f64>edges / <f64>nodes : 0;
  wStart = wStartAt;
  wTarget = wTargetAt;
  wWeight = wWeightAt;
  cStart = cStartAt;
  cSource = cSourceAt;
  cWeight = cWeightAt;
  value = valueAt;
  seen = seenAt;
  p = pAt;
  acc = accAt;
  h = hAt;
  reached = reachedAt;
  reachedSum = reachedSumAt;
  pool = poolAt;
  outDegree = outDegreeAt;
  for (let i = 0; i < n; i++) setI32(outDegree, i, i32At(wStart, i + 1) - i32At(wStart, i));
}

function i32At(base: usize, k: i32): i32 {
  return load<i32>(base + ((<usize>k) << 2));
}
function setI32(base: usize, k: i32, x: i32): void {
  store<i32>(base + ((<usize>k) << 2), x);
}
function f64At(base: usize, k: i32): f64 {
  return load<f64>(base + ((<usize>k) << 3));
}
function setF64(base: usize, k: i32, x: f64): void {
  store<f64>(base + ((<usize>k) << 3), x);
}
function u8At(base: usize, k: i32): i32 {
  return <i32>load<u8>(base + <usize>k);
}
function setU8(base: usize, k: i32, x: i32): void {
  store<u8>(base + <usize>k, <u8>x);
}
/** c ? a : b without a branch (a select on the bits). */
function pick(a: f64, b: f64, c: bool): f64 {
  return reinterpret<f64>(select<i64>(reinterpret<i64>(a), reinterpret<i64>(b), c));
}
function min1(a: f64): f64 {
  return pick(a, 1, a < 1);
}

/** DebtRank R of node s's default with shock psi (0 < psi <= 1); the counts go to lastDistressed/Defaulted. */
export function run(s: i32, psi: f64): f64 {
  setU8(seen, s, 1);
  setF64(p, s, psi);
  setI32(reached, 0, s);
  let nReached = 1;
  let frontierStart = 0;
  let frontierEnd = 1;
  let poolSize = -1; // built on the first bottom-up layer
  let topCost = i32At(outDegree, s); // the frontier's out-edges, summed as each layer's p is set
  while (frontierEnd > frontierStart) {
    const next = nReached;
    if (<f64>topCost * 2 > <f64>(n - nReached) * avgInDegree) {
      // Bottom-up: every unreached node sums what the frontier passes it; p is set after the pass.
      if (poolSize < 0) {
        poolSize = 0;
        for (let j = 0; j < n; j++) {
          setI32(pool, poolSize, j);
          poolSize += 1 - u8At(seen, j);
        }
      }
      let keep = 0;
      for (let q = 0; q < poolSize; q++) {
        const j = i32At(pool, q);
        let a: f64 = 0;
        const end = i32At(cStart, j + 1);
        for (let e = i32At(cStart, j); e < end; e += 4) {
          a += f64At(cWeight, e) * f64At(p, i32At(cSource, e));
          a += f64At(cWeight, e + 1) * f64At(p, i32At(cSource, e + 1));
          a += f64At(cWeight, e + 2) * f64At(p, i32At(cSource, e + 2));
          a += f64At(cWeight, e + 3) * f64At(p, i32At(cSource, e + 3));
          if (a >= 1) break;
        }
        const hit = <i32>(a > 0);
        setU8(seen, j, hit);
        setI32(reached, nReached, j);
        setF64(reachedSum, nReached, a);
        nReached += hit;
        setI32(pool, keep, j);
        keep += 1 - hit;
      }
      poolSize = keep;
      topCost = 0;
      for (let k = next; k < nReached; k++) {
        const j = i32At(reached, k);
        setF64(p, j, min1(f64At(reachedSum, k)));
        topCost += i32At(outDegree, j);
      }
    } else {
      // Top-down: each frontier node pushes to every creditor; a first visit extends the reached list.
      // The nodes it reaches stay in the pool of unreached nodes, so a later bottom-up layer rebuilds it.
      poolSize = -1;
      for (let k = frontierStart; k < frontierEnd; k++) {
        const i = i32At(reached, k);
        const pi = f64At(p, i);
        const end = i32At(wStart, i + 1);
        for (let e = i32At(wStart, i); e < end; e++) {
          const j = i32At(wTarget, e);
          setF64(acc, j, f64At(acc, j) + f64At(wWeight, e) * pi);
          setI32(reached, nReached, j);
          nReached += 1 - u8At(seen, j);
          setU8(seen, j, 1);
        }
      }
      topCost = 0;
      for (let k = next; k < nReached; k++) {
        const j = i32At(reached, k);
        setF64(p, j, min1(f64At(acc, j)));
        topCost += i32At(outDegree, j);
      }
    }
    frontierStart = frontierEnd;
    frontierEnd = nReached;
  }
  // Final distress: h = p, then for reached nodes with p < 1 the column sum (from psi at the defaulted node).
  const list = pool;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const x = f64At(p, j);
    setF64(h, j, x);
    setI32(list, count, j);
    count += u8At(seen, j) & (<i32>(x < 1));
  }
  for (let q = 0; q < count; q++) {
    const j = i32At(list, q);
    // The column sum of the bottom-up pass again, written out: the compiler inlines only functions called
    // once, and a call per column costs a seventh of the run.
    let a = pick(psi, 0, j == s);
    const end = i32At(cStart, j + 1);
    for (let e = i32At(cStart, j); e < end; e += 4) {
      a += f64At(cWeight, e) * f64At(p, i32At(cSource, e));
      a += f64At(cWeight, e + 1) * f64At(p, i32At(cSource, e + 1));
      a += f64At(cWeight, e + 2) * f64At(p, i32At(cSource, e + 2));
      a += f64At(cWeight, e + 3) * f64At(p, i32At(cSource, e + 3));
      if (a >= 1) break;
    }
    setF64(h, j, min1(a));
  }
  // Value in index order when most nodes are reached (memory order), else in layer order.
  let total: f64 = 0;
  let defaulted = 0;
  const dense = nReached * 4 > n;
  if (dense) {
    for (let j = 0; j < n; j++) {
      const x = f64At(h, j);
      total += f64At(value, j) * x;
      defaulted += <i32>(x >= 1);
    }
  } else {
    for (let k = 0; k < nReached; k++) {
      const j = i32At(reached, k);
      const x = f64At(h, j);
      total += f64At(value, j) * x;
      defaulted += <i32>(x >= 1);
    }
  }
  if (f64At(h, s) >= 1) defaulted--;
  total -= f64At(value, s) * psi;
  if (dense) {
    memory.fill(seen, 0, <usize>n);
    memory.fill(p, 0, (<usize>n) << 3);
    memory.fill(acc, 0, (<usize>n) << 3);
  } else {
    for (let k = 0; k < nReached; k++) {
      const j = i32At(reached, k);
      setU8(seen, j, 0);
      setF64(p, j, 0);
      setF64(acc, j, 0);
    }
  }
  lastDistressed = nReached - 1;
  lastDefaulted = defaulted;
  return total > 0 ? total : 0;
}
