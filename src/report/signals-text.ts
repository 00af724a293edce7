// Terminal rendering of early-warning signals: a run's signals (peak and threshold crossing of each series)
// and the Monte Carlo evaluation of every signal (lead times, precision, recall, ROC AUC in one table).
import type { SignalEvaluation } from '../analysis/signal-evaluation';
import type { RunSignals } from '../engine/signal-result';
import { pct } from './format';
import { table } from './table';

const num = (x: number | null, digits = 3) => (x === null ? '-' : x.toFixed(digits));
const share = (x: number | null) => (x === null ? '-' : pct(x));
/** A threshold: 3 decimals, 4 for one below 0.01 (the funding deviation's 0.0005). */
const level = (x: number) => num(x, x > 0 && x < 0.01 ? 4 : 3);

/** Each series that moved, those that crossed their threshold first (earliest first), then by peak. */
export function renderRunSignals(scenario: string, signals: RunSignals, stepSeconds: number): string {
  const rows = signals.series
    .filter((s) => s.crossedStep !== null || s.values.some((v) => v !== s.values[0]))
    .sort(
      (a, b) =>
        (a.crossedStep ?? Infinity) - (b.crossedStep ?? Infinity) ||
        b.peak - a.peak ||
        (a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : a.target < b.target ? -1 : 1),
    );
  const out = [`Early-warning signals of scenario "${scenario}" (${rows.length} series that moved)`, ''];
  out.push(
    table(
      ['signal', 'on', 'target', 'threshold', 'peak', 'peak step', 'crossed at step', 'crossed at'],
      rows.map((s) => [
        s.signal,
        s.on,
        s.target,
        level(signals.thresholds[s.signal]),
        num(s.peak, 4),
        s.peakStep,
        s.crossedStep ?? '-',
        s.crossedStep === null ? '-' : `${((s.crossedStep * stepSeconds) / 60).toFixed(1)} min`,
      ]),
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  return out.join('\n') + '\n';
}

export function renderSignalEvaluation(r: SignalEvaluation): string {
  const out = [
    `Early-warning signals over ${r.paths} Monte Carlo paths of ${r.asset} (${r.severity}, seed ${r.seed}), ` +
      `scenario "${r.scenario}" on network "${r.network}"`,
    `Label: the protocol fails (stressed or insolvent) within H = ${r.horizonSteps} steps ` +
      `(${((r.horizonSteps * r.stepSeconds) / 60).toFixed(1)} min); ${r.observations} protocol-steps, ${r.positives} positive.`,
    '',
  ];
  out.push(
    table(
      ['signal', 'threshold', 'warned', 'mean lead', 'median lead', 'precision', 'recall', 'ROC AUC'],
      r.signals.map((s) => [
        s.signal,
        level(s.threshold),
        `${s.warned} of ${s.failures}`,
        s.meanLeadSteps === null ? '-' : `${s.meanLeadSteps.toFixed(1)} steps`,
        s.medianLeadSteps === null ? '-' : `${s.medianLeadSteps} steps`,
        share(s.precision),
        share(s.recall),
        num(s.auc),
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push('Lead: steps from a signal first crossing its threshold to the failure it came before.');
  return out.join('\n') + '\n';
}
