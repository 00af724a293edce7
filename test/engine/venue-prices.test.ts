// Per-venue prices (docs/model.md §22): a sale on one venue moves that venue's price only, by the impact formula
// of §3.6; arbitrage of capacity C per step joins the venues by the hand-computed amount; an oracle reading
// the other venue sees the sale only once arbitrage carries it there.
import { runSimulation } from '../../src/engine/run';
import { bookPrice, findBook } from '../../src/engine/venue-books';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { inputIssues } from '../helpers/input-issues';

/** D = depth at 2% / -ln(0.98) (docs/model.md §1.3). */
const depthOf = (depth2: number) => depth2 / -Math.log(0.98);
const DA = depthOf(1000);
const DB = depthOf(3000);
/** Half-life of both venues (s) and the share of a gap a 12-second step keeps (§3.2). */
const HALF_LIFE = 1e9;
const KEPT = Math.pow(2, -12 / HALF_LIFE);

interface LabOptions {
  perVenue?: boolean;
  /** Half-lives of venues A and B (s); both HALF_LIFE when absent. */
  halfLives?: [number, number];
  arbitrage?: { capacityUsdPerStep: string; delaySteps?: number };
}

/** TOK traded on venue A (depth 1000 at 2%) and venue B (3000), read by oracles on A, on B, and on TOK's market price. */
function labRaw(o: LabOptions = {}): Record<string, any> {
  const perVenue = o.perVenue ?? true;
  const oracle = (id: string, venues?: string[]) => ({
    id,
    asset: 'TOK',
    source: 'market',
    heartbeatSec: 3600,
    deviation: 0,
    latencySec: 0,
    ...(venues ? { venues } : {}),
  });
  return {
    format: 'contagion/network@1',
    name: 'venues-lab',
    asOf: '2025-10-10',
    assets: [{ id: 'TOK', priceUsd: '1', ...(perVenue ? { pricedPerVenue: true } : {}) }],
    venues: [
      {
        id: 'A',
        kind: 'cex',
        liquidity: [
          {
            asset: 'TOK',
            depthUsd2pct: '1000',
            resilienceHalfLifeSec: o.halfLives?.[0] ?? HALF_LIFE,
            ...(o.arbitrage ? { arbitrage: [{ venue: 'B', ...o.arbitrage }] } : {}),
          },
        ],
      },
      {
        id: 'B',
        kind: 'dex',
        liquidity: [
          { asset: 'TOK', depthUsd2pct: '3000', resilienceHalfLifeSec: o.halfLives?.[1] ?? HALF_LIFE },
        ],
      },
    ],
    oracles: perVenue
      ? [oracle('tok-a', ['A']), oracle('tok-b', ['B']), oracle('tok-ab', ['A', 'B']), oracle('tok')]
      : [oracle('tok')],
  };
}

function run(o: LabOptions, steps: number, sale: Record<string, unknown> = { venue: 'A' }) {
  const net = parseNetwork(labRaw(o), 'venues-lab.json');
  const scenario = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'sale of 500 on venue A',
      stepSeconds: 12,
      horizonSteps: steps,
      quietSteps: 0,
      events: [{ type: 'sale', asset: 'TOK', atStep: 0, usd: '500', ...sale }],
    },
    'venues-lab-scenario.json',
    net,
  );
  const { ctx } = runSimulation(net, scenario);
  const s = ctx.s;
  const a = s.names.assets.indexOf('TOK');
  const book = (v: string) =>
    bookPrice(s.venues, findBook(s.venues, a, v), s.assets.fundamental[a]!, s.assets.impact[a]!);
  const reading = (id: string) => s.oracles.reading[s.names.oracles.indexOf(id)]!;
  return { ctx, price: s.assets.price[a]!, book, reading };
}

describe('a sale on one venue (docs/model.md §22)', () => {
  it('moves that venue only, by exp(-q / D_venue); the market price is the depth-weighted mean', () => {
    const r = run({}, 1);
    const a = Math.exp(-500 / DA); // 0.9899 ... : 500 USD on a venue that moves 2% per 1000
    expect(r.book('A')).toBeCloseTo(a, 12);
    expect(r.book('B')).toBe(1);
    expect(r.price).toBeCloseTo(0.25 * a + 0.75, 12);
  });

  it('is recorded as an exogenous price cause from its event, with its USD', () => {
    const { ctx } = run({}, 1);
    expect(ctx.stats.causes).toEqual([
      expect.objectContaining({ step: 0, from: ctx.ledger.event(0), channel: 'exogenous', usd: 500 }),
    ]);
  });

  it('without a venue is spread pro rata by depth, which moves every venue as the single price of §3.6 does', () => {
    const single = run({ perVenue: false }, 1, {}).price;
    expect(single).toBeCloseTo(Math.exp(-500 / (DA + DB)), 12);
    const r = run({}, 1, {});
    expect(r.book('A')).toBeCloseTo(single, 12);
    expect(r.book('B')).toBeCloseTo(single, 12);
    expect(r.price).toBeCloseTo(single, 12);
  });
});

