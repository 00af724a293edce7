// The clearing house of docs/model.md §25: netting, the default waterfall, the ledger of its transfers, and
// the orderly against the chaotic sale of a defaulter's book, on hand-computed cases and on the sample.
import { join } from 'node:path';
import fc from 'fast-check';
import { sellBooks } from '../../src/analysis/clearing/book-sale';
import {
  compareResolutions,
  pathLevel,
  summarize,
  type ClearingComparison,
} from '../../src/analysis/clearing/clearing-house';
import {
  bookResolution,
  checkClearingLedger,
  type LedgerInput,
} from '../../src/analysis/clearing/clearing-ledger';
import { netClaims } from '../../src/analysis/clearing/netting';
import { spillover } from '../../src/analysis/clearing/spillover';
import { runWaterfall, splitProRata } from '../../src/analysis/clearing/waterfall';
import { DEPTH_LN } from '../../src/engine/constants';
import { InputError, InternalError } from '../../src/model/errors';
import type { Network } from '../../src/model/network';
import { parseClearing } from '../../src/model/parse-clearing';
import { parseNetwork } from '../../src/model/parse-network';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { type Json, mutate } from '../helpers/mutate';
import { handCaseClearing } from '../helpers/clearing-hand-case';

const ROOT = join(__dirname, '..', '..');
const c = (usd: number) => BigInt(usd * 100);

/** Three protocols, USDC at 1 and ETH at 1000 with $20,000 per 2% of depth and a 60 s impact half-life. */
function threeMembers(): Network {
  return parseNetwork(
    {
      format: 'contagion/network@1',
      name: 'three members',
      asOf: '2025-01-01',
      assets: [
        { id: 'USDC', priceUsd: '1' },
        { id: 'ETH', priceUsd: '1000' },
      ],
      venues: [
        {
          id: 'dex',
          kind: 'dex',
          liquidity: [{ asset: 'ETH', depthUsd2pct: '20000', resilienceHalfLifeSec: 60 }],
        },
      ],
      protocols: ['A', 'B', 'C'].map((id) => ({ id, kind: 'other' })),
    },
    'three.json',
  );
}

/** A clears through the house owing B 700 and C 300; B owes C 100. */
function threeMemberSetup(over: Record<string, unknown> = {}) {
  return handCaseClearing(
    {
      name: 'hand case',
      house: { id: 'house', skinInTheGameUsd: '200', skinInTheGame: 'first' },
      resolution: { steps: 4, stepSeconds: 60 },
    },
    { variationMargin: [{ asset: 'USDC', amount: '300' }] },
    over,
  );
}

describe('multilateral netting', () => {
  it('nets a hand-computed three-member example to one position each', () => {
    // A owes B 100 and C 20; B owes C 60; C owes A 30. Gross 210.
    //   A: +30 - 100 - 20 = -90 (pays 90)
    //   B: +100 - 60      = +40 (receives 40)
    //   C: +60 + 20 - 30  = +50 (receives 50)
    // Net 90 paid = 40 + 50 received; netting removes 210 - 90 = 120 of the 210 gross.
    const n = netClaims(3, [
      { from: 0, to: 1, cents: c(100) },
      { from: 1, to: 2, cents: c(60) },
      { from: 2, to: 0, cents: c(30) },
      { from: 0, to: 2, cents: c(20) },
    ]);
    expect(n.net).toEqual([c(-90), c(40), c(50)]);
    expect(n.payable).toEqual([c(90), 0n, 0n]);
    expect(n.receivable).toEqual([0n, c(40), c(50)]);
    expect(n.grossCents).toBe(c(210));
    expect(n.netCents).toBe(c(90));
  });
});

