// Neo4j result values as plain JSON and as short text for tables (nodes as kind:id, paths as arrows).
import {
  isDate,
  isDateTime,
  isDuration,
  isInt,
  isLocalDateTime,
  isLocalTime,
  isNode,
  isPath,
  isRelationship,
  isTime,
} from 'neo4j-driver';

type Plain = null | string | number | boolean | Plain[] | { [k: string]: Plain };

const isTemporal = (v: unknown) =>
  isDate(v as object) ||
  isDateTime(v as object) ||
  isLocalDateTime(v as object) ||
  isLocalTime(v as object) ||
  isTime(v as object) ||
  isDuration(v as object);

/** A value as plain JSON: nodes {labels, properties}, relationships {type, properties}, paths {nodes, relationships}. */
export function toPlain(v: unknown): Plain {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (isInt(v)) return v.toNumber();
  if (isTemporal(v)) return String(v);
  if (isNode(v)) return { labels: v.labels, properties: toPlain(v.properties) };
  if (isRelationship(v)) return { type: v.type, properties: toPlain(v.properties) };
  if (isPath(v))
    return {
      nodes: [v.start, ...v.segments.map((s) => s.end)].map(toPlain),
      relationships: v.segments.map((s) => toPlain(s.relationship)),
    };
  if (Array.isArray(v)) return v.map(toPlain);
  if (typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toPlain(x)]));
  return String(v);
}

const nodeText = (labels: string[], props: Record<string, unknown>) =>
  labels.includes('Event')
    ? `event:${String(props.index)}`
    : `${(labels[0] ?? 'node').toLowerCase()}:${String(props.id)}`;

/** A value as short text: nodes `kind:id`, relationships `[TYPE]`, paths `a -TYPE-> b`, lists comma-joined. */
export function toText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (isInt(v)) return v.toString();
  if (isTemporal(v)) return String(v);
  if (isNode(v)) return nodeText(v.labels, v.properties);
  if (isRelationship(v)) return `[${v.type}]`;
  if (isPath(v)) {
    let text = nodeText(v.start.labels, v.start.properties);
    for (const s of v.segments) {
      const forward = s.relationship.startNodeElementId === s.start.elementId;
      text += forward ? ` -${s.relationship.type}-> ` : ` <-${s.relationship.type}- `;
      text += nodeText(s.end.labels, s.end.properties);
    }
    return text;
  }
  if (Array.isArray(v)) return v.map(toText).join(', ');
  return JSON.stringify(toPlain(v));
}
