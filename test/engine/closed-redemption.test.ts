// A closed redemption with a stated discount (docs/model.md §16) and a PSM whose redemptions are booked
// against its reserve until it runs out (§3.11), with hand-computed figures on small networks.
import { simulate } from '../../src/engine/run';
import { arbitrageUsd } from '../../src/engine/stages/arbitrage';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import type { RunContext } from '../../src/engine/context';
import { tIssuerRaw } from '../helpers/t-issuer';

const oneStep = (network: Record<string, unknown>, events: unknown[]) => {
  const net = parseNetwork(network, 'n.json');
  const scenario = parseScenario(
    { format: 'contagion/scenario@1', name: 's', stepSeconds: 60, horizonSteps: 1, events },
    's.json',
    net,
  );
  return simulate(net, scenario);
};

const holding = (ctx: RunContext, protocol: string, asset: string): number => {
  const { protocols: P, names } = ctx.s;
  const p = names.protocols.indexOf(protocol);
  const a = names.assets.indexOf(asset);
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++)
    if (P.holdAsset[h] === a) return P.holdAmount[h]!;
  return NaN;
};

/**
 * An issuer of T: 20 of cash that pays redemptions, 80 of other reserves, 100 of T issued, and 10 of capital
 * outside the reserves (its insurance fund). T trades on a venue.
 */
const issuerNetwork = () => tIssuerRaw('issuer');
const loss = { type: 'exploit', protocol: 'iss', atStep: 0, lossUsd: '8' };

describe('a closed redemption with a stated discount', () => {
  // The issuer loses 8 of its reserves. With its capital it still covers what it owes (92 + 10 >= 100):
  // recovery 1, no default. Its reserves alone cover 92 / 100 = 0.92 of T. While redemptions are closed
  // with a discount of 5%, T is priced at 0.92 x (1 - 0.05) = 0.874.
  const closed = oneStep(issuerNetwork(), [
    { type: 'link', link: 'iss-t', open: false, atStep: 0, discount: 0.05 },
    loss,
  ]);

  it('prices the token at the reserves cover less the discount', () => {
    const t = closed.result.assets.find((a) => a.id === 'T')!;
    expect(t.finalPriceUsd).toBeCloseTo(0.92 * 0.95, 12);
    expect(t.minPriceUsd).toBeCloseTo(0.874, 12);
  });

  it('leaves the issuer healthy, its capital outside the reserves used', () => {
    const iss = closed.result.protocols.find((p) => p.id === 'iss')!;
    expect(iss.recovery).toBe(1);
    expect(iss.status).toBe('healthy');
    expect(iss.insuranceFundUsedUsd).toBe('8.00');
  });

  it('books the discount to the event that closed the redemption', () => {
    // T is an issued liability of iss at par, so its price moves no balance sheet here; the cause shows in
    // the price causes: the closing event (event:0) for the discount, the issuer for the reserves cover.
    const causes = closed.ctx.stats.causes.filter((c) => c.asset === closed.ctx.s.names.assets.indexOf('T'));
    const names = causes.map((c) => closed.ctx.ledger.causeNames[c.from]);
    expect(names).toEqual(expect.arrayContaining(['event:0', 'protocol:iss']));
  });

  it('without a discount the token keeps its issuer recovery (1): closed, the link only stops bounding', () => {
    const plain = oneStep(issuerNetwork(), [{ type: 'link', link: 'iss-t', open: false, atStep: 0 }, loss]);
    expect(plain.result.assets.find((a) => a.id === 'T')!.minPriceUsd).toBe(1);
  });
});

/**
 * A PSM: `psm` issues D against a reserve of T (convertible 1:1 both ways), T fully backed by its issuer.
 * D trades on a venue with $1,000 of depth within 2%, T with $1B.
 */
const psmNetwork = (reserve: string) => ({
  format: 'contagion/network@1',
  name: 'psm',
  asOf: '2025-01-01',
  assets: [
    { id: 'T', priceUsd: '1', peg: { target: 'USD', issuer: 'iss' } },
    { id: 'D', priceUsd: '1', peg: { target: 'USD', issuer: 'psm' } },
  ],
  convertibility: [{ id: 'psm-d', from: 'T', to: 'D', rate: 1, direction: 'both', converter: 'psm' }],
  venues: [
    {
      id: 'dex',
      kind: 'dex',
      liquidity: [
        { asset: 'T', depthUsd2pct: '1000000000', resilienceHalfLifeSec: 600 },
        { asset: 'D', depthUsd2pct: '1000', resilienceHalfLifeSec: 600 },
      ],
    },
  ],
  protocols: [
    {
      id: 'iss',
      kind: 'stablecoin-issuer',
      otherAssetsUsd: '1000000',
      issues: [{ asset: 'T', supply: '1000000' }],
    },
    {
      id: 'psm',
      kind: 'cdp',
      holdings: [{ asset: 'T', amount: reserve }],
      otherAssetsUsd: '5000',
      issues: [{ asset: 'D', supply: '5000' }],
    },
  ],
});
// Holders sell D: its market price gaps 2% below T's.
const sellD = { type: 'price', asset: 'D', atStep: 0, path: { shape: 'gap', change: -0.02 } };
const depth = (usd2pct: number) => usd2pct / -Math.log(0.98);

describe('a PSM whose redemptions are open', () => {
  // Arbitrageurs buy D from 0.98 and redeem it at the PSM for T at 1:1: x = ln(1 / 0.98) / (1/D_D + 1/D_T)
  // USD, at the trade's average fill D_D / 0.98 x (1 - exp(-x / D_D)) units of D (docs/model.md §3.11), paid
  // out of the PSM's T.
  const x = arbitrageUsd(0.98, 1, depth(1000), depth(1e9));
  const units = (depth(1000) / 0.98) * (1 - Math.exp(-x / depth(1000)));

  it('pays the redemptions out of its reserve: it falls by the arbitrage volume', () => {
    const { ctx } = oneStep(psmNetwork('5000'), [sellD]);
    // 1010.17 units (x / 0.98 = 1020.4 at the price before the trade).
    expect(units).toBeCloseTo(1010.2, 1);
    expect(5000 - holding(ctx, 'psm', 'T')).toBeCloseTo(units, 6);
    // The D redeemed is burned: the supply falls by the same units.
    const k = ctx.s.protocols.issueStart[ctx.s.names.protocols.indexOf('psm')]!;
    expect(5000 - ctx.s.protocols.issueSupply[k]!).toBeCloseTo(units, 6);
  });

  it('runs out: a reserve smaller than the volume falls to its floor, and D stays below T', () => {
    const { ctx, result } = oneStep(psmNetwork('500'), [sellD]);
    expect(holding(ctx, 'psm', 'T')).toBe(0);
    // 500 units bought from 0.98 take -D_D ln(1 - 500 x 0.98 / D_D) USD at their average fill and lift D by
    // exp of that over D_D only: 0.98 / (1 - 490 / 49,503) = 0.98980.
    const d = result.assets.find((a) => a.id === 'D')!;
    expect(d.finalPriceUsd).toBeCloseTo(0.98 / (1 - 490 / depth(1000)), 6);
    expect(d.finalPriceUsd).toBeLessThan(result.assets.find((a) => a.id === 'T')!.finalPriceUsd);
  });
});