describe('pro-rata split', () => {
  it('rounds down and gives the cents left to the largest remainders', () => {
    // 100 cents over weights 1:1:1 -> 33.33 each: 33, 33, 33 and the one cent left to the first (ties).
    expect(splitProRata(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    // 10 cents over 1:2:3 -> 1.67, 3.33, 5: 1, 3, 5 and one cent to the largest remainder (the first).
    expect(splitProRata(10n, [1n, 2n, 3n])).toEqual([2n, 3n, 5n]);
    expect(splitProRata(10n, [0n, 0n])).toEqual([0n, 0n]);
  });
});

describe('the default waterfall', () => {
  // A owes 1,000 after netting (B is owed 600, C 400) and its margin raises 300.
  //   loss past its margin                     1,000 - 300 = 700   (bad debt)
  //   1. A's own fund contribution              100        -> 600 left
  //   2. the house's skin in the game (first)   200        -> 400 left
  //   3. B's and C's contributions, all of them 150 + 50   -> 200 left
  //   4. socialization: 200 haircut pro rata to what B and C are owed, 600 : 400 -> B 120, C 80
  // Layers: 300 + 100 + 200 + 150 + 50 + 120 + 80 = 1,000 = what A owed.
  const input = {
    payable: [c(1000), 0n, 0n],
    receivable: [0n, c(600), c(400)],
    defaulted: [true, false, false],
    raised: [c(300), 0n, 0n],
    fund: [c(100), c(150), c(50)],
    skin: c(200),
    skinOrder: 'first' as const,
  };

  it('runs a loss through every layer down to socialization, each layer as computed by hand', () => {
    const w = runWaterfall(input);
    expect(w.defaults).toHaveLength(1);
    const d = w.defaults[0]!;
    expect(d.owed).toBe(c(1000));
    expect(d.margin).toBe(c(300));
    expect(d.badDebt).toBe(c(700));
    expect(d.ownFund).toBe(c(100));
    expect(d.skin).toBe(c(200));
    expect(d.memberFund).toEqual([0n, c(150), c(50)]);
    expect(d.haircut).toEqual([0n, c(120), c(80)]);
    expect(d.unallocated).toBe(0n);
    expect(w.skinUsed).toBe(c(200));
    expect(w.fundUsed).toEqual([c(100), c(150), c(50)]);
  });

  it('books every transfer with its cause, and the ledger check balances', () => {
    const w = runWaterfall(input);
    const ledger: LedgerInput = {
      members: 3,
      payable: input.payable,
      receivable: input.receivable,
      defaulted: input.defaulted,
      raisedByStep: [[c(300)], [0n], [0n]],
      waterfall: w,
      settleStep: 0,
    };
    const transfers = bookResolution(ledger);
    // Accounts: 0 A, 1 B, 2 C, 3 the house's clearing account, 4 the house's own capital.
    expect(transfers.map((t) => [t.cause, t.from, t.to, Number(t.cents) / 100])).toEqual([
      ['defaulter-margin', 0, 3, 300],
      ['defaulter-fund', 0, 3, 100],
      ['house-fund', 4, 3, 200],
      ['member-fund', 1, 3, 150],
      ['member-fund', 2, 3, 50],
      ['settlement', 3, 1, 600],
      ['settlement', 3, 2, 400],
      ['socialized', 1, 3, 120],
      ['socialized', 2, 3, 80],
    ]);
    const names = ['A', 'B', 'C', 'house', 'house capital'];
    expect(() => checkClearingLedger(ledger, transfers, names)).not.toThrow();
    // B ends +600 - 150 - 120 = 330, C +400 - 50 - 80 = 270, A -400, the house's capital -200: sum 0.
    const tampered = transfers.map((t) =>
      t.cause === 'socialized' && t.from === 1 ? { ...t, cents: c(119) } : t,
    );
    expect(() => checkClearingLedger(ledger, tampered, names)).toThrow(InternalError);
    expect(() => checkClearingLedger(ledger, tampered, names)).toThrow(/B booked/);
  });

  it("uses the members' contributions before the house's when its skin in the game comes after them", () => {
    // Margin raises 700: loss 300. Own fund 100 -> 200 left.
    //   first:         house 200 -> 0 left; members 0.
    //   after-members: members 150 + 50 = 200 -> 0 left; house 0.
    const first = runWaterfall({ ...input, raised: [c(700), 0n, 0n] }).defaults[0]!;
    expect([first.ownFund, first.skin, first.memberFund, first.haircut]).toEqual([
      c(100),
      c(200),
      [0n, 0n, 0n],
      [0n, 0n, 0n],
    ]);
    const after = runWaterfall({ ...input, raised: [c(700), 0n, 0n], skinOrder: 'after-members' })
      .defaults[0]!;
    expect([after.ownFund, after.skin, after.memberFund, after.haircut]).toEqual([
      c(100),
      0n,
      [0n, c(150), c(50)],
      [0n, 0n, 0n],
    ]);
  });

  it('returns what the margin raised beyond what the defaulter owed, and nothing reaches the layers', () => {
    const d = runWaterfall({ ...input, raised: [c(1200), 0n, 0n] }).defaults[0]!;
    expect([d.margin, d.surplus, d.badDebt, d.ownFund, d.skin]).toEqual([c(1000), c(200), 0n, 0n, 0n]);
  });

  it('clears the same hand case from a clearing file on a network, netting included', () => {
    const net = threeMembers();
    const setup = parseClearing(threeMemberSetup(), 'hand.json', net);
    const cmp = compareResolutions(setup, net);
    expect(cmp.netting).toEqual({ grossUsd: 1100, netUsd: 1000 });
    expect(cmp.members.map((m) => [m.protocol, m.netUsd, m.defaulted])).toEqual([
      ['A', -1000, true],
      ['B', 600, false],
      ['C', 400, false],
    ]);
    // The margin is all in the settlement asset: nothing is sold, orderly and chaotic agree.
    for (const rc of [cmp.orderly, cmp.chaotic]) {
      const s = summarize(cmp, rc);
      expect(s).toMatchObject({
        badDebtUsd: 700,
        defaulterMarginUsd: 300,
        defaulterFundUsd: 100,
        houseFundUsd: 200,
        socializedUsd: 200,
        unallocatedUsd: 0,
      });
      expect(s.members.map((m) => [m.fundUsd, m.haircutUsd])).toEqual([
        [0, 0],
        [150, 120],
        [50, 80],
      ]);
    }
  });
});

describe('the sale of a defaulter book', () => {
  it('pays the seller along the impact curve, and spreading the sale lets the impact decay', () => {
    // D = 1,000 USD, price 1, 1,000 units sold.
    //   all at once: proceeds D (1 - e^-1) = 632.12, price e^-1 = 0.3679.
    //   over 2 steps with the impact gone between them (half-life 1 s, steps of 1,000 s):
    //     each step sells 500: 1,000 (1 - e^-0.5) = 393.47, twice 786.94; worst price e^-0.5 = 0.6065.
    const market = { asset: 'X', depthUsd: 1000, halfLifeSec: 1, fundamental: () => 1 };
    const once = sellBooks({ markets: [market], units: [[1000]], steps: 1, stepSeconds: 1000 });
    expect(once.markets[0]!.proceedsUsd).toBeCloseTo(1000 * (1 - Math.exp(-1)), 9);
    expect(once.markets[0]!.worstPriceUsd).toBeCloseTo(Math.exp(-1), 12);
    const spread = sellBooks({ markets: [market], units: [[1000]], steps: 2, stepSeconds: 1000 });
    expect(spread.markets[0]!.proceedsUsd).toBeCloseTo(2 * 1000 * (1 - Math.exp(-0.5)), 9);
    expect(spread.markets[0]!.worstPriceUsd).toBeCloseTo(Math.exp(-0.5), 12);
    expect(spread.proceeds[0]).toHaveLength(2);
    // Without decay (an impact that never heals) spreading still gains: a step's flow is valued at the
    // step's price (§3.6), so the units sold later into the lower price move it less.
    //   step 1: 500 units at 1:        q = 500,               proceeds 1,000 (1 - e^-0.5)     = 393.47
    //   step 2: 500 units at e^-0.5:   q = 500 e^-0.5 = 303.27, proceeds 1,000 (1 - e^-0.30327) = 261.60
    const sticky = sellBooks({
      markets: [{ ...market, halfLifeSec: 1e12 }],
      units: [[1000]],
      steps: 2,
      stepSeconds: 1,
    });
    const q2 = 500 * Math.exp(-0.5);
    expect(sticky.markets[0]!.proceedsUsd).toBeCloseTo(
      1000 * (1 - Math.exp(-0.5)) + 1000 * -Math.expm1(-q2 / 1000),
      6,
    );
    expect(sticky.markets[0]!.proceedsUsd).toBeCloseTo(655.07, 2);
    expect(sticky.markets[0]!.worstPriceUsd).toBeCloseTo(Math.exp(-0.5 - q2 / 1000), 9);
  });

  it('follows the shock path step by step', () => {
    expect(pathLevel({ shape: 'gap', change: -0.3 }, 5)).toBeCloseTo(0.7, 12);
    expect(pathLevel({ shape: 'linear', change: -0.3, overSteps: 3 }, 0)).toBeCloseTo(0.9, 12);
    expect(pathLevel({ shape: 'linear', change: -0.3, overSteps: 3 }, 7)).toBeCloseTo(0.7, 12);
    expect(pathLevel({ shape: 'series', everySteps: 2, changes: [-0.1, -0.2] }, 3)).toBeCloseTo(0.8, 12);
  });
});

describe('orderly against chaotic resolution on the sample', () => {
  const net = readNetworkFile(join(ROOT, 'data', 'networks', 'ethereum-2025-10.json'));
  const file = join(ROOT, 'data', 'clearing', 'lenders-and-perps.json');
  const raw = readJsonFile(file) as Record<string, unknown>;
  const cmp: ClearingComparison = compareResolutions(parseClearing(raw, file, net), net);
  const orderly = summarize(cmp, cmp.orderly);
  const chaotic = summarize(cmp, cmp.chaotic);

  it('finds Hyperliquid defaulting on its 1.3B call with 1.15B of margin at the shocked prices', () => {
    // Net: Hyperliquid -700 - 400 - 250 + 50 = -1,300M; Aave +700 + 400 - 50 = +1,050M;
    // Spark +400 - 80 = +320M; GMX +250 - 400 + 80 = -70M (met by its 93.9M of margin).
    expect(cmp.members.map((m) => [m.protocol, m.netUsd / 1e6, m.defaulted])).toEqual([
      ['aave-v3-core', 1050, false],
      ['spark', 320, false],
      ['hyperliquid', -1300, true],
      ['gmx', -70, false],
    ]);
    expect(cmp.netting).toEqual({ grossUsd: 1.88e9, netUsd: 1.37e9 });
    // 250,000 ETH at 2,695 + 100,000 wstETH at 4,677.75 x 0.7 + 150M USDC.
    expect(cmp.members[2]!.marginUsd).toBeCloseTo(250_000 * 2695 + 100_000 * 4677.75 * 0.7 + 150e6, 0);
  });

  it('sells with less price impact when orderly, and leaves less bad debt', () => {
    const table = [orderly, chaotic].map((s) => ({
      badDebtM: +(s.badDebtUsd / 1e6).toFixed(1),
      ethWorst: +s.assets[0]!.worstPriceUsd.toFixed(2),
      wstethWorst: +s.assets[1]!.worstPriceUsd.toFixed(2),
      socializedM: +(s.socializedUsd / 1e6).toFixed(1),
    }));
    // Chaotic: 673.75M of ETH into D = 290M / -ln 0.98 at once: the price falls by e^(-q/D).
    const dEth = 290e6 / DEPTH_LN;
    expect(chaotic.assets[0]!.worstPriceUsd).toBeCloseTo(2695 * Math.exp(-673.75e6 / dEth), 6);
    expect(chaotic.assets[0]!.proceedsUsd).toBeCloseTo(dEth * -Math.expm1(-673.75e6 / dEth), 0);
    for (let a = 0; a < 2; a++) {
      expect(orderly.assets[a]!.worstPriceUsd).toBeGreaterThan(chaotic.assets[a]!.worstPriceUsd);
      expect(orderly.assets[a]!.proceedsUsd).toBeGreaterThan(chaotic.assets[a]!.proceedsUsd);
    }
    // The figures of docs/model.md §25.7.
    expect(table).toEqual([
      { badDebtM: 163.5, ethWorst: 2689.73, wstethWorst: 3046.81, socializedM: 0 },
      { badDebtM: 185.9, ethWorst: 2571.43, wstethWorst: 2852.87, socializedM: 15.9 },
    ]);
  });

  it('says who bore the loss: the chaotic sale reaches socialization, the orderly one stops in the fund', () => {
    for (const s of [orderly, chaotic]) {
      expect(s.defaulterFundUsd).toBe(50e6);
      expect(s.houseFundUsd).toBe(20e6);
      const members = s.members.reduce((t, m) => t + m.fundUsd + m.haircutUsd, 0);
      expect(s.defaulterMarginUsd + s.defaulterFundUsd + s.houseFundUsd + members).toBeCloseTo(1.3e9, 2);
    }
    // Orderly: 163.45M - 50M - 20M = 93.45M of the members' 100M, pro rata 60 : 25 : 15.
    expect(orderly.members.map((m) => m.fundUsd / 1e6)).toEqual([
      expect.closeTo(56.07, 2),
      expect.closeTo(23.36, 2),
      0,
      expect.closeTo(14.02, 2),
    ]);
    expect(orderly.socializedUsd).toBe(0);
    // Chaotic: the whole 100M, then 15.94M cut from what Aave (1,050M) and Spark (320M) are owed.
    expect(chaotic.members.map((m) => m.fundUsd / 1e6)).toEqual([60, 25, 0, 15]);
    expect(chaotic.members[0]!.haircutUsd / chaotic.members[1]!.haircutUsd).toBeCloseTo(1050 / 320, 4);
    expect(chaotic.members[3]!.haircutUsd).toBe(0);
  });

  it("runs the network under the shock alone and with each sale: the dump adds more of the network's bad debt", () => {
    const sp = spillover(parseClearing(raw, file, net), cmp, net, file);
    expect(sp.horizonSteps).toBe(48);
    const [alone, o, ch] = sp.runs;
    expect([alone!.case, o!.case, ch!.case]).toEqual(['shock alone', 'orderly', 'chaotic']);
    // The figures of docs/model.md §25.7: $66.97M of bad debt from the gap alone; the sale adds $0.04M
    // orderly and $0.12M at once, and takes ETH and wstETH lower at once.
    expect(alone!.badDebtUsd / 1e6).toBeCloseTo(66.97, 2);
    expect(o!.badDebtUsd).toBeGreaterThan(alone!.badDebtUsd);
    expect(ch!.badDebtUsd - alone!.badDebtUsd).toBeGreaterThan(2 * (o!.badDebtUsd - alone!.badDebtUsd));
    for (const a of ['ETH', 'wstETH']) {
      expect(o!.minPriceUsd[a]).toBeLessThan(alone!.minPriceUsd[a]!);
      expect(ch!.minPriceUsd[a]).toBeLessThan(o!.minPriceUsd[a]!);
    }
  });

  it('trades price impact for market risk: with the price still falling, the orderly sale leaves more bad debt', () => {
    // ETH gaps 30% in the default step and goes on falling evenly to -45% by the last step of the sale.
    const falls = Array.from({ length: 24 }, (_, k) => -0.3 - (0.15 * k) / 23);
    const falling = parseClearing(
      {
        ...raw,
        shock: [{ asset: 'ETH', path: { shape: 'series', changes: falls } }],
      },
      file,
      net,
    );
    const f = compareResolutions(falling, net);
    const o = summarize(f, f.orderly);
    const ch = summarize(f, f.chaotic);
    expect(ch.badDebtUsd).toBeCloseTo(chaotic.badDebtUsd, 2);
    expect(o.badDebtUsd).toBeGreaterThan(ch.badDebtUsd);
    expect(o.socializedUsd).toBeGreaterThan(ch.socializedUsd);
  });
});

describe('the waterfall and its ledger on any default', () => {
  it('books layers that sum to what each defaulter owed and a ledger that balances', () => {
    const member = fc.record({
      owes: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      raised: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      fund: fc.bigInt({ min: 0n, max: 10n ** 11n }),
      defaults: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 2, maxLength: 6 }),
        fc.bigInt({ min: 0n, max: 10n ** 11n }),
        fc.constantFrom('first' as const, 'after-members' as const),
        (ms, skin, skinOrder) => {
          // Net payers are the members that owe; the last member receives what they all pay.
          const n = ms.length;
          const payable = ms.map((m, i) => (i < n - 1 ? m.owes : 0n));
          const receivable = ms.map((_, i) => (i === n - 1 ? payable.reduce((t, x) => t + x, 0n) : 0n));
          const defaulted = ms.map((m, i) => m.defaults && payable[i]! > 0n);
          const raised = ms.map((m, i) => (defaulted[i] ? m.raised : 0n));
          const w = runWaterfall({
            payable,
            receivable,
            defaulted,
            raised,
            fund: ms.map((m) => m.fund),
            skin,
            skinOrder,
          });
          for (const d of w.defaults) expect(d.unallocated).toBe(0n);
          const ledger: LedgerInput = {
            members: n,
            payable,
            receivable,
            defaulted,
            raisedByStep: raised.map((r) => [r / 2n, r - r / 2n]),
            waterfall: w,
            settleStep: 1,
          };
          const transfers = bookResolution(ledger);
          expect(() =>
            checkClearingLedger(ledger, transfers, ms.map((_, i) => `m${i}`).concat('h', 'hc')),
          ).not.toThrow();
          for (const t of transfers) expect(t.cents > 0n).toBe(true);
        },
      ),
      { seed: 25, numRuns: 300 },
    );
  });
});

