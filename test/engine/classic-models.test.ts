// The classic contagion models as exact worked examples, run through the network format and the engine
// (docs/model.md §6). Sources are cited per case; "computed" values were derived from the papers' equations in
// exact rational arithmetic and cross-checked by a second method.
import { runScenario } from '../../src/engine/run';
import {
  solveClearing,
  groupClaims,
  MODE_CLEARING,
  MODE_LOSS_GIVEN_DEFAULT,
} from '../../src/engine/clearing-solver';
import { banksNetwork, quietScenario, type BanksSpec } from '../helpers/classic';

/** Recovery of each bank after clearing the initial state, from a one-step run of the engine. */
function recoveries(spec: BanksSpec): number[] {
  const net = banksNetwork(spec);
  const run = runScenario(net, quietScenario(net));
  return net.protocols.map((p) => run.protocols.find((x) => x.id === p.id)!.recovery);
}

function insolvent(spec: BanksSpec): string[] {
  const net = banksNetwork(spec);
  return runScenario(net, quietScenario(net)).summary.insolventProtocols;
}

const close = (actual: number[], expected: number[]) =>
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i]!, 10));

describe('Eisenberg–Noe (2001) clearing', () => {
  // cran/systemicrisk, inst/doc/Introduction.html @4379e21: ea = el = (1,1,1), external liabilities pari passu.
  it('systemicrisk vignette L1: only bank 1 defaults; p* = (1.7, 3.5, 4), recovery of bank 1 = 0.85', () => {
    const spec = {
      owes: [
        [0, 0.4, 0.6],
        [0, 0, 2.5],
        [0.7, 2.3, 0],
      ],
      external: [1, 1, 1],
      externalLiabilities: [1, 1, 1],
    };
    // p-bar = (2, 3.5, 4)
    close(recoveries(spec), [1.7 / 2, 1, 1]);
    expect(insolvent(spec)).toEqual(['b1']);
  });

  it('systemicrisk vignette L2: banks 1 and 3 default; p* = (653/385, 7/2, 304/77)', () => {
    const spec = {
      owes: [
        [0, 0, 1],
        [0.4, 0, 2.1],
        [0.3, 2.7, 0],
      ],
      external: [1, 1, 1],
      externalLiabilities: [1, 1, 1],
    };
    close(recoveries(spec), [653 / 385 / 2, 1, 304 / 77 / 4]);
    expect(insolvent(spec)).toEqual(['b1', 'b3']);
  });

  // systemicrisk R/lib_Network_Evaluations.R @de7f94a, the default_clearing example (x = 0.5); computed.
  it('systemicrisk default_clearing example: recovery (33/56, 53/56, 1) in two waves', () => {
    const spec = {
      owes: [
        [0, 0.5, 0.5],
        [0.5, 0, 0.5],
        [0.5, 0.5, 0],
      ],
      external: [0.5, 0.625, 0.75],
      externalLiabilities: [1.5, 0.5, 0.5],
    };
    close(recoveries(spec), [33 / 56, 53 / 56, 1]);
    const net = banksNetwork(spec);
    expect(runScenario(net, quietScenario(net)).summary.insolventProtocols).toEqual(['b1', 'b2']);
    expect(solveClearing(problemOf(spec)).rounds).toBe(2);
  });

  it('three-bank cascade (B first, A second): p* = (1133/162, 184/81, 4)', () => {
    const spec = {
      owes: [
        [0, 2, 9],
        [7, 0, 9],
        [3, 1, 0],
      ],
      external: [3, 0, 4],
    };
    close(recoveries(spec), [1133 / 162 / 11, 184 / 81 / 16, 1]);
  });
});

