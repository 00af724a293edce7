// Bridges (docs/model.md §23): the copy is pegged to its canonical through the escrow; an exploit drains the
// escrow, the copy depegs on the destination chain, its lender there takes the loss, the bridge's link is
// suspended, and the realised path runs from the bridge across chains.
import Decimal from 'decimal.js';
import { simulate } from '../../src/engine/run';
import { labNetwork, labScenario } from '../helpers/lab';

/**
 * The lab network on two chains: COL, USD, the issuer and a lender on l1; an escrow on l1 holds 1000 COL and
 * issues 1000 COL.l2 on l2, where lender2 lends USD against COL.l2 (one cohort: 1 COL.l2, 50 USD owed).
 */
const twoChains = (copyDepthUsd = '1000000') =>
  labNetwork({}, (r) => {
    r.chains = [
      { id: 'l1', blockTimeSec: 12, finalitySec: 900 },
      { id: 'l2', blockTimeSec: 2, finalitySec: 604800 },
    ];
    r.assets.push({ id: 'COL.l2', priceUsd: '100', chain: 'l2', peg: { target: 'COL', issuer: 'escrow' } });
    r.venues.push({
      id: 'dex2',
      kind: 'dex',
      chain: 'l2',
      liquidity: [{ asset: 'COL.l2', depthUsd2pct: copyDepthUsd, resilienceHalfLifeSec: 60 }],
    });
    r.oracles.push({
      id: 'col-l2',
      asset: 'COL.l2',
      chain: 'l2',
      source: 'market',
      heartbeatSec: 3600,
      deviation: 0,
      latencySec: 0,
    });
    r.protocols.push(
      {
        id: 'escrow',
        kind: 'bridge',
        holdings: [{ asset: 'COL', amount: '1000' }],
        issues: [{ asset: 'COL.l2', supply: '1000' }],
      },
      {
        id: 'lender2',
        kind: 'lending',
        chain: 'l2',
        holdings: [{ asset: 'USD', amount: '1000' }],
        externalLiabilitiesUsd: '1040',
        markets: [
          {
            id: 'lender2/m',
            collateral: 'COL.l2',
            debt: 'USD',
            loanToValue: 0.8,
            liquidationThreshold: 0.85,
            liquidationBonus: 0.05,
            collateralOracle: 'col-l2',
            debtOracle: 'usd',
            cohorts: [{ collateralAmount: '1', debtAmount: '50' }],
          },
        ],
      },
    );
    r.bridges = [
      { id: 'b', from: 'l1', to: 'l2', canonical: 'COL', copy: 'COL.l2', escrow: 'escrow', delaySec: 604800 },
    ];
  });

const exploit = { type: 'bridge-exploit', bridge: 'b', atStep: 2, share: 0.8 };

describe('a bridge exploit', () => {
  const net = twoChains();
  const { ctx, result } = simulate(net, labScenario(net, [exploit], { stepSeconds: 2, horizonSteps: 40 }));
  const copy = result.assets.find((a) => a.id === 'COL.l2')!;

  it('drains the escrow and suspends the bridge link', () => {
    const esc = ctx.s.names.protocols.indexOf('escrow');
    const P = ctx.s.protocols;
    expect(P.holdAmount[P.holdStart[esc]!]).toBeCloseTo(200, 9);
    expect(ctx.s.links.open[ctx.s.bridges.link[0]!]).toBe(0);
  });

  it('depegs the copy to the share of backing left: 100 x 0.2 = 20 USD', () => {
    // The escrow's recovery is 200 COL / 1000 COL.l2 owed = 0.2; COL itself does not move.
    expect(result.assets.find((a) => a.id === 'COL')!.finalPriceUsd).toBeCloseTo(100, 6);
    expect(copy.minPriceUsd).toBeLessThan(21);
    expect(copy.minPriceUsd).toBeGreaterThan(19);
  });

  it('leaves the lender on the destination chain with bad debt, and a realised path that crosses chains', () => {
    const lender2 = result.protocols.find((p) => p.id === 'lender2')!;
    // 1 COL.l2 worth about 20 USD against 50 USD owed: about 30 USD of bad debt or loss.
    expect(Number(lender2.badDebtUsd) + Number(lender2.lossUsd)).toBeGreaterThan(25);
    expect(lender2.status).toBe('insolvent');
    const failure = result.failures.find((f) => f.protocol === 'lender2')!;
    const chainOf = (node: string): string | undefined => {
      const [kind, id] = [node.slice(0, node.indexOf(':')), node.slice(node.indexOf(':') + 1)];
      if (kind === 'protocol' || kind === node) return net.protocols.find((p) => p.id === id)?.chain ?? 'l1';
      if (kind === 'asset') return net.assets.find((a) => a.id === id)?.chain ?? 'l1';
      return undefined;
    };
    const nodes = failure.path.flatMap((h) => [h.from, h.to]);
    expect(nodes).toContain('protocol:escrow');
    const chains = new Set(nodes.map(chainOf).filter((c) => c !== undefined));
    expect([...chains].sort()).toEqual(['l1', 'l2']);
    // The hop from the bridge into the lender: its 1 COL.l2 of collateral fell from 100 to 20 USD, and the loan
    // of 50 USD is worth what it is secured by: 50 - 20 = 30 USD lost.
    expect(failure.path).toContainEqual(
      expect.objectContaining({
        from: 'protocol:escrow',
        to: 'protocol:lender2',
        channel: 'peg',
        amountUsd: -30,
      }),
    );
  });
});

