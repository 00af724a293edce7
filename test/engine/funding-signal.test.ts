// The funding-deviation signal (docs/model.md §21) on one perp book, by hand: Hyperliquid's funding rule
// F = P + clamp(I - P, -0.0005, 0.0005) per 8 hours, I = 0.0001 (0.01% per 8 h), capped at 4% per hour
// (docs/model.md §15.2; restated at https://hyperliquid-co.gitbook.io/community-docs/technology-breakdown/hyperliquid-l1/dex/clearinghouse/funding),
// read as |F - I|.
import { KIND_INDEX } from '../../src/engine/signals';
import { signalChart } from '../../src/report/charts';
import { buildReportModel } from '../../src/report/report-model';
import { renderRunSignals } from '../../src/report/signals-text';
import { runScenario, simulate } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { onePerpBookRaw, perpVenue } from '../helpers/one-perp-book';

/** One book of ETH-PERP (D = 10M USD per unit of log price) indexed to ETH at 1000; `saleUsd` sold on it at `saleStep`. */
function book(saleUsd: number, funding = true, saleStep = 0) {
  const net = parseNetwork(
    onePerpBookRaw(1e7, [
      perpVenue(
        {},
        {
          ...(funding ? { funding: { interestPer8h: 0.0001, clampPer8h: 0.0005, capPerHour: 0.04 } } : {}),
          cohorts: [
            { label: 'long 10x', side: 'long', size: '100', entryPriceUsd: '1000', marginUsd: '10000' },
          ],
        },
      ),
    ]),
    'perp.json',
  );
  const scenario = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'sale on the book',
      stepSeconds: 12,
      horizonSteps: 3,
      events: [{ type: 'sale', asset: 'ETH-PERP', atStep: saleStep, usd: String(saleUsd) }],
    },
    'sale.json',
    net,
  );
  return { net, scenario };
}

describe('funding-rate deviation, by hand', () => {
  // $100,000 sold into D = 10M: the book trades at 1000 · exp(-0.01) = 990.04983 against an index of 1000, a
  // premium P = -0.0099502; F = P + 0.0005 = -0.0094502 per 8 h (-0.00118 per hour, inside the 4% cap);
  // |F - I| = 0.0095502, above the threshold 0.0005.
  const premium = Math.exp(-0.01) - 1;
  const expected = Math.abs(premium + 0.0005 - 0.0001);

  it('reads |F - I| on the book and on the venue that clears it', () => {
    const { net, scenario } = book(100_000);
    const { ctx } = simulate(net, scenario, { signals: true });
    const trace = ctx.signals!;
    const i = trace.book.targets.findIndex((t) => t.kind === 'funding-deviation');
    expect(i).toBeGreaterThanOrEqual(0);
    // Before the sale the book is at its index: P = 0, F = P + clamp(I - P) = I, no deviation.
    expect(trace.initialRaw[i]).toBe(0);
    expect(trace.raw[0]![i]).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.0095502, 7);
    const P = ctx.s.names.protocols.length;
    const venue = ctx.s.names.protocols.indexOf('venue');
    expect(trace.byProtocol[0]![KIND_INDEX['funding-deviation'] * P + venue]).toBeCloseTo(expected, 12);
  });

  it('is reported in run@1 with its crossing at the step of the sale', () => {
    const { net, scenario } = book(100_000);
    const run = runScenario(net, scenario, { signals: true });
    const series = run.signals!.series.find((x) => x.signal === 'funding-deviation')!;
    expect(series).toMatchObject({ on: 'perp-book', target: 'venue/eth', crossedStep: 0, peakStep: 0 });
    expect(series.peak).toBeCloseTo(0.00955, 5);
    expect(run.signals!.thresholds['funding-deviation']).toBe(0.0005);
    expect(run.signals!.compositeWeights['funding-deviation']).toBe(0);
    // The terminal table prints its threshold with four decimals, not rounded to 0.001 (the peak 0.00955 as 0.0095).
    const text = renderRunSignals('sale on the book', run.signals!, 12);
    expect(text).toMatch(/funding-deviation\s+│ perp-book\s+│ venue\/eth\s+│\s+0\.0005 │\s+0\.0095 │/);
  });

  it('stays 0 inside the clamp band and on a book without funding', () => {
    // $4,000 into D = 10M: P = exp(-0.0004) - 1 = -0.00039992, |I - P| = 0.0005 - 8e-8 < 0.0005, so F = I.
    const small = book(4_000);
    const inside = simulate(small.net, small.scenario, { signals: true }).ctx.signals!;
    const i = inside.book.targets.findIndex((t) => t.kind === 'funding-deviation');
    expect(inside.raw[0]![i]).toBeCloseTo(0, 15);
    const none = book(100_000, false);
    const trace = simulate(none.net, none.scenario, { signals: true }).ctx.signals!;
    expect(trace.book.targets.some((t) => t.kind === 'funding-deviation')).toBe(false);
  });

  it('is drawn in the report chart as a share of its threshold', () => {
    // The sale at step 1: 0 at step 0, then 0.00955 = 19.1 times the threshold 0.0005.
    const { net, scenario } = book(100_000, true, 1);
    const model = buildReportModel({ run: runScenario(net, scenario, { signals: true }) });
    // It crossed at step 1, the others (the book's discount to its peg) never: it comes first.
    expect(model.signalSeries[0]).toMatchObject({ signal: 'funding-deviation', crossedStep: 1 });
    const spec = JSON.stringify(signalChart(model));
    expect(spec).toContain('"series":"funding-deviation venue/eth"');
    expect(spec).toContain('"ofThreshold":19.1');
  });

  it('triggers a breaker on the venue that clears the book', () => {
    const { net } = book(100_000);
    const scenario = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'sale, then a breaker on funding',
        stepSeconds: 12,
        horizonSteps: 4,
        events: [{ type: 'sale', asset: 'ETH-PERP', atStep: 1, usd: '100000' }],
        breakers: [
          {
            id: 'funding-pause',
            scope: { protocols: ['venue'] },
            trigger: { kind: 'signal', signal: 'funding-deviation', protocol: 'venue' },
            actions: [{ kind: 'pause-liquidations' }],
            durationSteps: 2,
            cooldownSteps: 0,
          },
        ],
      },
      'breaker.json',
      net,
    );
    // Read at stage 4 on the state after the oracles: the sale of step 1 moves the book at stage 6, so the
    // deviation 0.00955 is first seen at step 2.
    const run = runScenario(net, scenario);
    expect(run.breakerActivations).toEqual([
      expect.objectContaining({ breaker: 'funding-pause', startStep: 2 }),
    ]);
  });
});
