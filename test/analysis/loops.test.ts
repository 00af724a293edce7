// Recursive leverage loops: pegged markets, and simple cycles of the claims graph with their amplification.
import fc from 'fast-check';
import { claimCycles, marketLoops, stronglyConnected } from '../../src/analysis/loops';
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';
import { tinyNetwork } from '../helpers/fixtures';

/** A network of protocols that each hold `cash` and the given claims (id pairs with USD amounts). */
function claimsNetwork(n: number, claims: [number, number, number][], cash = 100): Network {
  return parseNetwork(
    {
      format: 'contagion/network@1',
      name: 'claims',
      asOf: '2025-01-01',
      assets: [{ id: 'USD', priceUsd: '1' }],
      protocols: Array.from({ length: n }, (_, i) => ({
        id: `p${i}`,
        kind: 'other',
        holdings: [{ asset: 'USD', amount: String(cash) }],
        claims: claims
          .filter(([from]) => from === i)
          .map(([, to, usd]) => ({ on: `p${to}`, amountUsd: String(usd) })),
      })),
    },
    'claims.json',
  );
}

describe('market loops', () => {
  it('finds the wstETH/ETH e-mode loop with leverage 1/(1-LTV) and the leverage taken', () => {
    const [loop, ...rest] = marketLoops(tinyNetwork());
    expect(rest).toHaveLength(0);
    expect(loop!.market).toBe('lender/emode-wsteth-eth');
    expect(loop!.pegRoot).toBe('ETH');
    expect(loop!.maxLeverage).toBeCloseTo(1 / (1 - 0.93), 12);
    const coll = 4 * 2400;
    const debt = (3.2571428571 + 0.76) * 2000;
    expect(loop!.leverage).toBeCloseTo(1 / (1 - debt / coll), 9);
  });
});

describe('claims cycles', () => {
  it('finds a two-protocol cycle with amplification 1/(1 - product of shares)', () => {
    // p0 holds 100 cash + 50 on p1: share 50/150. p1 holds 100 cash + 25 on p0: share 25/125.
    const { cycles } = claimCycles(
      claimsNetwork(3, [
        [0, 1, 50],
        [1, 0, 25],
        [1, 2, 10],
      ]),
    );
    expect(cycles).toHaveLength(1);
    const c = cycles[0]!;
    expect(c.protocols).toEqual(['p0', 'p1']);
    expect(c.hops.map((h) => h.share)).toEqual([50 / 150, 25 / 135]);
    expect(c.amplification).toBeCloseTo(1 / (1 - (50 / 150) * (25 / 135)), 12);
  });

  it('counts the 20 simple cycles of a complete directed graph on 4 nodes', () => {
    const all: [number, number, number][] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (i !== j) all.push([i, j, 1]);
    const { cycles } = claimCycles(claimsNetwork(4, all));
    // 6 of length 2, 8 of length 3, 6 of length 4.
    expect(cycles).toHaveLength(20);
    expect(cycles.filter((c) => c.protocols.length === 3)).toHaveLength(8);
    expect(claimCycles(claimsNetwork(4, all), { maxCycleLength: 2 }).cycles).toHaveLength(6);
    const capped = claimCycles(claimsNetwork(4, all), { maxCycles: 5 });
    expect(capped.cycles).toHaveLength(5);
    expect(capped.truncated).toBe(true);
  });

  it('finds the lender <-> vault cycle of the tiny network', () => {
    const { cycles } = claimCycles(tinyNetwork());
    expect(cycles.map((c) => c.protocols)).toEqual([['lender', 'vault']]);
  });

  it('finds no cycle in a chain', () => {
    expect(
      claimCycles(
        claimsNetwork(4, [
          [0, 1, 5],
          [1, 2, 5],
          [2, 3, 5],
        ]),
      ).cycles,
    ).toEqual([]);
  });

  it('property: every cycle is a simple closed walk over existing claims, found once', () => {
    const edges = fc.uniqueArray(fc.tuple(fc.nat(5), fc.nat(5), fc.integer({ min: 1, max: 100 })), {
      selector: ([a, b]) => `${a}-${b}`,
      maxLength: 14,
    });
    fc.assert(
      fc.property(edges, (raw) => {
        const claims = raw.filter(([a, b]) => a !== b);
        const has = new Set(claims.map(([a, b]) => `p${a}-p${b}`));
        const { cycles } = claimCycles(claimsNetwork(6, claims));
        const seen = new Set<string>();
        for (const c of cycles) {
          expect(new Set(c.protocols).size).toBe(c.protocols.length);
          c.hops.forEach((h) => expect(has.has(`${h.from}-${h.to}`)).toBe(true));
          expect(c.protocols[0]).toBe([...c.protocols].sort()[0]);
          const key = c.protocols.join(' ');
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          expect(c.amplification).toBeGreaterThanOrEqual(1);
        }
        expect(cycles).toHaveLength(bruteForceCycleCount(6, has));
      }),
    );
  });
});