describe('a bridge exploit by amount', () => {
  it('takes the amount from the escrow, at most what it holds', () => {
    const net = twoChains();
    const run = (amount: string) =>
      simulate(net, labScenario(net, [{ type: 'bridge-exploit', bridge: 'b', atStep: 1, amount }]));
    // 250 of 1000 COL taken: 750 back 1000 COL.l2, 75 USD each.
    expect(run('250').result.assets.find((a) => a.id === 'COL.l2')!.finalPriceUsd).toBeCloseTo(75, 6);
    // More than it holds takes all of it: the escrow is left with nothing.
    const { ctx } = run('5000');
    const P = ctx.s.protocols;
    expect(P.holdAmount[P.holdStart[ctx.s.names.protocols.indexOf('escrow')]!]).toBe(0);
  });
});

describe('the bridge as a conversion link', () => {
  it('arbitrage holds the copy at the redeem floor, the canonical discounted over the withdrawal delay', () => {
    const net = twoChains('10000');
    net.bridges![0]!.costOfCapital = 0.05;
    // Sellers dump 5,000 USD of COL.l2 into 10,000 USD of depth per 2%: alone, a fall to 100 x exp(-5000 x 0.0202 / 10000) = 98.99 USD.
    const sale = { type: 'sale', asset: 'COL.l2', atStep: 1, usd: '5000' };
    // Two steps: the sale lands in step 1 and arbitrage ends that step at the floor.
    const { result } = simulate(net, labScenario(net, [sale], { stepSeconds: 2, horizonSteps: 2 }));
    // Redeem floor: p(COL) x exp(-0.05 x 604800 / 31536000) = p(COL) x 0.9990416 = 99.904 USD; arbitrage moves
    // both sides (it sells the COL it redeems), so the copy ends within 0.02% of it, not at 98.99 without it.
    const price = (id: string) => result.assets.find((a) => a.id === id)!.finalPriceUsd;
    const floor = 100 * Math.exp((-0.05 * 604800) / 31_536_000);
    expect(price('COL')).toBeLessThan(100);
    expect(Math.abs(price('COL.l2') / floor - 1)).toBeLessThan(2e-4);
  });

  it("the bridge's capacity per day bounds that arbitrage", () => {
    const net = twoChains('10000');
    // 43.2 COL.l2 a day is 0.001 per 2 s step: about 0.1 USD of the ~4,500 USD the floor needs.
    net.bridges![0]!.capacityPerDay = new Decimal('43.2');
    const sale = { type: 'sale', asset: 'COL.l2', atStep: 1, usd: '5000' };
    const { result } = simulate(net, labScenario(net, [sale], { stepSeconds: 2, horizonSteps: 2 }));
    expect(result.assets.find((a) => a.id === 'COL.l2')!.finalPriceUsd).toBeLessThan(99.1);
  });

  it('once the exploit suspends the link, the same sale is not arbitraged', () => {
    const net = twoChains('10000');
    const sale = { type: 'sale', asset: 'COL.l2', atStep: 1, usd: '5000' };
    const closed = { ...exploit, atStep: 0, share: 0 };
    const { result } = simulate(net, labScenario(net, [closed, sale], { stepSeconds: 2, horizonSteps: 4 }));
    expect(result.assets.find((a) => a.id === 'COL.l2')!.minPriceUsd).toBeLessThan(99.1);
  });
});

