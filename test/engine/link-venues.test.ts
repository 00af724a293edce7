// Conversion links that name venues (docs/model.md §22): the link's arbitrage reads and moves only the books of
// its venues; the other books follow only through arbitrage between venues. Absent, it trades the asset's
// market price, the depth-weighted mean, and moves every book alike.
import { runSimulation } from '../../src/engine/run';
import { bookPrice, findBook } from '../../src/engine/venue-books';
import { InputError } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';

/** D = depth at 2% / -ln(0.98) (docs/model.md §1.3). */
const depthOf = (depth2: number) => depth2 / -Math.log(0.98);
const DA = depthOf(1000);
const DB = depthOf(3000);

/**
 * TOK, priced per venue on A (1000 at 2%) and B (3000), redeemable 1:1 for USDC at its issuer, which holds 1M USDC
 * for 1M TOK. USDC trades nowhere, so the redemption's USDC side does not move. Half-lives of 1e9 s: no decay.
 */
function labRaw(venues?: string[]): Record<string, any> {
  const book = (asset: string, depth: string) => ({ asset, depthUsd2pct: depth, resilienceHalfLifeSec: 1e9 });
  return {
    format: 'contagion/network@1',
    name: 'link-venues-lab',
    asOf: '2025-10-10',
    assets: [
      { id: 'TOK', priceUsd: '1', pricedPerVenue: true, peg: { target: 'USD', issuer: 'iss' } },
      { id: 'USDC', priceUsd: '1', peg: { target: 'USD', issuer: 'circle' } },
    ],
    convertibility: [
      {
        from: 'USDC',
        to: 'TOK',
        rate: 1,
        direction: 'redeem',
        converter: 'iss',
        ...(venues ? { venues } : {}),
      },
    ],
    venues: [
      { id: 'A', kind: 'cex', liquidity: [book('TOK', '1000')] },
      { id: 'B', kind: 'dex', liquidity: [book('TOK', '3000')] },
    ],
    oracles: [],
    protocols: [
      {
        id: 'circle',
        kind: 'stablecoin-issuer',
        otherAssetsUsd: '2000000',
        issues: [{ asset: 'USDC', supply: '1000000' }],
      },
      {
        id: 'iss',
        kind: 'stablecoin-issuer',
        holdings: [{ asset: 'USDC', amount: '1000000' }],
        issues: [{ asset: 'TOK', supply: '1000000' }],
      },
    ],
  };
}

/** 500 USD of TOK sold on A at step 0; one 12-second step. */
function run(venues?: string[]) {
  const network = parseNetwork(labRaw(venues), 'link-venues-lab.json');
  const scenario = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'sale on A',
      stepSeconds: 12,
      horizonSteps: 1,
      quietSteps: 0,
      events: [{ type: 'sale', asset: 'TOK', atStep: 0, usd: '500', venue: 'A' }],
    },
    'link-venues-scenario.json',
    network,
  );
  const { ctx } = runSimulation(network, scenario);
  const s = ctx.s;
  const tok = s.names.assets.indexOf('TOK');
  const book = (v: string) =>
    bookPrice(s.venues, findBook(s.venues, tok, v), s.assets.fundamental[tok]!, s.assets.impact[tok]!);
  const iss = s.names.protocols.indexOf('iss');
  const paid = 1e6 - s.protocols.holdAmount[s.protocols.holdStart[iss]!]!;
  return { A: book('A'), B: book('B'), price: s.assets.price[tok]!, paid };
}

describe('a conversion link that names venues', () => {
  // The sale takes A to pA = exp(-500 / D_A) = 0.98995 (docs/model.md §22's worked example).
  const pA = Math.exp(-500 / DA);

  it('trading on A, redeems exactly the sale back there and leaves B alone', () => {
    const r = run(['A']);
    // Buying ln(1 / pA) x D_A = 500 USD on A lifts it to 1; at the trade's average fill that is
    // D_A (1 - pA) / pA units, redeemed for as many USDC.
    expect(r.A).toBeCloseTo(1, 12);
    expect(r.B).toBe(1);
    expect(r.price).toBeCloseTo(1, 12);
    expect(r.paid).toBeCloseTo((DA * (1 - pA)) / pA, 6);
  });

  it('trading on B, finds no gap there: A stays at its low', () => {
    const r = run(['B']);
    expect(r.A).toBeCloseTo(pA, 12);
    expect(r.B).toBe(1);
    expect(r.paid).toBe(0);
  });

  it('naming no venue, trades the depth-weighted mean and moves both books by one factor', () => {
    const r = run();
    // The mean 0.25 pA + 0.75 is lifted to 1 by a factor 1 / mean on every book: A below 1, B above.
    const mean = 0.25 * pA + 0.75;
    expect(r.price).toBeCloseTo(1, 12);
    expect(r.A).toBeCloseTo(pA / mean, 12);
    expect(r.B).toBeCloseTo(1 / mean, 12);
    // ln(1 / mean) x (D_A + D_B) USD at the average fill, over the mean's depth.
    const D = DA + DB;
    expect(r.paid).toBeCloseTo((D * (1 - mean)) / mean, 6);
  });

  it.each([
    [['C'], 'unknown venue "C"'],
    [['A', 'A'], 'venue "A" is named twice'],
  ])('rejects venues %j: %s', (venues, message) => {
    expect(() => parseNetwork(labRaw(venues), 'link-venues-lab.json')).toThrow(message);
  });

  it('rejects venues on a link with no side priced per venue, and venues that list neither priced side', () => {
    const raw = labRaw(['A']);
    delete raw.assets[0].pricedPerVenue;
    expect(() => parseNetwork(raw, 'lab.json')).toThrow(InputError);
    expect(() => parseNetwork(raw, 'lab.json')).toThrow(
      'naming venues needs "USDC" or "TOK" priced per venue',
    );
    const other = labRaw(['X']);
    other.venues.push({
      id: 'X',
      kind: 'dex',
      liquidity: [{ asset: 'USDC', depthUsd2pct: '1', resilienceHalfLifeSec: 60 }],
    });
    expect(() => parseNetwork(other, 'lab.json')).toThrow(`none of the link's venues lists "TOK"`);
  });
});
