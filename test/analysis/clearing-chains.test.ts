// A clearing house on a network with chains (docs/model.md §25.1): the house read from a network protocol of
// kind clearing-house, members' chains checked against the network, and margin posted on another chain than
// the house's brought through its bridge, at the copy's price, once the bridge's delay has ended.
import { join } from 'node:path';
import { compareResolutions, summarize } from '../../src/analysis/clearing/clearing-house';
import { loadClearing } from '../../src/cli/load';
import { DEPTH_LN } from '../../src/engine/constants';
import { marginRoute } from '../../src/model/clearing-chains';
import type { Network } from '../../src/model/network';
import { parseClearing } from '../../src/model/parse-clearing';
import { parseNetwork } from '../../src/model/parse-network';
import { handCaseClearing } from '../helpers/clearing-hand-case';
import { inputIssues } from '../helpers/input-issues';

/**
 * Chains l1 (final after 300 s) with USDC at 1 and ETH at 1000 ($20,000 per 2%), l2 (final after 600 s) with
 * their bridged copies USDC.l2 at 0.90 and ETH.l2 at 900 (a 10% discount) and withdrawals of 3,600 s, and l3
 * with no bridge. A lives on l2; B, C and the clearing-house protocol H on l1.
 */
function twoChains(): Network {
  return parseNetwork(
    {
      format: 'contagion/network@1',
      name: 'two chains',
      asOf: '2025-01-01',
      chains: [
        { id: 'l1', blockTimeSec: 12, finalitySec: 300 },
        { id: 'l2', blockTimeSec: 2, finalitySec: 600 },
        { id: 'l3', blockTimeSec: 2, finalitySec: 600 },
      ],
      assets: [
        { id: 'USDC', priceUsd: '1' },
        { id: 'ETH', priceUsd: '1000' },
        { id: 'USDC.l2', priceUsd: '0.9', chain: 'l2', peg: { target: 'USDC', issuer: 'usdc-escrow' } },
        { id: 'ETH.l2', priceUsd: '900', chain: 'l2', peg: { target: 'ETH', issuer: 'eth-escrow' } },
        { id: 'X.l3', priceUsd: '1', chain: 'l3' },
      ],
      venues: [
        {
          id: 'dex',
          kind: 'dex',
          liquidity: [{ asset: 'ETH', depthUsd2pct: '20000', resilienceHalfLifeSec: 60 }],
        },
      ],
      protocols: [
        { id: 'A', kind: 'other', chain: 'l2' },
        { id: 'B', kind: 'other' },
        { id: 'C', kind: 'other' },
        {
          id: 'H',
          kind: 'clearing-house',
          holdings: [{ asset: 'USDC', amount: '250' }],
          externalLiabilitiesUsd: '50',
        },
        {
          id: 'usdc-escrow',
          kind: 'bridge',
          holdings: [{ asset: 'USDC', amount: '1000' }],
          issues: [{ asset: 'USDC.l2', supply: '1000' }],
        },
        {
          id: 'eth-escrow',
          kind: 'bridge',
          holdings: [{ asset: 'ETH', amount: '10' }],
          issues: [{ asset: 'ETH.l2', supply: '10' }],
        },
      ],
      bridges: [
        {
          id: 'usdc-bridge',
          from: 'l1',
          to: 'l2',
          canonical: 'USDC',
          copy: 'USDC.l2',
          escrow: 'usdc-escrow',
          delaySec: 3600,
        },
        {
          id: 'eth-bridge',
          from: 'l1',
          to: 'l2',
          canonical: 'ETH',
          copy: 'ETH.l2',
          escrow: 'eth-escrow',
          delaySec: 3600,
        },
      ],
    },
    'two-chains.json',
  );
}

/** The hand case of §25.3 (A owes B 700 and C 300, B owes C 100) with A's margin on l2 and the house H. */
function setup(over: Record<string, unknown> = {}, margin = [{ asset: 'USDC.l2', amount: '300' }]) {
  return handCaseClearing(
    {
      name: 'across chains',
      house: { id: 'H', skinInTheGame: 'first' },
      resolution: { steps: 4, stepSeconds: 1200 },
    },
    { chain: 'l2', variationMargin: margin },
    over,
  );
}

const issues = (value: unknown, net = twoChains()) => inputIssues(() => parseClearing(value, 'x.json', net));

