// Systemic importance: DebtRank inputs from balance sheets (the worked examples as networks), the tiny
// network by hand, and the centralities with their weights on small hand graphs.
import fc from 'fast-check';
import { DebtRankSolver } from '../../src/analysis/debtrank';
import {
  centralities,
  debtRankInputs,
  dependenceEdges,
  systemicImportance,
} from '../../src/analysis/systemic';
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';
import { FIG5_EQUITY, FIG5_INVESTMENTS } from '../helpers/debtrank-examples';
import { networkRaw } from '../helpers/arbitraries';
import { tinyNetwork } from '../helpers/fixtures';

/** Banks with other assets, external liabilities and claims on each other. */
function banks(spec: { id: string; other: number; ext: number; claims: [string, number][] }[]): Network {
  return parseNetwork(
    {
      format: 'contagion/network@1',
      name: 'banks',
      asOf: '2015-01-01',
      assets: [{ id: 'USD', priceUsd: '1' }],
      protocols: spec.map((b) => ({
        id: b.id,
        kind: 'bank',
        otherAssetsUsd: String(b.other),
        externalLiabilitiesUsd: String(b.ext),
        claims: b.claims.map(([on, usd]) => ({ on, amountUsd: String(usd) })),
      })),
    },
    'banks.json',
  );
}

describe('DebtRank inputs from balance sheets', () => {
  it('reproduces the neva 3-cycle (data/shock_cycle.json @27b1600): equities 1, every impact 0.5', () => {
    const net = banks([
      { id: 'A', other: 10, ext: 9, claims: [['B', 0.5]] },
      { id: 'B', other: 5, ext: 4, claims: [['C', 0.5]] },
      { id: 'C', other: 3, ext: 2, claims: [['A', 0.5]] },
    ]);
    const x = debtRankInputs(net, 'claims');
    expect(x.ids).toEqual(['A', 'B', 'C']);
    expect(Array.from(x.bufferUsd)).toEqual([1, 1, 1]);
    // Row i lists the protocols hit by i's distress: B's hits A, C's hits B, A's hits C.
    expect(Array.from(x.W.start)).toEqual([0, 1, 2, 3]);
    expect(Array.from(x.W.target)).toEqual([2, 0, 1]);
    expect(Array.from(x.W.weight)).toEqual([0.5, 0.5, 0.5]);
    expect(Array.from(x.v)).toEqual([10.5 / 19.5, 5.5 / 19.5, 3.5 / 19.5]);
    const solver = new DebtRankSolver(x.W);
    const h = solver.differential([0.5, 0, 0]).h;
    [4 / 7, 1 / 7, 2 / 7].forEach((e, i) => expect(h[i]).toBeCloseTo(e, 12));
  });

  it('reproduces Battiston et al. (2012) SI Fig. 5 from investments as claims', () => {
    const invest = FIG5_INVESTMENTS;
    const E = FIG5_EQUITY;
    const spec = E.map((e, k) => {
      const held = invest.filter(([i]) => i === k + 1).reduce((s, x) => s + x[2], 0);
      const owed = invest.filter(([, j]) => j === k + 1).reduce((s, x) => s + x[2], 0);
      return {
        id: `n${k + 1}`,
        other: e + owed - held,
        ext: 0,
        claims: invest.filter(([i]) => i === k + 1).map(([, j, a]) => [`n${j}`, a] as [string, number]),
      };
    });
    const x = debtRankInputs(banks(spec), 'claims');
    expect(Array.from(x.bufferUsd)).toEqual(E);
    const h = new DebtRankSolver(x.W).battiston([1, 0, 0, 0, 0, 0, 0, 0]).h;
    [1, 32 / 45, 3 / 28, 3 / 8, 13 / 90, 1 / 12, 1 / 135, 7 / 600].forEach((e, i) =>
      expect(h[i]).toBeCloseTo(e, 14),
    );
  });

  it('counts held tokens of the issuer as exposure with claims-and-tokens, and a buffer <= 0 as W = 1', () => {
    const x = debtRankInputs(tinyNetwork(), 'claims-and-tokens');
    expect(x.ids).toEqual(['circle', 'lender', 'lido', 'maker', 'vault']);
    const w = (from: string, to: string) => {
      const i = x.ids.indexOf(from);
      for (let e = x.W.start[i]!; e < x.W.start[i + 1]!; e++)
        if (x.W.target[e] === x.ids.indexOf(to)) return x.W.weight[e]!;
      return 0;
    };
    const buffer = (id: string) => x.bufferUsd[x.ids.indexOf(id)]!;
    expect(buffer('maker')).toBeCloseTo(1050 - 1000 + 20, 9);
    expect(buffer('vault')).toBeCloseTo(0, 9);
    expect(w('circle', 'maker')).toBe(1); // 400 USDC over a buffer of 70
    expect(w('circle', 'lender')).toBeCloseTo(100 / buffer('lender'), 12);
    expect(w('lender', 'maker')).toBeCloseTo(50 / 70, 12);
    expect(w('lender', 'vault')).toBe(1);
    expect(w('vault', 'lender')).toBeCloseTo(30 / buffer('lender'), 12);
    expect(x.W.target.length).toBe(5);
    expect(debtRankInputs(tinyNetwork(), 'claims').W.target.length).toBe(3);
  });
});

