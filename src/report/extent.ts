// The largest and smallest value of a series of any length (Math.max(...series) overflows the call stack on
// long runs: every argument is a stack slot).

/** The largest of `values`, or `floor` when that is larger or there are none. */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let m = floor;
  for (const v of values) if (v > m) m = v;
  return m;
}

/** The smallest of `values`, or `ceiling` when that is smaller or there are none. */
export function minOf(values: Iterable<number>, ceiling = Infinity): number {
  let m = ceiling;
  for (const v of values) if (v < m) m = v;
  return m;
}
