// Perp books through a whole run (docs/model.md §15): the worked cases of perp-book.test.ts on a network, so
// the mark, the waterfall, the booking of the venue's and the vault's perp accounts and the ledger's
// reconciliation are tested together. One 10x long (100 ETH from 1000 USD, margin 10,000, maintenance 2% as
// Hyperliquid's half of the initial margin at 25x, https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations).
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { InputError } from '../../src/model/errors';
import { onePerpBookRaw, perpVenue } from '../helpers/one-perp-book';

interface Case {
  /** Depth D of the book (USD per unit of log price). */
  depth: number;
  vaultUsd?: number;
  /** Capital of the vault's liquidator sub-vault (absent: its whole equity backs takeovers). */
  capitalUsd?: number;
  insuranceUsd?: number;
  short?: boolean;
  /** Share of the cohort in positions above 100,000 USD, liquidated 20% at a time (absent: no partial rule). */
  largeShare?: number;
  /** Share of the book's depth that is the vault's quotes. */
  makerShare?: number;
}

function raw(c: Case): Record<string, unknown> {
  const cohorts: Record<string, unknown>[] = [
    { label: 'long 10x', side: 'long', size: '100', entryPriceUsd: '1000', marginUsd: '10000' },
  ];
  if (c.short)
    cohorts.push({
      label: 'short 5x',
      side: 'short',
      size: '200',
      entryPriceUsd: '1000',
      marginUsd: '40000',
    });
  const protocols: Record<string, unknown>[] = [
    perpVenue(
      { insuranceFundUsd: String(c.insuranceUsd ?? 0) },
      {
        ...(c.vaultUsd !== undefined
          ? {
              backstop: {
                vault: 'vault',
                ...(c.capitalUsd !== undefined ? { capitalUsd: String(c.capitalUsd) } : {}),
                ...(c.makerShare !== undefined ? { makerShare: c.makerShare } : {}),
              },
            }
          : {}),
        ...(c.largeShare !== undefined
          ? {
              partialLiquidation: {
                aboveNotionalUsd: '100000',
                orderShare: 0.2,
                cooldownSeconds: 30,
                largeShare: c.largeShare,
              },
            }
          : {}),
        cohorts,
      },
    ),
  ];
  if (c.vaultUsd !== undefined)
    protocols.push({ id: 'vault', kind: 'vault', holdings: [{ asset: 'USDC', amount: String(c.vaultUsd) }] });
  return onePerpBookRaw(c.depth, protocols);
}

/**
 * ETH gaps by `change` at step 0 (or moves by each of `changes` from the start, one a step); the book follows
 * through its peg, the mark reaches it a step later.
 */
function run(c: Case, change: number, changes?: number[]) {
  const net = parseNetwork(raw(c), 'perp.json');
  const path = changes ? { shape: 'series', everySteps: 1, changes } : { shape: 'gap', change };
  const scenario = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'gap',
      stepSeconds: 12,
      horizonSteps: 4,
      events: [{ type: 'price', asset: 'ETH', atStep: 0, path }],
    },
    'gap.json',
    net,
  );
  return runScenario(net, scenario);
}