describe('collateral exposure (claims-tokens-collateral, the default)', () => {
  it('counts the lender’s wstETH-backed loans as its exposure to Lido, valued as its balance sheet values them', () => {
    const x = debtRankInputs(tinyNetwork(), 'claims-tokens-collateral');
    const entry = (m: typeof x.W, from: string, to: string) => {
      const i = x.ids.indexOf(from);
      for (let e = m.start[i]!; e < m.start[i + 1]!; e++)
        if (m.target[e] === x.ids.indexOf(to)) return m.weight[e]!;
      return 0;
    };
    const bL = x.bufferUsd[x.ids.indexOf('lender')]!;
    // The lender's wstETH/ETH market: each cohort at min(debt value, collateral value).
    const loans = Math.min(3.2571428571 * 2000, 3 * 2400) + Math.min(0.76 * 2000, 1 * 2400);
    expect(entry(x.leverage, 'lido', 'lender')).toBeCloseTo(loans / bL, 12);
    expect(entry(x.W, 'lido', 'lender')).toBeCloseTo(Math.min(1, loans / bL), 12);
    // The other exposures are those of claims-and-tokens; maker's ETH collateral has no issuer.
    expect(x.W.target.length).toBe(6);
  });

  it('gives Lido a DebtRank: its default reaches the lender through wstETH collateral, and the lender’s creditors', () => {
    const withCollateral = systemicImportance(tinyNetwork(), { centrality: false });
    expect(withCollateral.exposures).toBe('claims-tokens-collateral');
    const lido = withCollateral.protocols.find((p) => p.protocol === 'lido')!;
    expect(lido.debtRank).toBeGreaterThan(0);
    expect(lido.debtRankDifferential).toBeGreaterThan(0);
    // The lender directly, then the vault and maker, whose claims are on the lender.
    expect(lido.distressed).toBe(3);
    const tokensOnly = systemicImportance(tinyNetwork(), {
      exposures: 'claims-and-tokens',
      centrality: false,
    });
    expect(tokensOnly.protocols.find((p) => p.protocol === 'lido')!.debtRank).toBe(0);
  });
});

