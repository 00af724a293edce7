// A field built on first read: the large tables of a parsed network (cohorts, claims) stay as checked rows
// until a reader asks for their decimal.js form.

/**
 * A lazy field of one kind of object, built from the rows each object was given: given to a copy of an
 * object, or to an object being built.
 */
export interface LazyField<T, R> {
  /** A copy of `source` with the field in its place (or last, if `source` has none), built from `rows`. */
  copy(source: T, rows: R): T;
  /** Adds the field to `target`, an object being built field by field, as its next field, built from `rows`. */
  define(target: T, rows: R): void;
  /** The rows `target` was given, until its field is read or set; undefined for any other object. */
  rowsOf(target: T): R | undefined;
}

/**
 * A field `key` that objects of one kind can be given, with the rows to build it from: on such an object,
 * `target[key]` is built by `build` from its rows on first read; reading it, or assigning it, turns it into a
 * plain data field and lets the rows go. One getter and one setter serve every object (a network has tens of
 * thousands of markets), not a pair of closures each. The rows sit on the object itself, under a symbol and
 * not enumerable (JSON, `Object.keys` and spreads do not see them): a WeakMap of fifty thousand entries costs
 * a lookup per read and work at every full collection.
 */
export function lazyField<T extends object, K extends keyof T, R>(
  key: K,
  build: (rows: R) => T[K],
): LazyField<T, R> {
  const ROWS = Symbol(`rows of ${String(key)}`);
  type Holder = T & { [ROWS]?: R };
  const settle = (self: Holder, value: T[K]) => {
    Object.defineProperty(self, key, { value, enumerable: true, writable: true });
    self[ROWS] = undefined;
  };
  const descriptor: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: Holder): T[K] {
      const value = build(this[ROWS]!);
      settle(this, value);
      return value;
    },
    set(this: Holder, value: T[K]) {
      settle(this, value);
    },
  };
  const give = (target: T, rows: R) =>
    Object.defineProperty(target, ROWS, { value: rows, writable: true, enumerable: false });
  const copy = (source: T, rows: R): T => {
    // A new object with the same fields in the same order, `key` defined in its place: redefining a data
    // field of an existing object as an accessor would turn the object into a dictionary (about a kilobyte
    // each), where objects built field by field share their layout.
    const out = {} as T;
    for (const k of Object.keys(source)) {
      if (k === key) Object.defineProperty(out, k, descriptor);
      else (out as Record<string, unknown>)[k] = (source as Record<string, unknown>)[k];
    }
    if (!Object.prototype.hasOwnProperty.call(out, key)) Object.defineProperty(out, key, descriptor);
    give(out, rows);
    return out;
  };
  return {
    copy,
    define: (target, rows) => {
      Object.defineProperty(target, key, descriptor);
      give(target, rows);
    },
    rowsOf: (target) => (target as Holder)[ROWS],
  };
}
