// A report of a very long run: series of 200,000 steps are reduced without spreading them into a call (which
// overflows the call stack).
import { runScenario } from '../../src/engine/run';
import type { RunResult } from '../../src/engine/result';
import { parseScenario } from '../../src/model/parse-scenario';
import { renderMarkdownReport } from '../../src/report/markdown';
import { buildReportModel } from '../../src/report/report-model';
import { maxOf, minOf } from '../../src/report/extent';
import { tinyNetwork } from '../helpers/fixtures';

const STEPS = 200_000;
const net = tinyNetwork();
const crash = (extra: object = {}) =>
  parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'crash',
      stepSeconds: 12,
      horizonSteps: 50,
      events: [
        { type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'linear', change: -0.4, overSteps: 20 } },
      ],
      ...extra,
    },
    'crash.json',
    net,
  );

/** The run with every series stretched to STEPS points: the last value held, and ETH's low at the very end. */
function stretched(run: RunResult): RunResult {
  const hold = (xs: number[]) => Array.from({ length: STEPS }, (_, i) => xs[Math.min(i, xs.length - 1)]!);
  const priceUsd = Object.fromEntries(Object.entries(run.series.priceUsd).map(([id, xs]) => [id, hold(xs)]));
  priceUsd.ETH![STEPS - 1] = 1;
  return {
    ...run,
    series: {
      step: Array.from({ length: STEPS }, (_, i) => i),
      priceUsd,
      equityUsd: Object.fromEntries(Object.entries(run.series.equityUsd).map(([id, xs]) => [id, hold(xs)])),
    },
  };
}

describe('long series', () => {
  it('maxOf and minOf take any length, with their floor and ceiling', () => {
    const xs = Array.from({ length: STEPS }, (_, i) => (i * 7919) % STEPS);
    expect([maxOf(xs), minOf(xs), maxOf([], 1), minOf([5], 2)]).toEqual([STEPS - 1, 0, 1, 2]);
  });

  it('a report of a 200,000-step run is built, and shows the low of the last step', () => {
    const model = buildReportModel({ run: stretched(runScenario(net, crash())) });
    const md = renderMarkdownReport(model);
    expect(model.priceAssets[0]).toBe('ETH');
    // ETH's lowest price is the 1 USD of the last step: 1/2000 of its initial price.
    expect(md.split('\n')).toContain(
      '| ETH | 2000.00 | 60.0% | 60.0% | 60.0% | 0.1% | 0.1% at step 199999 (40000 min) |',
    );
  });
});
