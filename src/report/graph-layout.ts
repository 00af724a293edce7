// A deterministic layout of the contagion graph: a seeded placement (events, assets, markets, protocols from
// left to right, nodes of a kind spread top to bottom in id order), then ForceAtlas2 for a fixed number of
// iterations, scaled to the drawing's box. Same graph, same coordinates.
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { ContagionGraph, GraphNode, NodeKind } from './contagion-graph';
import { maxOf, minOf } from './extent';

export interface PlacedNode {
  x: number;
  y: number;
  /** Radius in pixels. */
  r: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, PlacedNode>;
}

const COLUMN: Record<NodeKind, number> = { event: 0, asset: 1, market: 2, protocol: 3 };
const ITERATIONS = 400;

/** FNV-1a hash of a string in [0, 1): a small, stable jitter that breaks ties of the seeded placement. */
function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

/** Radius: events and assets fixed; markets and protocols grow with the square root of their weight. */
export function nodeRadius(node: GraphNode, maxWeight: Record<NodeKind, number>): number {
  if (node.kind === 'event') return 9;
  if (node.kind === 'asset') return 6 + 6 * Math.min(1, node.weight);
  const max = maxWeight[node.kind];
  return 5 + (max > 0 ? 11 * Math.sqrt(node.weight / max) : 0);
}

/** `labelRoom`: extra space on the right, where the labels of the rightmost nodes go. */
export function layoutGraph(
  g: ContagionGraph,
  box: { width: number; margin: number; labelRoom: number },
): GraphLayout {
  const maxWeight: Record<NodeKind, number> = { event: 0, asset: 0, market: 0, protocol: 0 };
  for (const n of g.nodes) maxWeight[n.kind] = Math.max(maxWeight[n.kind], n.weight);

  const graph = new Graph({ type: 'directed', multi: false });
  const perKind: Record<NodeKind, number> = { event: 0, asset: 0, market: 0, protocol: 0 };
  const count: Record<NodeKind, number> = { event: 0, asset: 0, market: 0, protocol: 0 };
  for (const n of g.nodes) count[n.kind]++;
  for (const n of g.nodes) {
    const i = perKind[n.kind]++;
    const spread = Math.max(1, count[n.kind] - 1);
    graph.addNode(n.id, {
      x: COLUMN[n.kind] * 100 + 10 * unitHash(n.id),
      y: (count[n.kind] > 1 ? (i / spread) * 300 : 150) + 10 * unitHash(`${n.id}#y`),
      size: nodeRadius(n, maxWeight),
    });
  }
  for (const e of g.edges)
    if (e.from !== e.to) graph.addEdgeWithKey(e.key, e.from, e.to, { weight: e.onPath ? 2 : 1 });

  const positions =
    g.nodes.length > 1
      ? forceAtlas2(graph, {
          iterations: ITERATIONS,
          settings: {
            ...forceAtlas2.inferSettings(graph),
            adjustSizes: true,
            gravity: 1,
            scalingRatio: 20,
            barnesHutOptimize: false,
          },
        })
      : Object.fromEntries(g.nodes.map((n) => [n.id, { x: 0, y: 0 }]));

  // Scale into the box, keeping the aspect ratio (height follows from the width, within bounds).
  const xs = g.nodes.map((n) => positions[n.id]!.x);
  const ys = g.nodes.map((n) => positions[n.id]!.y);
  const [x0, x1, y0, y1] = [minOf(xs), maxOf(xs), minOf(ys), maxOf(ys)];
  const inner = box.width - 2 * box.margin - box.labelRoom;
  const spanX = Math.max(x1 - x0, 1e-9);
  const spanY = Math.max(y1 - y0, 1e-9);
  const innerHeight = Math.min(Math.max((inner * spanY) / spanX, inner * 0.5), inner * 0.9);
  const scale = Math.min(inner / spanX, innerHeight / spanY);
  const offX = box.margin + (inner - spanX * scale) / 2;
  const offY = box.margin + (innerHeight - spanY * scale) / 2;
  const nodes = new Map<string, PlacedNode>();
  for (const n of g.nodes) {
    const p = positions[n.id]!;
    nodes.set(n.id, {
      x: g.nodes.length > 1 ? offX + (p.x - x0) * scale : box.width / 2,
      y: g.nodes.length > 1 ? offY + (p.y - y0) * scale : box.margin + innerHeight / 2,
      r: nodeRadius(n, maxWeight),
    });
  }
  return { width: box.width, height: Math.ceil(innerHeight + 2 * box.margin), nodes };
}
