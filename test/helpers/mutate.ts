// Seeded mutations of JSON documents for the fuzz tests: one leaf replaced by an awkward value, a field removed,
// or an array entry repeated. The same seed gives the same mutation.
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values chosen to sit on or beyond the limits of validation, and ids that name object-prototype members. */
export const AWKWARD_VALUES: readonly Json[] = [
  0,
  '0',
  -1,
  '-0.5',
  1e308,
  '1e400',
  5e-324,
  '5e-324',
  '123456789012345678901234567890',
  1e15,
  '1000000000000001',
  1e-18,
  '0.000000000000000001',
  0.5,
  1,
  2,
  9,
  1e9,
  250_000,
  1e12,
  '',
  null,
  true,
  [],
  {},
  'constructor',
  'toString',
  '__proto__',
  'NaN',
  'Infinity',
];

/** A small seeded generator (mulberry32): the fuzz tests' only source of randomness. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Path = (string | number)[];

/** Every path to a value inside a document (the root excluded), in document order. */
export function pathsOf(doc: Json, prefix: Path = []): Path[] {
  if (doc === null || typeof doc !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
  return keys.flatMap((k) => {
    const child = (doc as Record<string | number, Json>)[k]!;
    return [[...prefix, k], ...pathsOf(child, [...prefix, k])];
  });
}

export interface Mutation {
  doc: Json;
  /** What was done, for the failure message: `set $.a[0].b = 1e308`. */
  what: string;
}

/** One seeded mutation of a copy of `doc`. */
export function mutate(doc: Json, seed: number): Mutation {
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const copy = structuredClone(doc);
  const paths = pathsOf(copy);
  const path = pick(paths);
  const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], copy);
  const key = path[path.length - 1]!;
  const where = '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
  const roll = random();
  if (roll < 0.12) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
    return { doc: copy, what: `remove ${where}` };
  }
  if (roll < 0.2 && Array.isArray(parent)) {
    parent.push(structuredClone(parent[key as number]));
    return { doc: copy, what: `repeat ${where}` };
  }
  const value = pick(AWKWARD_VALUES);
  parent[key] = structuredClone(value);
  return { doc: copy, what: `set ${where} = ${JSON.stringify(value)}` };
}