describe('the house as a protocol of the network', () => {
  it('reads its capital (250 USDC held less 50 owed = 200) and its chain (l1, the first) from the network', () => {
    const net = twoChains();
    const cmp = compareResolutions(parseClearing(setup(), 'x.json', net), net);
    expect(cmp.house).toEqual({ id: 'H', chain: 'l1', skinInTheGameUsd: 200, skinInTheGame: 'first' });
    expect(cmp.members.map((m) => m.chain)).toEqual(['l2', 'l1', 'l1']);
  });

  it('refuses a stated capital, another chain, and the house as a member', () => {
    const bad = setup({
      house: { id: 'H', chain: 'l2', skinInTheGameUsd: '5' },
      members: [...setup().members, { protocol: 'H' }],
    });
    expect(issues(bad)).toEqual([
      '$.house.skinInTheGameUsd: house "H" is a protocol of the network: its capital is read from there, not stated',
      '$.house.chain: house "H" is on "l1" in the network, not "l2"',
      '$.members[3].protocol: "H" is the house, not a member',
    ]);
  });
});

describe("members' chains", () => {
  it('are chains of the network, the members\u2019 own, and margin reaches the house by a bridge', () => {
    const bad = setup({
      members: [
        { protocol: 'A', chain: 'l9' },
        { protocol: 'B', chain: 'l2' },
        { protocol: 'C', initialMargin: [{ asset: 'X.l3', amount: '1' }] },
      ],
    });
    expect(issues(bad)).toEqual([
      '$.members[0].chain: unknown chain "l9"',
      '$.members[1].chain: member "B" is on "l1" in the network, not "l2"',
      '$.members[2].initialMargin[0].asset: "X.l3" lives on "l3" and no bridge joins it to the house\'s chain "l1"',
    ]);
  });

  it('and the settlement asset lives on the house\u2019s chain', () => {
    expect(issues(setup({ settlementAsset: 'USDC.l2' }))).toEqual([
      '$.settlementAsset: "USDC.l2" lives on "l2", not on the house\'s chain "l1"',
    ]);
  });
});

describe('margin on another chain than the house', () => {
  it('goes back to the canonical after the withdrawal, or to the copy after the finality of a deposit', () => {
    const net = twoChains();
    // Withdrawal of the copy on l2 to l1: max(3600 s, l2's finality 600 s); 0.9 units of USDC a unit (0.90 / 1).
    expect(marginRoute(net, 'l1', 'USDC.l2')).toEqual({
      bridge: 'usdc-bridge',
      received: 'USDC',
      rate: 0.9,
      delaySec: 3600,
    });
    // Deposit of ETH on l1 to a house on l2: the copy, after l1's finality of 300 s.
    expect(marginRoute(net, 'l2', 'ETH')).toEqual({
      bridge: 'eth-bridge',
      received: 'ETH.l2',
      rate: 1,
      delaySec: 300,
    });
    expect(marginRoute(net, 'l1', 'ETH')).toEqual({ received: 'ETH', rate: 1, delaySec: 0 });
  });

  it('counts at the copy\u2019s price, and the default uses it only once the delay has ended', () => {
    // A posts 300 USDC.l2 at 0.90: 270 USD of margin against the 1,000 it pays: A defaults. The withdrawal takes
    // 3,600 s: step ceil(3600 / 1200) = 3 of the orderly 4, past the chaotic case's one step.
    //   orderly: raised 270 at step 3; bad debt 730: A's fund 100 (630 left), the house 200 (430), B 150 and
    //     C 50 (230), a haircut of 230 split 600 : 400 = 138 and 92.
    //   chaotic: nothing raised (270 late); bad debt 1,000: 100, 200, 150 + 50, haircut 500 = 300 and 200.
    const net = twoChains();
    const cmp = compareResolutions(parseClearing(setup(), 'x.json', net), net);
    expect(cmp.members[0]).toMatchObject({ marginUsd: 270, defaulted: true });
    const o = summarize(cmp, cmp.orderly);
    expect(o).toMatchObject({
      badDebtUsd: 730,
      defaulterMarginUsd: 270,
      defaulterFundUsd: 100,
      houseFundUsd: 200,
    });
    expect(o.members.map((m) => [m.fundUsd, m.haircutUsd])).toEqual([
      [0, 0],
      [150, 138],
      [50, 92],
    ]);
    expect(o.lateMarginUsd).toBe(0);
    expect(cmp.orderly.transfers).toContainEqual({
      step: 3,
      from: 0,
      to: 3,
      cents: 27000n,
      cause: 'defaulter-margin',
    });
    const c = summarize(cmp, cmp.chaotic);
    expect(c).toMatchObject({
      badDebtUsd: 1000,
      defaulterMarginUsd: 0,
      socializedUsd: 500,
      lateMarginUsd: 270,
    });
    expect(c.members.map((m) => m.haircutUsd)).toEqual([0, 300, 200]);
  });

  it('is of no use to the default when the resolution ends before the delay', () => {
    // 4 steps of 60 s end at 240 s, before 3,600 s: orderly as chaotic, bad debt 1,000.
    const net = twoChains();
    const cmp = compareResolutions(
      parseClearing(setup({ resolution: { steps: 4, stepSeconds: 60 } }), 'x.json', net),
      net,
    );
    expect(summarize(cmp, cmp.orderly)).toMatchObject({
      badDebtUsd: 1000,
      lateMarginUsd: 270,
      socializedUsd: 500,
    });
  });

  it('a copy of ETH is sold as ETH on the house\u2019s chain from the step it arrives in', () => {
    // 1 ETH.l2 at 900 counts 900 (A still defaults) and arrives as 0.9 ETH at step 3, sold there at 1,000:
    // q = 900 USD into D = 20,000 / -ln 0.98 raises D (1 - e^(-900 / D)).
    const net = twoChains();
    const cmp = compareResolutions(
      parseClearing(setup({}, [{ asset: 'ETH.l2', amount: '1' }]), 'x.json', net),
      net,
    );
    expect(cmp.members[0]!.marginUsd).toBeCloseTo(900, 9);
    const eth = cmp.orderly.sale.markets.find((m) => m.asset === 'ETH')!;
    const D = 20_000 / DEPTH_LN;
    expect(eth.units).toBeCloseTo(0.9, 12);
    expect(eth.soldUsd).toEqual([0, 0, 0, expect.closeTo(900, 9)]);
    expect(eth.proceedsUsd).toBeCloseTo(D * -Math.expm1(-900 / D), 6);
    const raised = Math.round(D * -Math.expm1(-900 / D) * 100) / 100;
    expect(summarize(cmp, cmp.orderly).badDebtUsd).toBeCloseTo(1000 - raised, 2);
    expect(summarize(cmp, cmp.chaotic)).toMatchObject({ badDebtUsd: 1000, lateMarginUsd: 900 });
  });
});