describe('Rogers–Veraart (2013) clearing with default costs', () => {
  // The systemicrisk default_clearing example with alpha = 0.5, beta = 0.7 (computed): bank 3 survives
  // Eisenberg–Noe but fails once default costs bite.
  it('alpha 0.5, beta 0.7: Lambda = (4225/8416, 160275/311392, 176055/311392)', () => {
    const spec = {
      owes: [
        [0, 0.5, 0.5],
        [0.5, 0, 0.5],
        [0.5, 0.5, 0],
      ],
      external: [0.5, 0.625, 0.75],
      externalLiabilities: [1.5, 0.5, 0.5],
      defaultCost: { externalAssets: 0.5, claims: 0.3 },
    };
    close(recoveries(spec), [4225 / 8416 / 2.5, 160275 / 311392 / 1.5, 176055 / 311392 / 1.5]);
    const net = banksNetwork(spec);
    expect(runScenario(net, quietScenario(net)).summary.insolventProtocols).toEqual(['b1', 'b2', 'b3']);
  });

  // bertschi/FinNetValu test/models/test_rv.jl, "asymmetric example from paper" inputs, external assets at
  // gamma = 1/2; outputs computed.
  const asym = {
    owes: [
      [0, 4.94, 2.47, 5.59, 0, 0],
      [6, 0, 0, 2, 0, 0],
      [0, 13, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 8],
      [12, 0, 0, 0, 0, 0],
      [2.79, 6.21, 0, 0, 0, 0],
    ],
    external: [1, 1, 11.51, 1.4, 12.5, 2].map((e) => e / 2),
  };
  const pbar = [13, 8, 13, 8, 12, 9];

  it('asymmetric six-bank example, no default costs: p3 = 8.225, p5 = 6.25, the rest pay in full', () => {
    close(recoveries(asym), [1, 1, 8.225 / 13, 1, 6.25 / 12, 1]);
  });

  it('asymmetric six-bank example, alpha 1, beta 0.9: p3 = 7.978', () => {
    close(recoveries({ ...asym, defaultCost: { externalAssets: 0, claims: 0.1 } }), [
      1,
      1,
      7.978 / 13,
      1,
      6.25 / 12,
      1,
    ]);
  });

  it('asymmetric six-bank example, alpha 0.5, beta 0.9: defaults in four waves', () => {
    const expected = [10.12585173, 8, 4.609020646, 6.068704619, 3.125, 5.961834158];
    const r = recoveries({ ...asym, defaultCost: { externalAssets: 0.5, claims: 0.1 } });
    r.forEach((x, i) => expect(x * pbar[i]!).toBeCloseTo(expected[i]!, 8));
    const solution = solveClearing(problemOf({ ...asym, defaultCost: { externalAssets: 0.5, claims: 0.1 } }));
    expect(solution.rounds).toBe(4);
  });
});

describe('Furfine (2003) / Gai–Kapadia (2010) cascades with a loss given default', () => {
  // A owes B 10, B owes C 8, C owes D 6, D owes A 1; capital (-1, 5, 3, 2). Computed by hand: j defaults once
  // LGD x (what defaulted debtors owe it) exceeds its capital (strictly).
  const capital = [-1, 5, 3, 2];
  const owes = [
    [0, 10, 0, 0],
    [0, 0, 8, 0],
    [0, 0, 0, 6],
    [1, 0, 0, 0],
  ];
  const spec = (lgd: number): BanksSpec => {
    const claims = owes.map((_, j) => owes.reduce((t, row) => t + row[j]!, 0));
    const debts = owes.map((row) => row.reduce((t, x) => t + x, 0));
    // External assets set so that equity = capital with 20 of external liabilities each.
    return {
      owes,
      external: capital.map((k, i) => k + debts[i]! + 20 - claims[i]!),
      externalLiabilities: [20, 20, 20, 20],
      lossGivenDefault: lgd,
    };
  };

  it.each([
    [1, ['b1', 'b2', 'b3', 'b4'], 4],
    [0.6, ['b1', 'b2', 'b3', 'b4'], 4],
    [0.5, ['b1'], 1],
    [0.4, ['b1'], 1],
  ])('LGD %p: defaulted %p in %p rounds', (lgd, defaulted, rounds) => {
    expect(insolvent(spec(lgd as number))).toEqual(defaulted);
    expect(solveClearing(problemOf(spec(lgd as number))).rounds).toBe(rounds);
  });

  it('a defaulted bank pays its creditors 1 - LGD', () => {
    close(recoveries(spec(0.6)), [0.4, 0.4, 0.4, 0.4]);
  });
});

/** The clearing problem of a banks spec, built directly (to count default rounds). */
function problemOf(spec: BanksSpec) {
  const n = spec.external.length;
  const holder: number[] = [];
  const debtor: number[] = [];
  const amount: number[] = [];
  spec.owes.forEach((row, i) =>
    row.forEach((x, j) => {
      if (x > 0) {
        holder.push(j);
        debtor.push(i);
        amount.push(x);
      }
    }),
  );
  const liabilities = Float64Array.from(
    spec.owes,
    (row, i) => row.reduce((t, x) => t + x, 0) + (spec.externalLiabilities?.[i] ?? 0),
  );
  return {
    n,
    external: Float64Array.from(spec.external),
    liabilities,
    ...groupClaims(n, holder, debtor, amount),
    mode: new Uint8Array(n).fill(
      spec.lossGivenDefault !== undefined ? MODE_LOSS_GIVEN_DEFAULT : MODE_CLEARING,
    ),
    lossGivenDefault: new Float64Array(n).fill(spec.lossGivenDefault ?? 0),
    costExternal: new Float64Array(n).fill(spec.defaultCost?.externalAssets ?? 0),
    costClaims: new Float64Array(n).fill(spec.defaultCost?.claims ?? 0),
  };
}