describe('decay per venue', () => {
  it("each venue's gap decays with its own half-life; the market price is their depth-weighted mean", () => {
    // A sale spread by depth moves both venues to m = exp(-500 / (DA + DB)); one 12 s step later A keeps
    // 2^(-12/600) of its gap and B 2^(-12/1800) (§3.2, venue by venue).
    const r = run({ halfLives: [600, 1800] }, 2, {});
    const m = Math.exp(-500 / (DA + DB));
    const a = 1 + (m - 1) * Math.pow(2, -12 / 600);
    const b = 1 + (m - 1) * Math.pow(2, -12 / 1800);
    expect(r.book('A')).toBeCloseTo(a, 12);
    expect(r.book('B')).toBeCloseTo(b, 12);
    expect(r.price).toBeCloseTo(0.25 * a + 0.75 * b, 12);
  });
});

describe('arbitrage between venues', () => {
  it('of capacity C buys C on the cheap venue and sells C on the dear one in the same step', () => {
    // The gap after the sale is 500/DA; joining it takes 375 USD (gap / (1/DA + 1/DB), DB = 3 DA), so C = 100 binds.
    const r = run({ arbitrage: { capacityUsdPerStep: '100' } }, 1);
    expect(r.book('A')).toBeCloseTo(Math.exp(-400 / DA), 12);
    expect(r.book('B')).toBeCloseTo(Math.exp(-100 / DB), 12);
  });

  it('with room to spare joins the venues at the single price of §3.6', () => {
    const r = run({ arbitrage: { capacityUsdPerStep: '1000000' } }, 1);
    const single = Math.exp(-500 / (DA + DB)); // = exp(-125 / DA) = exp(-375 / DB)
    expect(r.book('A')).toBeCloseTo(single, 12);
    expect(r.book('B')).toBeCloseTo(single, 12);
    expect(r.price).toBeCloseTo(single, 12);
  });

  it('with a transfer delay: an oracle on venue B does not see the sale until the first sell lands', () => {
    const o = { arbitrage: { capacityUsdPerStep: '100', delaySteps: 2 } };
    // Oracles read at stage 3, before the step's sales; the sell bought at step 0 lands on B at step 2 (after
    // the oracles), so B's oracle reads it at step 3, decayed once.
    for (const steps of [1, 2, 3]) expect(run(o, steps).reading('tok-b')).toBe(1);
    const r1 = run(o, 2);
    // Venue A's oracle saw the sale at step 1: A after the sale and one buy of 100, decayed once.
    expect(r1.reading('tok-a')).toBeCloseTo(1 + (Math.exp(-400 / DA) - 1) * KEPT, 12);
    // A median of two venues is their mean.
    expect(r1.reading('tok-ab')).toBeCloseTo((r1.reading('tok-a') + 1) / 2, 12);
    expect(run(o, 4).reading('tok-b')).toBeCloseTo(1 + (Math.exp(-100 / DB) - 1) * KEPT, 12);
  });

  it('leaves the ledger balanced and settles back to one price', () => {
    const r = run({ arbitrage: { capacityUsdPerStep: '100', delaySteps: 2 } }, 40);
    expect(Math.abs(Math.log(r.book('A') / r.book('B')))).toBeLessThan(1e-9);
  });
});

describe('validation of per-venue prices', () => {
  const reasons = inputIssues;

  it('names the path of an oracle reading venues of an asset with one price, and of a venue that does not list it', () => {
    const raw = labRaw({ perVenue: false });
    raw.oracles.push({ ...raw.oracles[0], id: 'x', venues: ['A'] });
    expect(reasons(() => parseNetwork(raw, 'n.json'))).toEqual([
      expect.stringMatching(/oracles\[1\]\.venues: reading venues needs "TOK" priced per venue/),
    ]);
    const raw2 = labRaw({ arbitrage: { capacityUsdPerStep: '1' } });
    raw2.venues[0].liquidity[0].arbitrage[0].venue = 'C';
    raw2.oracles[0].venues = ['C'];
    expect(reasons(() => parseNetwork(raw2, 'n.json'))).toEqual([
      expect.stringMatching(
        /venues\[0\]\.liquidity\[0\]\.arbitrage\[0\]\.venue: venue "C" does not list "TOK"/,
      ),
      expect.stringMatching(/oracles\[0\]\.venues\[0\]: venue "C" does not list "TOK"/),
    ]);
  });

  it('names a sale on a venue of an asset with one price', () => {
    const net = parseNetwork(labRaw({ perVenue: false }), 'n.json');
    const scenario = {
      format: 'contagion/scenario@1',
      name: 's',
      stepSeconds: 12,
      horizonSteps: 1,
      events: [{ type: 'sale', asset: 'TOK', atStep: 0, usd: '1', venue: 'A' }],
    };
    expect(reasons(() => parseScenario(scenario, 's.json', net))).toEqual([
      expect.stringMatching(/events\[0\]\.venue: a sale on a venue needs "TOK" priced per venue/),
    ]);
  });
});
