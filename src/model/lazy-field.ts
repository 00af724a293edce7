// A field built on first read: the large tables of a parsed network (cohorts, claims) stay as checked rows
// until a reader asks for their decimal.js form.

/**
 * Makes `target[key]` a value built by `build` on first read; reading it, or assigning it, turns it into a
 * plain data field and calls `settled` (so the caller can forget the rows it kept for `build`).
 */
export function defineLazyField<T extends object, K extends keyof T>(
  target: T,
  key: K,
  build: () => T[K],
  settled: () => void,
): void {
  const settle = (self: T, value: T[K]) => {
    Object.defineProperty(self, key, { value, enumerable: true, writable: true });
    settled();
  };
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(this: T): T[K] {
      const value = build();
      settle(this, value);
      return value;
    },
    set(this: T, value: T[K]) {
      settle(this, value);
    },
  });
}
