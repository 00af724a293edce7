// The contagion graph drawn as inline SVG: nodes coloured by kind (failed protocols by status), labelled
// (in large graphs only those on a path, failed or heaviest; never two labels overlapping, see graph-labels.ts), realised path edges red and wide over the
// faint ledger edges, and a hover title on every node and edge.
import type { ContagionGraph, GraphEdge, GraphNode, NodeKind } from './contagion-graph';
import { pct, usd } from './format';
import { escapeXml } from './escape';
import { placeLabels, type LabelRequest } from './graph-labels';
import { layoutGraph, type PlacedNode } from './graph-layout';
import { stepLabel, type TimeAxis } from './report-model';
import { maxOf } from './extent';

export const KIND_COLOUR: Record<NodeKind, string> = {
  event: '#374151',
  asset: '#2563eb',
  market: '#7c3aed',
  protocol: '#059669',
};
export const STATUS_COLOUR = { stressed: '#f59e0b', insolvent: '#dc2626' } as const;
export const PATH_COLOUR = '#dc2626';
const FAINT_COLOUR = '#94a3b8';
/** Above this many nodes only events, assets, nodes on a path, failed protocols, and the protocols (15) and
 * markets (10) that lost or liquidated most are labelled (the rest keep their hover title). */
const LABEL_ALL_UP_TO = 80;
const LABEL_HEAVIEST = 15;

const f1 = (x: number) => (Math.round(x * 10) / 10).toFixed(1).replace(/\.0$/, '');

function nodeFill(n: GraphNode): string {
  if (n.kind === 'protocol' && (n.status === 'stressed' || n.status === 'insolvent'))
    return STATUS_COLOUR[n.status];
  return KIND_COLOUR[n.kind];
}

function nodeTitle(n: GraphNode, time: TimeAxis): string {
  const lines = [n.id];
  if (n.kind === 'protocol') {
    if (n.status)
      lines.push(n.status + (n.failedStep !== undefined ? ` at ${stepLabel(time, n.failedStep)}` : ''));
    lines.push(`equity lost ${usd(n.weight)}`);
    if (n.badDebtUsd) lines.push(`bad debt ${usd(n.badDebtUsd)}`);
  } else if (n.kind === 'market') {
    lines.push(`liquidated + bad debt ${usd(n.weight)}`);
    if (n.badDebtUsd) lines.push(`bad debt ${usd(n.badDebtUsd)}`);
  } else if (n.kind === 'asset') {
    lines.push(`largest fall ${pct(n.weight)}`);
  }
  if (n.onPath) lines.push('on a realised failure path');
  return lines.join('\n');
}

function edgeTitle(e: GraphEdge): string {
  const parts = [`${e.from} -> ${e.to}`, `channel: ${e.channels.join(', ')}`];
  if (e.netUsd !== 0)
    parts.push(`net equity change booked: ${e.netUsd < 0 ? '-' : '+'}${usd(Math.abs(e.netUsd))}`);
  if (e.priceChange !== 0) parts.push(`price change carried: ${pct(e.priceChange)}`);
  if (e.onPath) parts.push('hop of a realised failure path');
  return parts.join('\n');
}

/** A slightly curved edge from the rim of one node to the rim of the other (reciprocal edges bend apart). */
function edgePath(a: PlacedNode, b: PlacedNode, arrowRoom: number): string {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const bend = 0.12 * len;
  const cx = (a.x + b.x) / 2 - (dy / len) * bend;
  const cy = (a.y + b.y) / 2 + (dx / len) * bend;
  const toward = (p: PlacedNode, qx: number, qy: number, d: number) => {
    const l = Math.hypot(qx - p.x, qy - p.y) || 1;
    return [p.x + ((qx - p.x) / l) * d, p.y + ((qy - p.y) / l) * d] as const;
  };
  const [sx, sy] = toward(a, cx, cy, a.r + 1);
  const [ex, ey] = toward(b, cx, cy, b.r + arrowRoom);
  return `M${f1(sx)},${f1(sy)} Q${f1(cx)},${f1(cy)} ${f1(ex)},${f1(ey)}`;
}