describe('two defaulters and thinner venues', () => {
  const net = threeMembers();
  // A and B each owe C 10M and post 5,000 ETH at 1,000 (5M): both default and sell into one ETH depth.
  const setup = (depthMultiplier: number) =>
    parseClearing(
      threeMemberSetup({
        resolution: { steps: 1, stepSeconds: 60, depthMultiplier },
        members: [
          { protocol: 'A', initialMargin: [{ asset: 'ETH', amount: '5000' }] },
          { protocol: 'B', initialMargin: [{ asset: 'ETH', amount: '5000' }] },
          { protocol: 'C', defaultFund: '1000000' },
        ],
        obligations: [
          { from: 'A', to: 'C', amountUsd: '10000000' },
          { from: 'B', to: 'C', amountUsd: '10000000' },
        ],
      }),
      'two.json',
      net,
    );

  it('sells both books into the same depth and shares the proceeds by units', () => {
    const cmp = compareResolutions(setup(1), net);
    expect(cmp.members.map((m) => m.defaulted)).toEqual([true, true, false]);
    // 10M of ETH into D = 20,000 / -ln 0.98 at once: D (1 - e^(-10M / D)), split evenly.
    const d = 20_000 / DEPTH_LN;
    const proceeds = d * -Math.expm1(-10e6 / d);
    const s = summarize(cmp, cmp.chaotic);
    expect(s.assets[0]!.proceedsUsd).toBeCloseTo(proceeds, 4);
    const [a, b] = cmp.chaotic.waterfall.defaults;
    expect(Number(a!.margin) / 100).toBeCloseTo(proceeds / 2, 1);
    expect(a!.margin).toBe(b!.margin);
    // C's 1M contribution goes to A's default first (member order), none is left for B's.
    expect(a!.memberFund[2]).toBe(c(1_000_000));
    expect(b!.memberFund[2]).toBe(0n);
  });

  it('leaves more bad debt when the venues are thinner', () => {
    const deepCmp = compareResolutions(setup(1), net);
    const deep = summarize(deepCmp, deepCmp.chaotic);
    const thin = compareResolutions(setup(0.5), net);
    expect(summarize(thin, thin.chaotic).badDebtUsd).toBeGreaterThan(deep.badDebtUsd);
  });
});

