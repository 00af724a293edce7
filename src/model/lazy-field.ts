// A field built on first read: the large tables of a parsed network (cohorts, claims) stay as checked rows
// until a reader asks for their decimal.js form.

/** A lazy field of one kind of object: given to a copy of an object, or to an object being built. */
export interface LazyField<T> {
  /** A copy of `source` with the field in its place (or last, if `source` has none). */
  copy(source: T): T;
  /** Adds the field to `target`, an object being built field by field, as its next field. */
  define(target: T): void;
}

/**
 * A field `key` that objects of one kind can be given: on such an object, `target[key]` is built by `build` on first read; reading it, or assigning it, turns it into a plain data
 * field and calls `settled` (so the caller can forget the rows it kept for `build`). One getter and one
 * setter serve every object (a network has tens of thousands of markets), not a pair of closures each.
 */
export function lazyField<T extends object, K extends keyof T>(
  key: K,
  build: (target: T) => T[K],
  settled: (target: T) => void,
): LazyField<T> {
  const settle = (self: T, value: T[K]) => {
    Object.defineProperty(self, key, { value, enumerable: true, writable: true });
    settled(self);
  };
  const descriptor: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: T): T[K] {
      const value = build(this);
      settle(this, value);
      return value;
    },
    set(this: T, value: T[K]) {
      settle(this, value);
    },
  };
  const copy = (source: T): T => {
    // A new object with the same fields in the same order, `key` defined in its place: redefining a data
    // field of an existing object as an accessor would turn the object into a dictionary (about a kilobyte
    // each), where objects built field by field share their layout.
    const out = {} as T;
    for (const k of Object.keys(source)) {
      if (k === key) Object.defineProperty(out, k, descriptor);
      else (out as Record<string, unknown>)[k] = (source as Record<string, unknown>)[k];
    }
    if (!Object.prototype.hasOwnProperty.call(out, key)) Object.defineProperty(out, key, descriptor);
    return out;
  };
  return { copy, define: (target) => Object.defineProperty(target, key, descriptor) };
}
