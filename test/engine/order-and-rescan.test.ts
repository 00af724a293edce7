// The engine's faster structures give what their plain forms give: the clearing solver rescanning only the
// holders of nodes whose recovery moved (docs/architecture.md, Performance), and the peg order's heap.
import fc from 'fast-check';
import {
  MODE_CLEARING,
  groupClaims,
  holdersOf,
  solveClearing,
  type ClearingProblem,
} from '../../src/engine/clearing-solver';
import { PEG_NONE, PEG_USD, pegOrder, type AssetArrays, type LinkArrays } from '../../src/engine/state';

/** A problem from per-node external resources, liabilities and (holder, debtor, amount) claims. */
function problem(
  external: number[],
  liabilities: number[],
  claims: [number, number, number][],
  withHolders: boolean,
  units?: number,
): ClearingProblem {
  const n = external.length;
  const grouped = groupClaims(
    n,
    claims.map((c) => c[0]),
    claims.map((c) => c[1]),
    claims.map((c) => c[2]),
  );
  return {
    n,
    external: Float64Array.from(external),
    liabilities: Float64Array.from(liabilities),
    ...grouped,
    mode: new Uint8Array(n).fill(MODE_CLEARING),
    lossGivenDefault: new Float64Array(n),
    costExternal: new Float64Array(n),
    costClaims: new Float64Array(n),
    solvencyUnitsPerUsd: units,
    holders: withHolders ? holdersOf(grouped.claimStart, grouped.claimDebtor) : undefined,
  };
}

describe('clearing rescans only the holders of nodes whose recovery moved', () => {
  // Node 0 has 55 and owes 100 to node 1 and 10 to node 3: recovery 55/110 = 0.5 (round 1). Node 1 has 10 and the
  // claim of 100 on node 0, owes 40 to node 2 and 40 outside: 10 + 50 = 60 < 80, recovery 0.75 (round 2). Node 2
  // has 5 and the claim of 40 on node 1, owes 40: 5 + 30 = 35 < 40, recovery 0.875 (round 3). Node 3 has 100
  // and owes 50: it pays.
  const spec = (withHolders: boolean) =>
    problem(
      [55, 10, 5, 100],
      [110, 80, 40, 50],
      [
        [1, 0, 100],
        [3, 0, 10],
        [2, 1, 40],
      ],
      withHolders,
    );

  it('a three-round cascade, worked by hand', () => {
    const s = solveClearing(spec(true));
    expect(Array.from(s.recovery)).toEqual([0.5, 0.75, 0.875, 1]);
    expect(Array.from(s.defaulted)).toEqual([1, 1, 1, 0]);
    expect(s.rounds).toBe(3);
  });

  it('gives the full scan’s recoveries, defaults, rounds and iterations bit for bit', () => {
    const node = fc.record({
      external: fc.integer({ min: 0, max: 200 }),
      liabilities: fc.integer({ min: 0, max: 300 }),
    });
    fc.assert(
      fc.property(
        fc.array(node, { minLength: 1, maxLength: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 150 })), { maxLength: 80 }),
        fc.boolean(),
        (nodes, raw, cents) => {
          const n = nodes.length;
          const claims = raw.map(([h, d, a]) => [h % n, d % n, a] as [number, number, number]);
          // Each node owes at least what is claimed on it.
          const owed = nodes.map((x) => x.liabilities);
          for (const [, d, a] of claims) owed[d]! += a;
          const args = [nodes.map((x) => x.external / 3), owed, claims] as const;
          const plain = solveClearing(problem(...args, false, cents ? 100 : undefined));
          const fast = solveClearing(problem(...args, true, cents ? 100 : undefined));
          expect(Array.from(fast.recovery)).toEqual(Array.from(plain.recovery));
          expect(Array.from(fast.defaulted)).toEqual(Array.from(plain.defaulted));
          expect(fast.rounds).toBe(plain.rounds);
          expect(fast.iterations).toBe(plain.iterations);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});

/** The peg order as first written: the ready list sorted and shifted once per asset. */
function pegOrderByScan(pegTarget: Int32Array, from: Int32Array, to: Int32Array): number[] {
  const n = pegTarget.length;
  const after: number[][] = Array.from({ length: n }, () => []);
  const indegree = new Int32Array(n);
  const edge = (a: number, b: number) => {
    after[a]!.push(b);
    indegree[b]!++;
  };
  for (let a = 0; a < n; a++) if (pegTarget[a]! >= 0) edge(pegTarget[a]!, a);
  for (let k = 0; k < from.length; k++) edge(from[k]!, to[k]!);
  const order: number[] = [];
  const done = new Uint8Array(n);
  const ready = [...Array(n).keys()].filter((a) => indegree[a] === 0);
  while (order.length < n) {
    if (ready.length === 0) ready.push([...Array(n).keys()].find((a) => !done[a])!);
    ready.sort((x, y) => x - y);
    const a = ready.shift()!;
    if (done[a]) continue;
    done[a] = 1;
    order.push(a);
    for (const b of after[a]!) if (--indegree[b]! === 0 && !done[b]) ready.push(b);
  }
  return order.filter((a) => pegTarget[a] !== PEG_NONE);
}

describe('the peg order', () => {
  it('places an asset after its target and its link sources, cycles in index order', () => {
    // 0 -> USD; 1 pegged to 2, 2 to 0; 3 and 4 pegged to each other (a cycle); 5 unpegged, linked into 1.
    const pegTarget = Int32Array.from([PEG_USD, 2, 0, 4, 3, PEG_NONE]);
    const assets = { n: 6, pegTarget } as unknown as AssetArrays;
    const links = { n: 1, from: Int32Array.from([5]), to: Int32Array.from([1]) } as unknown as LinkArrays;
    expect(Array.from(pegOrder(assets, links))).toEqual([0, 2, 1, 3, 4]);
  });

  it('is the order of the sorted ready list on random graphs with cycles', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -2, max: 40 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 40 }),
        (targets, raw) => {
          const n = targets.length;
          const pegTarget = Int32Array.from(targets.map((t) => (t < 0 ? t : t % n)));
          const from = Int32Array.from(raw.map((e) => e[0] % n));
          const to = Int32Array.from(raw.map((e) => e[1] % n));
          const assets = { n, pegTarget } as unknown as AssetArrays;
          const links = { n: from.length, from, to } as unknown as LinkArrays;
          expect(Array.from(pegOrder(assets, links))).toEqual(pegOrderByScan(pegTarget, from, to));
        },
      ),
      { seed: 11, numRuns: 500 },
    );
  });
});
