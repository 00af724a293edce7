// The signals of a run kept step by step (docs/model.md §21): every target's value after each step, and every
// kind projected onto every protocol, with the values before step 0 that a crossing is measured from.
import type { RunContext } from './context';
import { SignalBook } from './signals';
import type { Stage } from './stages/stage';

export interface SignalTrace {
  book: SignalBook;
  /** Values before the first step (the network as given). */
  initialRaw: Float64Array;
  initialByProtocol: Float64Array;
  /** After step t: raw[t][i] is target i, byProtocol[t][k * P + p] kind k on protocol p. */
  raw: Float64Array[];
  byProtocol: Float64Array[];
}

/** A trace of a run's signals, its initial values read from the context as made. */
export function createSignalTrace(ctx: RunContext): SignalTrace {
  const book = new SignalBook(ctx.s);
  book.evaluate(ctx);
  return {
    book,
    initialRaw: book.raw.slice(),
    initialByProtocol: book.byProtocol.slice(),
    raw: [],
    byProtocol: [],
  };
}

/** The stage that records the step's signals, run once the ledger has closed the step (equity as booked). */
export function createSignalStage(trace: SignalTrace): Stage {
  return (ctx) => {
    trace.book.evaluate(ctx);
    trace.raw.push(trace.book.raw.slice());
    trace.byProtocol.push(trace.book.byProtocol.slice());
  };
}

/**
 * The first step at which a series reaches `threshold` from below (the value before step 0 counts as the
 * step before it), or -1. A series already at or above it before step 0 crosses only after falling below.
 */
export function firstCrossing(
  initial: number,
  at: (t: number) => number,
  steps: number,
  threshold: number,
): number {
  let below = initial < threshold;
  for (let t = 0; t < steps; t++) {
    const v = at(t);
    if (v >= threshold) {
      if (below) return t;
    } else below = true;
  }
  return -1;
}