describe('systemic importance of the tiny network', () => {
  const r = systemicImportance(tinyNetwork(), { exposures: 'claims-and-tokens' });
  const x = debtRankInputs(tinyNetwork(), 'claims-and-tokens');
  const v = (id: string) => x.v[x.ids.indexOf(id)]!;
  const bL = x.bufferUsd[x.ids.indexOf('lender')]!;

  it("gives Circle's DebtRank by hand under both rules", () => {
    const circle = r.protocols.find((p) => p.protocol === 'circle')!;
    // Battiston: maker saturates; lender takes 100/bL, passes it to the vault once (W = 1), which passes
    // 30/bL of it back to the lender, now inactive.
    const a = 100 / bL;
    expect(circle.debtRank).toBeCloseTo(v('maker') + v('lender') * (a + a * (30 / bL)) + v('vault') * a, 12);
    // Differential: lender = a + (30/bL) vault and vault = lender, so lender = vault = a / (1 - 30/bL).
    const h = a / (1 - 30 / bL);
    expect(circle.debtRankDifferential).toBeCloseTo(v('maker') + v('lender') * h + v('vault') * h, 12);
    expect(circle.distressed).toBe(3);
    expect(circle.defaulted).toBe(1);
  });

  it('sorts by DebtRank and keeps every figure in range', () => {
    expect(r.protocols.map((p) => p.protocol)[0]).toBe('circle');
    for (let i = 1; i < r.protocols.length; i++)
      expect(r.protocols[i]!.debtRank).toBeLessThanOrEqual(r.protocols[i - 1]!.debtRank);
    for (const p of r.protocols) {
      for (const d of [p.debtRank, p.debtRankDifferential]) {
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
      }
      expect(p.pagerank).not.toBeNull();
      expect(p.betweenness).not.toBeNull();
    }
    expect(r.protocols.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
    const lido = r.protocols.find((p) => p.protocol === 'lido')!;
    // Nobody holds stETH or wstETH as a token or a claim on Lido (its collateral is not counted here).
    expect(lido.debtRank).toBe(0);
  });

  it('leaves the centralities out when asked', () => {
    const s = systemicImportance(tinyNetwork(), { centrality: false });
    expect(s.protocols.every((p) => p.betweenness === null && p.pagerank === null)).toBe(true);
  });

  it('is zero for every protocol of a network without claims (property)', () => {
    fc.assert(
      fc.property(networkRaw, (raw) => {
        for (const p of raw.protocols) p.claims = [];
        const s = systemicImportance(parseNetwork(raw, 'random.json'), {
          exposures: 'claims',
          centrality: false,
        });
        for (const p of s.protocols) {
          expect(p.debtRank).toBe(0);
          expect(p.debtRankDifferential).toBe(0);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('dependence edges', () => {
  it('link each protocol to those whose failure reaches it through a claim or a token, with the summed share', () => {
    const MAKER = 1050;
    const LENDER = 100 + 30 + (3.2571428571 + 0.76) * 2000 + 1383.33 + 415;
    const d = dependenceEdges(tinyNetwork());
    expect(d.map((e) => `${e.from}->${e.to}`)).toEqual([
      'lender->circle',
      'lender->lido',
      'lender->vault',
      'maker->circle',
      'maker->lender',
      'vault->lender',
    ]);
    const share = (k: string) => d.find((e) => `${e.from}->${e.to}` === k)!.share;
    expect(share('maker->circle')).toBeCloseTo(400 / MAKER, 12);
    expect(share('lender->circle')).toBeCloseTo((100 + 1383.33 + 415) / LENDER, 12);
    expect(share('lender->lido')).toBeCloseTo(((3.2571428571 + 0.76) * 2000) / LENDER, 12);
    expect(share('vault->lender')).toBe(1);
  });
});

describe('centralities with explicit weights', () => {
  const ids = ['a', 'b', 'c'];

  it('betweenness uses -ln(share) as distance: the path of largest product wins', () => {
    // a -> b -> c (0.9 x 0.9 = 0.81) beats a -> c (0.5): b is on the only shortest a-c path.
    const via = centralities(ids, [
      { from: 'a', to: 'b', share: 0.9 },
      { from: 'b', to: 'c', share: 0.9 },
      { from: 'a', to: 'c', share: 0.5 },
    ]);
    expect(via.betweenness.get('b')).toBeCloseTo(0.5, 12); // 1 pair over (n - 1)(n - 2) = 2
    const direct = centralities(ids, [
      { from: 'a', to: 'b', share: 0.9 },
      { from: 'b', to: 'c', share: 0.9 },
      { from: 'a', to: 'c', share: 0.9 },
    ]);
    expect(direct.betweenness.get('b')).toBe(0);
  });

  it('PageRank flows to the protocols depended on, in proportion to the shares', () => {
    const star = centralities(
      ['h', 'x', 'y', 'z'],
      ['x', 'y', 'z'].map((from) => ({ from, to: 'h', share: 0.3 })),
    );
    // alpha 0.85, h dangling: b = 0.133125 / 0.245625 and a = 0.0375 + 0.2125 b.
    const b = 0.133125 / 0.245625;
    expect(star.pagerank.get('h')).toBeCloseTo(b, 5);
    expect(star.pagerank.get('x')).toBeCloseTo(0.0375 + 0.2125 * b, 5);
    const split = centralities(
      ['p', 'q', 'x'],
      [
        { from: 'x', to: 'p', share: 0.9 },
        { from: 'x', to: 'q', share: 0.1 },
      ],
    );
    expect(split.pagerank.get('p')!).toBeGreaterThan(split.pagerank.get('q')!);
  });

  it('eigenvector centrality of a symmetric pair is 1/sqrt(2) each', () => {
    const pair = centralities(
      ['a', 'b'],
      [
        { from: 'a', to: 'b', share: 0.5 },
        { from: 'b', to: 'a', share: 0.5 },
      ],
    );
    expect(pair.eigenvector!.get('a')).toBeCloseTo(Math.SQRT1_2, 6);
    expect(pair.eigenvector!.get('b')).toBeCloseTo(Math.SQRT1_2, 6);
  });
});