describe("a withdrawal waits for the copy's chain's finality", () => {
  // l2 is final after 604,800 s (a rollup's challenge window). A bridge stating a shorter delay still cannot pay
  // a withdrawal out of l2 before then: its link's delay is max(delaySec, finality of l2).
  const delayOf = (net: ReturnType<typeof labNetwork>, events: unknown[] = []) => {
    const { ctx } = simulate(net, labScenario(net, events, { stepSeconds: 2, horizonSteps: 2 }));
    return ctx.s.links.delaySec[ctx.s.bridges.link[0]!];
  };
  it('a bridge of 60 s delay redeems over the 604,800 s of l2, at the same floor as a 7-day bridge', () => {
    const net = twoChains('10000');
    net.bridges![0]!.delaySec = 60;
    net.bridges![0]!.costOfCapital = 0.05;
    expect(delayOf(net)).toBe(604800);
    // The arbitrage of the 7-day bridge above: the copy ends within 0.02% of 100 x exp(-0.05 x 604800 / 31536000)
    // = 99.904; with a 60 s delay the floor would be 100 x exp(-0.05 x 60 / 31536000) = 99.99999, above it.
    const sale = { type: 'sale', asset: 'COL.l2', atStep: 1, usd: '5000' };
    const { result } = simulate(net, labScenario(net, [sale], { stepSeconds: 2, horizonSteps: 2 }));
    const floor = 100 * Math.exp((-0.05 * 604800) / 31_536_000);
    const copy = result.assets.find((a) => a.id === 'COL.l2')!.finalPriceUsd;
    expect(Math.abs(copy / floor - 1)).toBeLessThan(2e-4);
  });
  it('a bridge whose copy lives on a chain final sooner than the delay keeps its delay', () => {
    const net = twoChains();
    net.chains![1]!.finalitySec = 900;
    expect(delayOf(net)).toBe(604800); // the bridge's own 7 days
    net.bridges![0]!.delaySec = 60;
    expect(delayOf(net)).toBe(900);
  });
});

describe('a lender whose oracle reads the canonical, after a bridge exploit (docs/model.md §16.2)', () => {
  // lender2 reads COL.l2 through the COL oracle (as Chainlink ETH/USD reads bridged WETH on a rollup).
  const net = twoChains();
  net.protocols.find((p) => p.id === 'lender2')!.markets[0]!.collateralOracle = 'col';
  const { result } = simulate(net, labScenario(net, [exploit], { stepSeconds: 2, horizonSteps: 40 }));
  const lender2 = result.protocols.find((p) => p.id === 'lender2')!;

  it('liquidates nobody: at its oracle the loan is secured (100 against 50 owed), latent 0 there', () => {
    expect(lender2.liquidatedUsd).toBe('0.00');
    expect(lender2.latentBadDebtOracleUsd).toBe('0.00');
  });

  it('has 30 USD of latent bad debt at market prices and no paper loss: its own marks are capped at the backing', () => {
    // Market: 50 - 1 x 20 = 30. Own mark of COL.l2: min(reading 100, par 100 x recovery 0.2) = 20, the market
    // price: the books see the loss of backing, so none of it is paper. Equity 1000 + 50 - 1040 = 10 falls to
    // 1000 + 20 - 1040 = -20, short at its own marks too: insolvent, not paper-loss.
    expect(lender2.latentBadDebtMarketUsd).toBe('30.00');
    expect(lender2.paperLossUsd).toBe('0.00');
    expect(lender2.lossUsd).toBe('30.00');
    expect(lender2.status).toBe('insolvent');
  });
});
