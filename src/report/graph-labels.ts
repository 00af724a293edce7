// Places the contagion graph's node labels so that no two overlap: each label tries spots around its node
// (right, left, above, below, then farther out) and takes the first whose box is free of the labels placed
// before it; a label with no free spot is left out (its node keeps its hover title). Text widths are
// estimated (no canvas at report time) on the generous side for the 11px sans-serif the report uses.
export interface LabelRequest {
  id: string;
  x: number;
  y: number;
  /** Radius of the node the label names. */
  r: number;
  text: string;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** Where the text is drawn: its anchor point (`start`: left edge, `end`: right edge, `middle`: centre). */
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
  box: Box;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Font size of the labels, px; widths are estimated at this many px per character. */
export const LABEL_FONT_PX = 11;
const CHAR_PX = 0.72 * LABEL_FONT_PX;
/** The white halo (stroke 3px) widens every glyph run by 1.5px on each side; 1px more of air. */
const PAD = 2.5;
const ASCENT = 0.95 * LABEL_FONT_PX;
const DESCENT = 0.3 * LABEL_FONT_PX;

export const labelWidth = (text: string): number => [...text].length * CHAR_PX;

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The box of a label drawn at (x, y) with its baseline at y, padded for the halo. */
function boxOf(text: string, x: number, y: number, anchor: PlacedLabel['anchor']): Box {
  const w = labelWidth(text);
  const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  return { left: left - PAD, right: left + w + PAD, top: y - ASCENT - PAD, bottom: y + DESCENT + PAD };
}

/** Candidate spots around a node, nearest first. */
function candidates(l: LabelRequest): [number, number, PlacedLabel['anchor']][] {
  const out: [number, number, PlacedLabel['anchor']][] = [];
  for (const gap of [3, 10, 20]) {
    const d = l.r + gap;
    out.push(
      [l.x + d, l.y + 4, 'start'],
      [l.x - d, l.y + 4, 'end'],
      [l.x, l.y - d - DESCENT, 'middle'],
      [l.x, l.y + d + ASCENT, 'middle'],
      [l.x + d * 0.7, l.y - d * 0.7, 'start'],
      [l.x + d * 0.7, l.y + d * 0.7 + ASCENT, 'start'],
      [l.x - d * 0.7, l.y - d * 0.7, 'end'],
      [l.x - d * 0.7, l.y + d * 0.7 + ASCENT, 'end'],
    );
  }
  return out;
}

/** Places labels in the order given (most important first) inside `bounds`; returns those that fit. */
export function placeLabels(requests: readonly LabelRequest[], bounds: Box): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  for (const l of requests) {
    for (const [x, y, anchor] of candidates(l)) {
      const box = boxOf(l.text, x, y, anchor);
      const inside =
        box.left >= bounds.left &&
        box.right <= bounds.right &&
        box.top >= bounds.top &&
        box.bottom <= bounds.bottom;
      if (inside && !placed.some((p) => overlaps(p.box, box))) {
        placed.push({ id: l.id, text: l.text, x, y, anchor, box });
        break;
      }
    }
  }
  return placed;
}
