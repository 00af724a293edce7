// Sweep parameters: the `--set PATH=VALUES` syntax, its value lists and ranges, and writing values into raw JSON.
import { UsageError } from '../model/errors';

/**
 * PATH    := ROOT ('.' SEGMENT)*           ROOT is `scenario` or `network`
 * SEGMENT := KEY SELECTOR*
 * SELECTOR:= [N]      element N (0-based) of an array
 *          | [*]      every element of an array
 *          | [ID]     the element whose `id` is ID
 *          | [K=V]    every element whose field K equals V (as text)
 * Every selector must match at least one element, and the last key must already hold a number (or a
 * numeric string, e.g. a USD amount) in every object it reaches: a typo is an error, never a new field.
 */
export type Root = 'scenario' | 'network';

export type Selector =
  { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'match'; key: string; value: string };

export interface Segment {
  key: string;
  selectors: Selector[];
}

export interface ParamPath {
  text: string;
  root: Root;
  segments: Segment[];
}

export interface SweepParam {
  path: ParamPath;
  values: number[];
}

const bad = (text: string, why: string) => new UsageError(`parameter "${text}": ${why}`);

/** Splits on `sep` outside brackets. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseSelector(inner: string, text: string): Selector {
  if (inner === '*') return { kind: 'all' };
  if (/^\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  if (inner === '') throw bad(text, 'empty selector []');
  const eq = inner.indexOf('=');
  if (eq > 0) return { kind: 'match', key: inner.slice(0, eq), value: inner.slice(eq + 1) };
  return { kind: 'match', key: 'id', value: inner };
}

export function parsePath(text: string): ParamPath {
  const parts = splitTop(text.trim(), '.');
  const root = parts[0];
  if (root !== 'scenario' && root !== 'network') throw bad(text, 'must start with "scenario." or "network."');
  if (parts.length < 2) throw bad(text, 'names no field');
  const segments = parts.slice(1).map((p): Segment => {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(p);
    if (!m) throw bad(text, `cannot read "${p}" (expected key or key[selector])`);
    const selectors = [...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => parseSelector(x[1]!, text));
    return { key: m[1]!, selectors };
  });
  return { text, root, segments };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Target {
  parent: Obj;
  key: string;
}

/** Every place a path reaches in a document; throws UsageError when a key or selector matches nothing. */
export function resolvePath(doc: unknown, path: ParamPath): Target[] {
  let nodes: unknown[] = [doc];
  const targets: Target[] = [];
  path.segments.forEach((seg, i) => {
    const last = i === path.segments.length - 1 && seg.selectors.length === 0;
    const next: unknown[] = [];
    for (const n of nodes) {
      // Own fields only: a key such as "constructor" must not reach the object's prototype.
      if (!isObj(n) || !Object.hasOwn(n, seg.key))
        throw bad(path.text, `unknown parameter: no field "${seg.key}"`);
      if (last) targets.push({ parent: n, key: seg.key });
      else next.push(n[seg.key]);
    }
    nodes = next;
    for (const sel of seg.selectors) {
      const picked: unknown[] = [];
      for (const n of nodes) {
        if (!Array.isArray(n)) throw bad(path.text, `"${seg.key}" is not a list`);
        if (sel.kind === 'all') picked.push(...n);
        else if (sel.kind === 'index') {
          if (sel.index >= n.length)
            throw bad(path.text, `unknown parameter: ${seg.key}[${sel.index}] (the list has ${n.length})`);
          picked.push(n[sel.index]);
        } else {
          const hits = n.filter(
            (e) => isObj(e) && Object.hasOwn(e, sel.key) && String(e[sel.key]) === sel.value,
          );
          if (hits.length === 0)
            throw bad(
              path.text,
              `unknown parameter: no element of "${seg.key}" with ${sel.key}=${sel.value}`,
            );
          picked.push(...hits);
        }
      }
      nodes = picked;
    }
  });
  if (path.segments.at(-1)!.selectors.length > 0)
    throw bad(path.text, 'must end with a field, not a selector');
  if (targets.length === 0) throw bad(path.text, 'unknown parameter: matches nothing');
  for (const t of targets) {
    const v = t.parent[t.key];
    const numeric =
      typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
    if (!numeric) throw bad(path.text, `is not a numeric parameter (holds ${JSON.stringify(v)})`);
  }
  return targets;
}

/** Writes a value everywhere a path reaches (in place); numeric strings stay strings (USD amounts). */
export function applyValue(doc: unknown, path: ParamPath, value: number): void {
  for (const t of resolvePath(doc, path)) {
    t.parent[t.key] = typeof t.parent[t.key] === 'string' ? String(value) : value;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function num(s: string, text: string): number {
  if (!NUMBER.test(s.trim())) throw bad(text, `"${s}" is not a number`);
  return Number(s);
}

/** Most values of one swept parameter, and most runs of a sweep (every combination of a grid). */
export const SWEEP_LIMITS = { values: 10_000, runs: 100_000 } as const;

/**
 * A value list: `v1,v2,...`, where an item may be a range `from:to:step` (both ends included); at most
 * SWEEP_LIMITS.values values, counted before any is made.
 */
export function parseValues(spec: string, text: string): number[] {
  if (spec.trim() === '') throw bad(text, 'no values');
  const out: number[] = [];
  for (const item of spec.split(',')) {
    if (item.includes(':')) {
      const parts = item.split(':');
      if (parts.length !== 3) throw bad(text, `range "${item}" must be from:to:step`);
      const [a, b, step] = parts.map((p) => num(p, text)) as [number, number, number];
      if (!(step > 0)) throw bad(text, `range "${item}": the step must be positive`);
      if (a > b) throw bad(text, `range "${item}" is reversed (from > to)`);
      const n = Math.floor((b - a) / step + 1e-9);
      if (!(out.length + n + 1 <= SWEEP_LIMITS.values))
        throw bad(
          text,
          `range "${item}" makes ${n + 1} values: at most ${SWEEP_LIMITS.values} per parameter`,
        );
      for (let i = 0; i <= n; i++) out.push(Number((a + i * step).toPrecision(12)));
    } else out.push(num(item, text));
    if (out.length > SWEEP_LIMITS.values) throw bad(text, `more than ${SWEEP_LIMITS.values} values`);
  }
  return out;
}

/** `PATH=VALUES` of `--set`; the `=` is the first one outside brackets. */
export function parseSet(spec: string): SweepParam {
  let depth = 0;
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i];
    if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (ch === '=' && depth === 0) {
      const text = spec.slice(0, i).trim();
      const path = parsePath(text);
      return { path, values: parseValues(spec.slice(i + 1), text) };
    }
  }
  throw new UsageError(`--set "${spec}": expected PATH=v1,v2,... or PATH=from:to:step`);
}