describe('perp books in a run, worked by hand', () => {
  it('mark 910, book D = 9.1M: the cohort is sold into the book at 905.47, above bankruptcy 900', () => {
    const r = run({ depth: 9_100_000 }, -0.09);
    const [book] = r.perps!;
    expect(book).toMatchObject({
      id: 'venue/eth',
      protocol: 'venue',
      backstop: null,
      liquidatedUsd: '91000.00',
      bookLiquidatedUsd: '91000.00',
      backstopTakeoverUsd: '0.00',
      badDebtUsd: '0.00',
      adlVolumeUsd: '0.00',
    });
    const venue = r.protocols.find((p) => p.id === 'venue')!;
    expect(venue).toMatchObject({ badDebtUsd: '0.00', lossUsd: '0.00', liquidatedUsd: '91000.00' });
  });

  it('the same with D = 910,000 (fill 865.98 < 900): the vault takes over at 910 and books +1,000', () => {
    const r = run({ depth: 910_000, vaultUsd: 100_000 }, -0.09);
    const [book] = r.perps!;
    expect(book).toMatchObject({
      backstop: 'vault',
      backstopTakeoverUsd: '91000.00',
      backstopPnlUsd: '1000.00',
      backstopOpenUsd: '91000.00',
      bookLiquidatedUsd: '0.00',
      badDebtUsd: '0.00',
    });
    const vault = r.protocols.find((p) => p.id === 'vault')!;
    expect(vault.lossUsd).toBe('-1000.00');
    expect(vault.lossByChannel.liquidation).toBe('-1000.00');
    const rows = r.ledger.filter((x) => x.to === 'vault');
    expect(rows).toEqual([
      { step: 1, from: 'asset:ETH-PERP', to: 'vault', channel: 'liquidation', amountUsd: '1000.00' },
    ]);
  });

  it('a liquidator sub-vault takes over the whole cohort, though its 410 of capital cannot margin it', () => {
    // At mark 910 the takeover needs 2% of 91,000 less the equity 1,000 = 820 of margin; the sub-vault takes
    // all 100 ETH anyway, undercollateralised (410 + 1,000 < 1,820), and receives the 1,000.
    const r = run({ depth: 910_000, vaultUsd: 100_000, capitalUsd: 410 }, -0.09);
    expect(r.perps![0]).toMatchObject({
      backstopTakeoverUsd: '91000.00',
      backstopPnlUsd: '1000.00',
      backstopOpenUsd: '91000.00',
      adlVolumeUsd: '0.00',
      backstopDeleveragedUsd: '0.00',
      badDebtUsd: '0.00',
    });
    expect(r.protocols.find((p) => p.id === 'vault')!.lossUsd).toBe('-1000.00');
  });

  it("once the sub-vault's loss passes its capital its position is deleveraged at the mark against the short", () => {
    // As above, then ETH at 800 from step 2. The book follows a step later: at step 2 the mark is 900.90 (the
    // book 910 - 1%) and the sub-vault has 410 + 1,000 + 100 (900.90 - 910) = 500; at step 3 the mark is 800
    // and it has 410 + 1,000 + 100 (800 - 910) = -9,590 < 0, so its 100 ETH close at 800 against the
    // profitable short: ADL 80,000, nothing socialised, its cash 1,000 - 11,000 = -10,000.
    const r = run(
      { depth: 910_000, vaultUsd: 100_000, capitalUsd: 410, short: true },
      0,
      [-0.09, -0.09, -0.2],
    );
    expect(r.perps![0]).toMatchObject({
      backstopTakeoverUsd: '91000.00',
      backstopDeleveragedUsd: '80000.00',
      adlVolumeUsd: '80000.00',
      socializedLossUsd: '0.00',
      backstopPnlUsd: '-10000.00',
      backstopOpenUsd: '0.00',
      badDebtUsd: '0.00',
    });
    // The vault bears its sub-vault's loss; the venue loses nothing.
    expect(r.protocols.find((p) => p.id === 'vault')!.lossUsd).toBe('10000.00');
    expect(r.protocols.find((p) => p.id === 'venue')!.lossUsd).toBe('0.00');
  });

  it('half the cohort in large positions: the small half goes to the vault, the large half sends 10 ETH', () => {
    // At mark 910 the two halves (50 ETH, 5,000 of margin each) are equally below maintenance; the small half,
    // first by index, would fill at 910 (1 - e^-0.05) / 0.05 = 887.62 < its bankruptcy 900: the vault takes it
    // over at 910 (+500). The large half sends 20% (10 ETH) at 910 (1 - e^-0.01) / 0.01 = 905.47, above
    // bankruptcy; the vault's quarter of the depth buys 2.5 ETH of it at 905.47 (2,263.67).
    const r = run({ depth: 910_000, vaultUsd: 100_000, largeShare: 0.5, makerShare: 0.25 }, -0.09);
    const [book] = r.perps!;
    expect(book).toMatchObject({ partialOrderUsd: '9100.00', badDebtUsd: '0.00' });
    // 10 x (910 - 905.47) = 45.35 below the index, the vault's quarter 11.34.
    expect(book).toMatchObject({
      makerFilledUsd: '2263.66',
      bookDiscountUsd: '45.35',
      makerDiscountUsd: '11.34',
    });
    // The 40 ETH left go whole in the cooldown (step 2); the book, 1% lower after the 10 ETH, would fill them
    // below bankruptcy, so the vault takes them over too: 50 + 40 ETH taken over, none further sold.
    expect(book!.bookLiquidatedUsd).toBe('9100.00');
    // The vault's result is its takeovers' and its quotes' accounts, as booked in the ledger (to a cent each).
    const vault = r.protocols.find((p) => p.id === 'vault')!;
    const accounts = Number(book!.backstopPnlUsd) + Number(book!.makerPnlUsd);
    expect(Math.abs(Number(vault.lossUsd) + accounts)).toBeLessThanOrEqual(0.02);
  });

  it('without the partial rule and the quotes the book reports neither, and the run is as before', () => {
    const [book] = run({ depth: 910_000, vaultUsd: 100_000 }, -0.09).perps!;
    expect(book).not.toHaveProperty('partialOrderUsd');
    expect(book).not.toHaveProperty('makerPnlUsd');
  });

  it.each([
    ['200000', '18200.00'],
    ['100000', '0.00'],
  ])(
    'a cohort whose typical position is %s USD is all large above 100,000 and all small at it (partial orders %s)',
    (notional, partial) => {
      // largeShare 0 for the book: only positionNotionalUsd makes the cohort large. All large, it sends 20 ETH at
      // mark 910 into D = 9.1M (18,200 at the mark); all small, it goes whole.
      const net = raw({ depth: 9_100_000, vaultUsd: 100_000, largeShare: 0 });
      const book = (net.protocols as { perps: { cohorts: Record<string, unknown>[] }[] }[])[0]!.perps[0]!;
      book.cohorts[0]!.positionNotionalUsd = notional;
      const parsed = parseNetwork(net, 'perp.json');
      const scenario = parseScenario(
        {
          format: 'contagion/scenario@1',
          name: 'gap',
          stepSeconds: 12,
          horizonSteps: 2,
          events: [{ type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'gap', change: -0.09 } }],
        },
        'gap.json',
        parsed,
      );
      expect(runScenario(parsed, scenario).perps![0]!.partialOrderUsd).toBe(partial);
    },
  );

  it('rejects a partial order share of 0 and a maker share above 1, naming the file and the JSON path', () => {
    const net = raw({ depth: 1, vaultUsd: 1, largeShare: 0.5, makerShare: 0.1 });
    const book = (net.protocols as { perps: Record<string, Record<string, unknown>>[] }[])[0]!.perps[0]!;
    book.partialLiquidation!.orderShare = 0;
    expect(() => parseNetwork(net, 'perp.json')).toThrow(
      /perp\.json.*\$\.protocols\[0\]\.perps\[0\]\.partialLiquidation\.orderShare: must be above 0/s,
    );
    book.partialLiquidation!.orderShare = 0.2;
    book.backstop!.makerShare = 1.5;
    expect(() => parseNetwork(net, 'perp.json')).toThrow(
      /\$\.protocols\[0\]\.perps\[0\]\.backstop\.makerShare: must be in \[0, 1\]/,
    );
  });

  it('rejects books backed by one vault that give its liquidator sub-vault different capital', () => {
    const net = raw({ depth: 1, vaultUsd: 1, capitalUsd: 10 });
    const books = (net.protocols as Record<string, unknown>[])[0]!.perps as Record<string, unknown>[];
    books.push({ ...books[0]!, id: 'venue/eth-2', backstop: { vault: 'vault', capitalUsd: '20' } });
    expect(() => parseNetwork(net, 'perp.json')).toThrow(
      /\$\.protocols\[0\]\.perps\[1\]\.backstop\.capitalUsd: the books backed by vault "vault" share one liquidator sub-vault: capitalUsd must be the same as on book "venue\/eth" \(10\)/,
    );
  });

  it('mark 890 with the vault empty and no fund: ADL closes 100 ETH of the short at 900, the venue loses nothing', () => {
    const r = run({ depth: 890_000, vaultUsd: 0, short: true }, -0.11);
    const [book] = r.perps!;
    expect(book).toMatchObject({
      backstopTakeoverUsd: '0.00',
      insuranceFundUsedUsd: '0.00',
      adlVolumeUsd: '90000.00',
      socializedLossUsd: '1000.00',
      badDebtUsd: '0.00',
      // The long liquidated is 89,000 at the mark; the short's side is the ADL volume.
      liquidatedUsd: '89000.00',
    });
    expect(r.protocols.find((p) => p.id === 'venue')!.lossUsd).toBe('0.00');
  });

  it('the same with a fund of 10,000: the fund pays the 5,305.30 shortfall of the book sale, no ADL', () => {
    const r = run({ depth: 890_000, insuranceUsd: 10_000, short: true }, -0.11);
    const [book] = r.perps!;
    expect(book).toMatchObject({ insuranceFundUsedUsd: '5305.30', adlVolumeUsd: '0.00', badDebtUsd: '0.00' });
    const venue = r.protocols.find((p) => p.id === 'venue')!;
    expect(venue).toMatchObject({ lossUsd: '5305.30', insuranceFundUsedUsd: '5305.30', badDebtUsd: '0.00' });
  });

  it('with nobody on the other side, the negative equity of 1,000 is the venue bad debt', () => {
    const r = run({ depth: 890_000 }, -0.11);
    expect(r.perps![0]!.badDebtUsd).toBe('1000.00');
    const venue = r.protocols.find((p) => p.id === 'venue')!;
    // The venue has no equity to take the 1,000: its creditors' resources count its perp account (§3.7), so
    // it defaults.
    expect(venue).toMatchObject({ badDebtUsd: '1000.00', lossUsd: '1000.00', status: 'insolvent' });
    expect(r.summary.badDebtUsd).toBe('1000.00');
  });

  it('a run without perp books has no perps field', () => {
    const net = raw({ depth: 1 });
    delete (net.protocols as Record<string, unknown>[])[0]!.perps;
    const network = parseNetwork(net, 'n.json');
    const scenario = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'gap',
        stepSeconds: 12,
        horizonSteps: 2,
        events: [{ type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'gap', change: -0.1 } }],
      },
      's.json',
      network,
    );
    expect(runScenario(network, scenario).perps).toBeUndefined();
  });

  it('names the file, the JSON path and the id of an unknown backstop vault or index oracle', () => {
    const net = raw({ depth: 1, vaultUsd: 1 });
    const book = ((net.protocols as Record<string, unknown>[])[0]!.perps as Record<string, unknown>[])[0]!;
    book.backstop = { vault: 'nobody' };
    book.indexOracles = ['eth', 'nowhere'];
    let err: unknown;
    try {
      parseNetwork(net, 'perp.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const text = (err as Error).message;
    expect(text).toContain('perp.json');
    expect(text).toContain('$.protocols[0].perps[0].indexOracles[1]');
    expect(text).toContain('unknown oracle "nowhere"');
    expect(text).toContain('$.protocols[0].perps[0].backstop.vault');
    expect(text).toContain('unknown protocol "nobody"');
  });

  it('rejects margin tiers that do not start at 0 or do not increase', () => {
    const net = raw({ depth: 1 });
    const book = ((net.protocols as Record<string, unknown>[])[0]!.perps as Record<string, unknown>[])[0]!;
    book.marginTiers = [
      { fromNotionalUsd: '10', maxLeverage: 25 },
      { fromNotionalUsd: '5', maxLeverage: 10 },
    ];
    expect(() => parseNetwork(net, 'perp.json')).toThrow(
      /\$\.protocols\[0\]\.perps\[0\]\.marginTiers\[0\]\.fromNotionalUsd: the first margin tier must start from 0/,
    );
    expect(() => parseNetwork(net, 'perp.json')).toThrow(
      /marginTiers\[1\]\.fromNotionalUsd: margin tiers must be in increasing order/,
    );
  });

  it("picks a cohort's maintenance from the tier of its typical position (half the initial margin)", () => {
    const net = raw({ depth: 9_100_000 });
    const book = ((net.protocols as Record<string, unknown>[])[0]!.perps as Record<string, unknown>[])[0]!;
    // Above 50,000 of notional a position may open at most 5x: maintenance 10%.
    book.marginTiers = [
      { fromNotionalUsd: '0', maxLeverage: 25 },
      { fromNotionalUsd: '50000', maxLeverage: 5 },
    ];
    const cohorts = book.cohorts as Record<string, unknown>[];
    cohorts[0]!.positionNotionalUsd = '100000';
    const network = parseNetwork(net, 'perp.json');
    const scenario = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'gap',
        stepSeconds: 12,
        horizonSteps: 3,
        events: [{ type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'gap', change: -0.01 } }],
      },
      'gap.json',
      network,
    );
    // At mark 990 the 10x long has 9,000 of equity: above 2% of 99,000, below 10% (9,900), so liquidated.
    expect(runScenario(network, scenario).perps![0]!.liquidatedUsd).toBe('99000.00');
  });

  it('refuses a book whose notional on one side is beyond the 1e12 USD the cents ledger carries', () => {
    const net = raw({ depth: 1 });
    const book = ((net.protocols as Record<string, unknown>[])[0]!.perps as Record<string, unknown>[])[0]!;
    (book.cohorts as Record<string, unknown>[])[0]!.size = '2000000000';
    expect(() => parseNetwork(net, 'perp.json')).toThrow(
      '$.protocols[0].perps[0]: long notional of 2000000000000 USD at initial prices: at most 1e12 USD',
    );
  });
});