describe('the multichain sample (data/clearing/rollup-lenders-multichain.json)', () => {
  const { network, setup: sample } = loadClearing(
    join(__dirname, '..', '..', 'data', 'clearing', 'rollup-lenders-multichain.json'),
    undefined,
  );
  const cmp = compareResolutions(sample, network);
  const o = summarize(cmp, cmp.orderly);
  const c = summarize(cmp, cmp.chaotic);

  it('has members on Ethereum, Arbitrum and Base; Aave v3 Arbitrum defaults on its 60M call', () => {
    expect(cmp.members.map((m) => [m.protocol, m.chain, m.defaulted])).toEqual([
      ['aave-v3-core', 'ethereum', false],
      ['spark', 'ethereum', false],
      ['aave-v3-arbitrum', 'arbitrum', true],
      ['aave-v3-base', 'base', false],
    ]);
    // Margin at the shocked prices: 10,000 WETH.arb and 3,000 ETH at 3,850 x 0.7 = 2,695, and 15M USDC.e.arb:
    // 26.95M + 8.085M + 15M = 50.035M, below the 65M - 5M = 60M it pays.
    expect(cmp.members[2]!.marginUsd).toBeCloseTo(50_035_000, 2);
    expect(cmp.members[2]!.netUsd).toBe(-60_000_000);
  });

  it('uses the Arbitrum margin only in the orderly case, whose 8 daily steps outlast the 7-day withdrawal', () => {
    // The withdrawal (604,800 s) lands at step 7 of 86,400 s: the orderly case gets the 15M USDC there and
    // sells the 10,000 ETH with the 3,000 ETH's last eighth. The chaotic case has 41.95M of margin it cannot
    // use and raises only its 3,000 ETH (8.085M at mark, less the impact).
    expect(o.lateMarginUsd).toBe(0);
    expect(c.lateMarginUsd).toBeCloseTo(41_950_000, 2);
    expect(o.assets.map((a) => [a.asset, a.soldUsd])).toEqual([['ETH', expect.closeTo(35_035_000, 2)]]);
    expect(c.assets[0]!.soldUsd).toBeCloseTo(8_085_000, 2);
    // Bad debt = 60M less what was raised; the layers: A's 3M, the house's 5M, then the members' 17M.
    expect(o.badDebtUsd).toBeCloseTo(60_000_000 - o.defaulterMarginUsd, 2);
    expect(o.badDebtUsd).toBeLessThan(10_000_000);
    expect(o.socializedUsd).toBe(0);
    expect(c.badDebtUsd).toBeCloseTo(60_000_000 - c.defaulterMarginUsd, 2);
    expect(c.socializedUsd).toBeCloseTo(c.badDebtUsd - 3_000_000 - 5_000_000 - 17_000_000, 2);
    // The haircut falls on what the receivers are owed, 55M and 20M: Aave Core and Spark, not Base (a payer).
    expect(c.members.map((m) => m.haircutUsd > 0)).toEqual([true, true, false, false]);
  });
});
