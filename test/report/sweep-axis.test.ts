// The sweep heatmap names its axes in words with units: steps as minutes, relative changes as percentages,
// never the raw JSON path as the title.
import { heatmapChart } from '../../src/report/charts';
import { phaseTable } from '../../src/report/report-tables';
import type { PhaseSweep } from '../../src/report/report-documents';
import { sweepAxis } from '../../src/report/sweep-axis';

const sweep = (stepSeconds?: number): PhaseSweep => ({
  format: 'contagion/sweep@1',
  network: 'n',
  scenario: 's',
  ...(stepSeconds === undefined ? {} : { stepSeconds }),
  mode: 'grid',
  parameters: [],
  variants: [],
  phase: {
    rowParam: 'scenario.events[0].path.change',
    colParam: 'scenario.events[0].path.overSteps',
    rows: [-0.1, -0.3],
    cols: [50, 150, 300],
    badDebtUsd: [
      ['1.00', '2.00', '3.00'],
      ['4.00', '5.00', '6.00'],
    ],
  },
});

describe('sweep axes in words', () => {
  it('a relative change is a signed percentage, steps are minutes at the step length', () => {
    expect(sweepAxis('scenario.events[0].path.change', [-0.1, -0.3, 0.05], 12)).toEqual({
      title: 'event 1: price change (%)',
      labels: ['-10%', '-30%', '+5%'],
    });
    expect(sweepAxis('scenario.events[1].path.overSteps', [50, 150, 300], 12)).toEqual({
      title: 'event 2: spread over (minutes)',
      labels: ['10', '30', '60'],
    });
  });

  it('steps stay steps when the step length is unknown (a sweep saved before it was recorded)', () => {
    expect(sweepAxis('scenario.horizonSteps', [600], undefined)).toEqual({
      title: 'horizon (steps)',
      labels: ['600'],
    });
  });

  it('selectors become words, other fields are split at their capitals', () => {
    expect(sweepAxis('network.protocols[aave-v3-core].markets[*].liquidationThreshold', [0.8], 12)).toEqual({
      title: 'protocol aave-v3-core, every market: liquidation threshold (%)',
      labels: ['80%'],
    });
    expect(sweepAxis('network.protocols[kind=issuer].otherAssetsUsd', [1e6], 12).title).toBe(
      'each protocol with kind issuer: other assets (USD)',
    );
  });

  it('the heatmap and its table use the words and the shown values, not the JSON paths', () => {
    const spec = heatmapChart(sweep(12)) as unknown as {
      encoding: { x: { title: string; sort: string[] }; y: { title: string; sort: string[] } };
      data: { values: { row: string; col: string }[] };
    };
    expect(spec.encoding.x).toMatchObject({
      title: 'event 1: spread over (minutes)',
      sort: ['10', '30', '60'],
    });
    expect(spec.encoding.y).toMatchObject({ title: 'event 1: price change (%)', sort: ['-10%', '-30%'] });
    expect(spec.data.values[0]).toMatchObject({ row: '-10%', col: '10' });
    const t = phaseTable(sweep(12));
    expect(t.head).toEqual(['event 1: price change (%) \\ event 1: spread over (minutes)', '10', '30', '60']);
    expect(t.rows.map((r) => r[0])).toEqual(['-10%', '-30%']);
  });
});