describe('mutated clearing files', () => {
  it('are refused with an input error or cleared with a ledger that balances, never anything else', () => {
    const net = readNetworkFile(join(ROOT, 'data', 'networks', 'ethereum-2025-10.json'));
    const sample = readJsonFile(join(ROOT, 'data', 'clearing', 'lenders-and-perps.json')) as Json;
    let valid = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const m = mutate(sample, seed);
      let setup;
      try {
        setup = parseClearing(m.doc, 'mutated.json', net);
      } catch (e) {
        if (!(e instanceof InputError)) throw new Error(`seed ${seed} (${m.what}): ${String(e)}`);
        continue;
      }
      valid++;
      // compareResolutions checks both ledgers and throws InternalError when one does not balance.
      const cmp = compareResolutions(setup, net);
      for (const rc of [cmp.orderly, cmp.chaotic])
        for (const d of rc.waterfall.defaults) expect(d.unallocated).toBe(0n);
    }
    expect(valid).toBeGreaterThan(30);
  });
});

describe('clearing files', () => {
  const net = threeMembers();
  it('names the file, the JSON path and the id of an unknown member, asset or counterparty', () => {
    const bad = threeMemberSetup({
      members: [
        { protocol: 'A', initialMargin: [{ asset: 'BTC', amount: '1' }] },
        { protocol: 'Z' },
        { protocol: 'B' },
      ],
      obligations: [{ from: 'A', to: 'C', amountUsd: '1' }],
    });
    let error: unknown;
    try {
      parseClearing(bad, 'bad.json', net);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues).toEqual([
      { file: 'bad.json', path: '$.members[0].initialMargin[0].asset', reason: 'unknown asset "BTC"' },
      { file: 'bad.json', path: '$.members[1].protocol', reason: 'unknown protocol "Z"' },
      { file: 'bad.json', path: '$.obligations[0].to', reason: '"C" is not a member' },
    ]);
  });

  it('rejects a house that is one of the network protocols and a member owing itself', () => {
    const bad = threeMemberSetup({
      house: { id: 'A' },
      obligations: [{ from: 'B', to: 'B', amountUsd: '1' }],
    });
    expect(() => parseClearing(bad, 'bad.json', net)).toThrow(
      /\$\.house\.id.*\n.*\$\.obligations\[0\]\.to: a member cannot owe itself/,
    );
  });
});
