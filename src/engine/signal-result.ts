// The `signals` of run@1 (docs/formats.md): each measured series that is not 0 throughout, with its peak and
// the step it first crossed its threshold, and the thresholds and composite weights it was read with.
import {
  COMPOSITE_WEIGHTS,
  SIGNAL_TARGET,
  SIGNAL_THRESHOLDS,
  type SignalKind,
  type SignalTargetKind,
} from '../model/signal-kinds';
import { unhandled } from './compile-scenario';
import { firstCrossing, type SignalTrace } from './signal-trace';
import type { EngineState } from './state';

export interface SignalSeries {
  signal: SignalKind;
  on: SignalTargetKind;
  target: string;
  peak: number;
  /** First step at the peak. */
  peakStep: number;
  /** First step at or above the threshold, from below; null if never. */
  crossedStep: number | null;
  /** After each step, rounded to 6 decimals. */
  values: number[];
}

export interface RunSignals {
  thresholds: Record<SignalKind, number>;
  compositeWeights: Record<Exclude<SignalKind, 'composite'>, number>;
  series: SignalSeries[];
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function targetName(s: EngineState, on: SignalTargetKind, i: number): string {
  switch (on) {
    case 'asset':
      return s.names.assets[i]!;
    case 'oracle':
      return s.names.oracles[i]!;
    case 'market':
      return s.names.markets[i]!;
    case 'protocol':
      return s.names.protocols[i]!;
    case 'perp-book':
      return s.perps.books[i]!.id;
    default:
      return unhandled(on);
  }
}

export function runSignals(s: EngineState, trace: SignalTrace): RunSignals {
  const series: SignalSeries[] = [];
  const steps = trace.raw.length;
  trace.book.targets.forEach(({ kind, target }, i) => {
    let peak = 0;
    let peakStep = -1;
    for (let t = 0; t < steps; t++) {
      const v = trace.raw[t]![i]!;
      if (v > peak) {
        peak = v;
        peakStep = t;
      }
    }
    if (peakStep < 0) return; // 0 throughout: left out
    const crossed = firstCrossing(
      trace.initialRaw[i]!,
      (t) => trace.raw[t]![i]!,
      steps,
      SIGNAL_THRESHOLDS[kind],
    );
    const on = SIGNAL_TARGET[kind];
    series.push({
      signal: kind,
      on,
      target: targetName(s, on, target),
      peak: round6(peak),
      peakStep,
      crossedStep: crossed >= 0 ? crossed : null,
      values: trace.raw.map((row) => round6(row[i]!)),
    });
  });
  return { thresholds: { ...SIGNAL_THRESHOLDS }, compositeWeights: { ...COMPOSITE_WEIGHTS }, series };
}
