// Vega-Lite specs of the report's charts: price paths, losses over time, the breaker comparison and the
// sweep's heatmap. Data is inline; amounts are drawn in USD millions.
import type { BreakerComparison } from '../analysis/breaker-test';
import { verdict } from './breakers-text';
import type { PhaseSweep } from './report-documents';
import { phaseAxes } from './sweep-axis';
import type { ReportModel } from './report-model';
import type { ChartSpec } from './vega-svg';
import { maxOf } from './extent';

const WIDTH = 720;
const CONFIG = {
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e5e7eb' },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
};
const millions = (usd: number) => Math.round(usd / 1e4) / 100;

/** Verdict colours: the same words as the terminal table. */
export const VERDICT_COLOUR: Record<string, string> = {
  baseline: '#6b7280',
  better: '#059669',
  'no change': '#93c5fd',
  WORSE: '#dc2626',
};

export function priceChart(m: ReportModel): ChartSpec {
  return {
    width: WIDTH,
    height: 300,
    background: 'white',
    config: CONFIG,
    data: { values: m.pricePoints },
    mark: { type: 'line', strokeWidth: 1.6, interpolate: 'step-before' },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: `time (${m.time.unit})` },
      y: {
        field: 'share',
        type: 'quantitative',
        title: 'price, share of initial',
        axis: { format: '.0%' },
        scale: { zero: false },
      },
      color: { field: 'asset', type: 'nominal', sort: m.priceAssets, title: 'asset' },
    },
  };
}

export function lossChart(m: ReportModel): ChartSpec {
  return {
    width: WIDTH,
    height: 300,
    background: 'white',
    config: CONFIG,
    data: { values: m.lossPoints.map((p) => ({ ...p, lossM: millions(p.lossUsd) })) },
    mark: { type: 'line', strokeWidth: 1.6, interpolate: 'step-before' },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: `time (${m.time.unit})` },
      y: { field: 'lossM', type: 'quantitative', title: 'equity lost since the start (USD millions)' },
      color: { field: 'protocol', type: 'nominal', sort: m.lossProtocols, title: 'protocol' },
    },
  };
}

/** The signals drawn, each as a share of its threshold, with the threshold as a rule at 1. */
export function signalChart(m: ReportModel): ChartSpec {
  return {
    width: WIDTH,
    height: 300,
    background: 'white',
    config: CONFIG,
    layer: [
      {
        data: { values: m.signalPoints },
        mark: { type: 'line', strokeWidth: 1.6, interpolate: 'step-before' },
        encoding: {
          x: { field: 'time', type: 'quantitative', title: `time (${m.time.unit})` },
          y: { field: 'ofThreshold', type: 'quantitative', title: 'signal, share of its threshold' },
          color: {
            field: 'series',
            type: 'nominal',
            sort: m.signalSeries.map((x) => `${x.signal} ${x.target}`),
            title: 'signal',
          },
        },
      },
      {
        data: { values: [{ y: 1 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#dc2626' },
        encoding: { y: { field: 'y', type: 'quantitative' } },
      },
    ],
  };
}

export function breakerChart(c: BreakerComparison): ChartSpec {
  const values = c.runs.map((r) => ({
    run: r.label,
    badDebtM: millions(r.badDebtUsd),
    verdict: verdict(r),
    insolvent: r.insolventProtocols.length,
  }));
  const order = values.map((v) => v.run);
  const top = maxOf(
    values.map((v) => v.badDebtM),
    1,
  );
  const domain = Object.keys(VERDICT_COLOUR);
  return {
    width: WIDTH - 160,
    height: { step: 28 },
    background: 'white',
    config: CONFIG,
    data: { values },
    encoding: {
      y: { field: 'run', type: 'nominal', sort: order, title: null, axis: { labelLimit: 400 } },
      x: {
        field: 'badDebtM',
        type: 'quantitative',
        title: 'bad debt (USD millions)',
        scale: { domain: [0, top * 1.15], nice: true },
      },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: {
            field: 'verdict',
            type: 'nominal',
            title: 'verdict',
            scale: { domain, range: domain.map((d) => VERDICT_COLOUR[d]!) },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: { text: { field: 'badDebtM', type: 'quantitative', format: ',.1f' } },
      },
    ],
  };
}

export function heatmapChart(s: PhaseSweep): ChartSpec {
  const p = s.phase;
  const axes = phaseAxes(s);
  const values = p.rows.flatMap((_, i) =>
    p.cols.map((_, j) => ({
      row: axes.row.labels[i]!,
      col: axes.col.labels[j]!,
      badDebtM: millions(Number(p.badDebtUsd[i]![j]!)),
    })),
  );
  const max = maxOf(
    values.map((v) => v.badDebtM),
    0,
  );
  return {
    width: Math.min(WIDTH, Math.max(320, 72 * p.cols.length)),
    height: Math.min(440, Math.max(160, 40 * p.rows.length)),
    background: 'white',
    config: CONFIG,
    data: { values },
    encoding: {
      x: {
        field: 'col',
        type: 'ordinal',
        sort: axes.col.labels,
        title: axes.col.title,
        axis: { labelAngle: 0 },
      },
      y: { field: 'row', type: 'ordinal', sort: axes.row.labels, title: axes.row.title },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'badDebtM',
            type: 'quantitative',
            title: 'bad debt (USD M)',
            scale: { scheme: 'orangered', domain: [0, max > 0 ? max : 1] },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'badDebtM', type: 'quantitative', format: ',.1f' },
          color: { condition: { test: `datum.badDebtM > ${max * 0.6}`, value: 'white' }, value: '#111827' },
        },
      },
    ],
  };
}
