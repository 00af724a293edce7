// Typed arrays filled from a list, one value per element: the loop that `Float64Array.from(list, f)` is
// meant to be. The built-in goes through the list's iterator, one result object per element, and costs
// twenty times the loop on a million elements (with the garbage to collect), so state is built with these.

/** A Float64Array of f(x, i) for each element x of `src`. */
export function mapFloat64<T>(src: ArrayLike<T>, f: (x: T, i: number) => number): Float64Array {
  const out = new Float64Array(src.length);
  for (let i = 0; i < out.length; i++) out[i] = f(src[i]!, i);
  return out;
}

/** An Int32Array of f(x, i) for each element x of `src`. */
export function mapInt32<T>(src: ArrayLike<T>, f: (x: T, i: number) => number): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < out.length; i++) out[i] = f(src[i]!, i);
  return out;
}

/** A Uint8Array of f(x, i) for each element x of `src`. */
export function mapUint8<T>(src: ArrayLike<T>, f: (x: T, i: number) => number): Uint8Array {
  const out = new Uint8Array(src.length);
  for (let i = 0; i < out.length; i++) out[i] = f(src[i]!, i);
  return out;
}
