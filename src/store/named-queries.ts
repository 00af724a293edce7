// The named read queries of queries/read/: what each answers and its `:param` lines, read from its header.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { int } from 'neo4j-driver';
import { UsageError } from '../model/errors';
import { queriesDir } from './cypher-files';
import { StoreError } from './errors';

export type ParamType = 'integer' | 'float' | 'string' | 'boolean';

export interface ParamSpec {
  name: string;
  type: ParamType;
  /** The default as written after `=>` (a Cypher literal). */
  literal: string;
  value: string | number | boolean;
}

export interface NamedQuery {
  name: string;
  file: string;
  /** What the query answers (the header's comment lines). */
  description: string;
  params: ParamSpec[];
  text: string;
}

/** The default folder of named queries: queries/read/ of the package. */
export function readQueriesDir(): string {
  return join(queriesDir(), 'read');
}

const PARAM_LINE = /^:param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=>\s*(.+?)\s*$/;

/** A `:param` default: an integer, float, quoted string or boolean literal. */
function parseLiteral(literal: string): Pick<ParamSpec, 'type' | 'value'> | undefined {
  if (/^-?\d+$/.test(literal)) return { type: 'integer', value: Number(literal) };
  if (/^-?\d+\.\d+(?:[eE][-+]?\d+)?$/.test(literal)) return { type: 'float', value: Number(literal) };
  if (literal === 'true' || literal === 'false') return { type: 'boolean', value: literal === 'true' };
  const quoted = /^'((?:[^'\\]|\\.)*)'$/.exec(literal) ?? /^"((?:[^"\\]|\\.)*)"$/.exec(literal);
  if (quoted) return { type: 'string', value: quoted[1]!.replace(/\\(.)/g, '$1') };
  return undefined;
}

/** The header of a query file: the leading `//` lines, `:param name => literal` lines among them. */
export function parseQueryFile(text: string, file: string): NamedQuery {
  const description: string[] = [];
  const params: ParamSpec[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('//')) break;
    const body = line.slice(2).trim();
    const param = PARAM_LINE.exec(body);
    if (param) {
      const literal = param[2]!;
      const parsed = parseLiteral(literal);
      if (!parsed)
        throw new StoreError(
          `${file}: the default of :param ${param[1]} is not an integer, float, quoted string or boolean: ${literal}`,
        );
      params.push({ name: param[1]!, literal, ...parsed });
    } else if (body.startsWith(':param')) {
      throw new StoreError(`${file}: cannot read "${body}" (expected ":param name => value")`);
    } else if (body) description.push(body);
  }
  if (description.length === 0)
    throw new StoreError(`${file}: a query file starts with a // comment saying what it answers`);
  return { name: basename(file, '.cypher'), file, description: description.join(' '), params, text };
}

/** Every named query of a folder, by name. */
export function listNamedQueries(dir: string = readQueriesDir()): NamedQuery[] {
  if (!existsSync(dir)) throw new UsageError(`no queries folder at ${dir}`);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => parseQueryFile(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
}

/** One named query; an unknown name is a usage error that lists the names there are. */
export function namedQuery(name: string, dir: string = readQueriesDir()): NamedQuery {
  const all = listNamedQueries(dir);
  const q = all.find((x) => x.name === name);
  if (!q)
    throw new UsageError(
      `unknown query "${name}"; the queries are: ${all.map((x) => x.name).join(', ')} (see \`contagion query --list\`)`,
    );
  return q;
}

/**
 * The parameters of a run of the query: each `:param` default, overridden by `name=value` pairs. A value is
 * read as the type of its default (integers as Cypher integers) and always sent as a parameter, never as text.
 */
export function bindParams(q: NamedQuery, given: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const p of q.params) values[p.name] = p.type === 'integer' ? int(p.value as number) : p.value;
  for (const pair of given) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects name=value, got "${pair}"`);
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const spec = q.params.find((p) => p.name === name);
    if (!spec) {
      const known = q.params.map((p) => p.name).join(', ') || 'none';
      throw new UsageError(`query "${q.name}" has no parameter "${name}" (its parameters: ${known})`);
    }
    values[name] = coerce(spec, value);
  }
  return values;
}

function coerce(spec: ParamSpec, value: string): unknown {
  const bad = (what: string) =>
    new UsageError(`--param ${spec.name} expects ${what}, got ${JSON.stringify(value)}`);
  switch (spec.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw bad('a whole number');
      return int(Number(value));
    case 'float':
      if (value.trim() === '' || !Number.isFinite(Number(value))) throw bad('a number');
      return Number(value);
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw bad('true or false');
      return value === 'true';
    case 'string':
      return value;
  }
}
