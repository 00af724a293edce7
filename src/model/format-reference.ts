// Markdown reference of every field of the file formats, generated from their JSON Schemas.
import { jsonSchemas } from './json-schemas';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Section {
  title: string;
  rows: string[][];
}

/** The field reference of all three formats, as markdown. */
export function formatReference(): string {
  const out: string[] = [];
  for (const doc of jsonSchemas()) {
    const format = String((doc.schema.properties as Schema).format.const);
    out.push(`### \`${format}\` (${doc.file})`, '');
    const sections: Section[] = [];
    describeObject(doc.schema, '(top level)', sections);
    for (const s of sections) {
      out.push(
        `#### ${s.title}`,
        '',
        '| field | type | required | description |',
        '| --- | --- | --- | --- |',
      );
      for (const r of s.rows) out.push(`| ${r.map(cell).join(' | ')} |`);
      out.push('');
    }
  }
  return out.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function describeObject(s: Schema, title: string, sections: Section[]): void {
  const section: Section = { title, rows: [] };
  sections.push(section);
  const required = new Set<string>(s.required ?? []);
  const later: (() => void)[] = [];
  for (const [field, prop] of Object.entries<Schema>(s.properties ?? {})) {
    const path = title === '(top level)' ? field : `${title}.${field}`;
    const type = typeOf(prop, path, later, sections);
    const req = required.has(field)
      ? 'yes'
      : 'default' in prop
        ? `no (default ${JSON.stringify(prop.default)})`
        : 'no';
    const tag = 'const' in prop && field !== 'format' ? 'Selects this variant.' : '';
    section.rows.push([`\`${field}\``, type, req, prop.description ?? (itemDescription(prop) || tag)]);
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    const type = typeOf(s.additionalProperties, `${title}.<id>`, later, sections);
    section.rows.push(['`<id>`', type, '', s.additionalProperties.description ?? 'One entry per id.']);
  }
  for (const f of later) f();
}

function itemDescription(prop: Schema): string {
  return prop.items?.description ?? '';
}

function typeOf(s: Schema, path: string, later: (() => void)[], sections: Section[]): string {
  if ('const' in s) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((v: unknown) => `\`${JSON.stringify(v)}\``).join(' or ');
  const alts: Schema[] | undefined = s.anyOf ?? s.oneOf;
  if (alts) {
    const objects = alts.filter((a) => a.type === 'object');
    if (objects.length === 0) {
      if (alts.some((a) => a.type === 'number') && alts.some((a) => a.type === 'string' && a.pattern))
        return 'amount';
      return alts.map((a) => typeOf(a, path, later, sections)).join(' or ');
    }
    const names = objects.map((o) => variantName(o));
    later.push(() => objects.forEach((o, i) => describeObject(o, `${path} (${names[i]})`, sections)));
    const plain = alts.filter((a) => a.type !== 'object').map((a) => typeOf(a, path, later, sections));
    return [...plain, `object: ${names.join(', ')}`].join(' or ');
  }
  if (s.type === 'array') {
    const inner = typeOf(s.items ?? {}, `${path}[]`, later, sections);
    const min = s.minItems ? ` (at least ${s.minItems})` : '';
    return `list of ${inner}${min}`;
  }
  if (s.type === 'object') {
    later.push(() => describeObject(s, path, sections));
    return `object (see ${path})`;
  }
  if (s.type === 'boolean') return 'true or false';
  if (s.type === 'integer') return `integer${range(s)}`;
  if (s.type === 'number') return `number${range(s)}`;
  if (s.type === 'string')
    return s.pattern && /A-Za-z0-9\]\[/.test(s.pattern)
      ? 'id'
      : s.pattern
        ? `string matching \`${s.pattern}\``
        : 'string';
  return 'any';
}

function variantName(o: Schema): string {
  for (const [k, v] of Object.entries<Schema>(o.properties ?? {}))
    if ('const' in v) return `${k} = ${JSON.stringify(v.const)}`;
  return 'object';
}

function range(s: Schema): string {
  const lo = s.minimum !== undefined && s.minimum > -1e15 ? s.minimum : s.exclusiveMinimum;
  const hi = s.maximum !== undefined && s.maximum < 1e15 ? s.maximum : undefined;
  if (lo !== undefined && hi !== undefined) return ` in [${lo}, ${hi}]`;
  if (s.exclusiveMinimum !== undefined) return ` > ${s.exclusiveMinimum}`;
  if (lo !== undefined) return ` >= ${lo}`;
  return '';
}