/** Counts simple cycles by trying every ordering of every subset that starts at its smallest node. */
function bruteForceCycleCount(n: number, has: Set<string>): number {
  let count = 0;
  const permute = (rest: number[], path: number[]) => {
    if (path.length >= 2 && has.has(`p${path[path.length - 1]}-p${path[0]}`)) count++;
    rest.forEach((v, i) => {
      if (!has.has(`p${path[path.length - 1]}-p${v}`)) return;
      permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...path, v]);
    });
  };
  for (let s = 0; s < n; s++)
    permute(
      Array.from({ length: n - s - 1 }, (_, i) => s + 1 + i),
      [s],
    );
  return count;
}

describe('stronglyConnected', () => {
  it('groups a cycle and leaves a tail alone', () => {
    // 0 -> 1 -> 2 -> 0, 2 -> 3
    const comp = stronglyConnected([[1], [2], [0, 3], []]);
    expect(comp[0]).toBe(comp[1]);
    expect(comp[1]).toBe(comp[2]);
    expect(comp[3]).not.toBe(comp[0]);
  });
});

describe('trivial claims cycles', () => {
  // p0 <-> p1: each holds 100 cash and a 50 claim on the other, share 50/150 each way, loop share 1/9,
  // amplification 9/8. p2 <-> p3: 5 each way, share 5/105, loop share 1/441, amplification 441/440.
  const net = claimsNetwork(4, [
    [0, 1, 50],
    [1, 0, 50],
    [2, 3, 5],
    [3, 2, 5],
  ]);

  it('are left out below the threshold and kept at 1', () => {
    const kept = claimCycles(net, { minAmplification: 1.01 }).cycles;
    expect(kept.map((c) => c.protocols)).toEqual([['p0', 'p1']]);
    expect(kept[0]!.loopShare).toBeCloseTo(1 / 9, 12);
    expect(kept[0]!.amplification).toBeCloseTo(9 / 8, 12);
    const all = claimCycles(net, { minAmplification: 1 }).cycles;
    expect(all.map((c) => c.protocols)).toEqual([
      ['p0', 'p1'],
      ['p2', 'p3'],
    ]);
    expect(all[1]!.amplification).toBeCloseTo(441 / 440, 12);
  });

  it('the pruned search finds exactly the cycles at or above the threshold that the full search finds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.integer({ min: 1, max: 200 })), { maxLength: 18 }),
        fc.double({ min: 1, max: 1.5, noNaN: true }),
        (raw, threshold) => {
          const claims = raw.filter(([a, b]) => a !== b);
          const n = claimsNetwork(6, claims);
          const full = claimCycles(n, { minAmplification: 1 }).cycles;
          const pruned = claimCycles(n, { minAmplification: threshold }).cycles;
          const minShare = threshold > 1 ? 1 - 1 / threshold : 0;
          expect(pruned).toEqual(full.filter((c) => c.loopShare >= minShare));
        },
      ),
      { numRuns: 150, seed: 15 },
    );
  });

  it('reports progress over the start protocols, ending at the total', () => {
    const seen: [number, number][] = [];
    claimCycles(net, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });
});