export function renderGraphSvg(g: ContagionGraph, time: TimeAxis, options: { width?: number } = {}): string {
  const layout = layoutGraph(g, { width: options.width ?? 960, margin: 30, labelRoom: 150 });
  const maxNet = maxOf(
    g.edges.map((e) => Math.abs(e.netUsd)),
    1e-9,
  );
  const labelAll = g.nodes.length <= LABEL_ALL_UP_TO;
  const heaviestOf = (kind: NodeKind, k: number) =>
    g.nodes
      .filter((n) => n.kind === kind)
      .sort((a, b) => b.weight - a.weight || (a.id < b.id ? -1 : 1))
      .slice(0, k)
      .map((n) => n.id);
  const heaviest = new Set([...heaviestOf('protocol', LABEL_HEAVIEST), ...heaviestOf('market', 10)]);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="contagion-graph" viewBox="0 0 ${layout.width} ${layout.height}" ` +
      `width="${layout.width}" height="${layout.height}" role="img" aria-label="contagion graph: ${g.nodes.length} nodes, ` +
      `${g.edges.filter((e) => e.onPath).length} path edges highlighted">`,
  );
  out.push(
    '<defs>' +
      `<marker id="cg-arrow" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="4" markerHeight="4" orient="auto"><path d="M0,0L10,5L0,10z" fill="${FAINT_COLOUR}"/></marker>` +
      `<marker id="cg-arrow-path" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="4" markerHeight="4" orient="auto"><path d="M0,0L10,5L0,10z" fill="${PATH_COLOUR}"/></marker>` +
      '</defs>',
  );
  out.push('<g class="edges">');
  // Faint edges first, path edges on top.
  const ordered = [...g.edges.filter((e) => !e.onPath), ...g.edges.filter((e) => e.onPath)];
  for (const e of ordered) {
    const a = layout.nodes.get(e.from)!;
    const b = layout.nodes.get(e.to)!;
    if (e.from === e.to) continue;
    const share = Math.sqrt(Math.abs(e.netUsd) / maxNet);
    const width = e.onPath ? 2.5 + 2.5 * share : 0.8 + 2.2 * share;
    const cls = e.onPath ? 'edge on-path' : 'edge';
    const style = e.onPath
      ? `stroke="${PATH_COLOUR}" stroke-opacity="0.9" marker-end="url(#cg-arrow-path)"`
      : `stroke="${FAINT_COLOUR}" stroke-opacity="0.45" marker-end="url(#cg-arrow)"`;
    out.push(
      `<path class="${cls}" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" d="${edgePath(a, b, e.onPath ? 2 + width * 3 : 2 + width * 3)}" ` +
        `fill="none" ${style} stroke-width="${f1(width)}"><title>${escapeXml(edgeTitle(e))}</title></path>`,
    );
  }
  out.push('</g>');
  out.push('<g class="nodes">');
  const labels: string[] = [];
  const wanted: { node: GraphNode; request: LabelRequest }[] = [];
  for (const n of g.nodes) {
    const p = layout.nodes.get(n.id)!;
    const cls = `node kind-${n.kind}${n.status ? ` status-${n.status}` : ''}${n.onPath ? ' on-path' : ''}`;
    const ring = n.onPath
      ? ` stroke="${PATH_COLOUR}" stroke-width="2"`
      : ' stroke="#ffffff" stroke-width="1"';
    out.push(
      `<g class="${cls}" data-id="${escapeXml(n.id)}"><title>${escapeXml(nodeTitle(n, time))}</title>` +
        `<circle cx="${f1(p.x)}" cy="${f1(p.y)}" r="${f1(p.r)}" fill="${nodeFill(n)}"${ring}/></g>`,
    );
    const labelled =
      labelAll ||
      n.onPath ||
      n.kind === 'event' ||
      n.kind === 'asset' ||
      heaviest.has(n.id) ||
      (n.status !== undefined && n.status !== 'healthy');
    if (labelled) wanted.push({ node: n, request: { id: n.id, x: p.x, y: p.y, r: p.r, text: n.label } });
  }
  // Most important first: nodes on a path, failed protocols, events and assets, then the rest by weight.
  const rank = (n: GraphNode) =>
    n.onPath ? 0 : n.status === 'stressed' || n.status === 'insolvent' ? 1 : n.kind === 'event' ? 2 : 3;
  wanted.sort(
    (a, b) =>
      rank(a.node) - rank(b.node) || b.node.weight - a.node.weight || (a.node.id < b.node.id ? -1 : 1),
  );
  const bounds = { left: 0, top: 0, right: layout.width, bottom: layout.height };
  for (const l of placeLabels(
    wanted.map((w) => w.request),
    bounds,
  ))
    labels.push(
      `<text data-for="${escapeXml(l.id)}" x="${f1(l.x)}" y="${f1(l.y)}"${l.anchor === 'start' ? '' : ` text-anchor="${l.anchor}"`}>${escapeXml(l.text)}</text>`,
    );
  out.push('</g>');
  // Labels above every node and edge, and transparent to the mouse (the node under a label keeps its hover).
  out.push('<g class="labels" pointer-events="none">', ...labels, '</g>');
  out.push('</svg>');
  return out.join('\n');
}
