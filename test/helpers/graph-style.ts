// The walkthrough's `:style` command and the graph style it must carry (guides/graph.grass on one line).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const GRASS_FILE = join(ROOT, 'guides', 'graph.grass');
export const WALKTHROUGH = join(ROOT, 'docs', 'analyst-walkthrough.md');

/** guides/graph.grass as one line: its lines trimmed, blank ones dropped, joined by a space. */
export const grassOneLine = (): string =>
  readFileSync(GRASS_FILE, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');

/** The `:style ...` command of the walkthrough's code block after the graph-style marker. */
export function walkthroughStyleCommand(): string {
  const doc = readFileSync(WALKTHROUGH, 'utf8');
  const m = /<!-- graph-style:[^\n]*-->\n```\n(:style [^\n]+)\n```/.exec(doc);
  if (!m) throw new Error(`${WALKTHROUGH}: no graph-style block`);
  return m[1]!;
}

/** Each `node.Label { ... color: #xxxxxx ...}` of the style file: label -> colour. */
export function labelColours(): Map<string, string> {
  const text = readFileSync(GRASS_FILE, 'utf8');
  return new Map(
    [...text.matchAll(/node\.(\w+)\s*\{[^}]*?\bcolor:\s*(#[0-9A-Fa-f]{6})/g)].map((m) => [m[1]!, m[2]!]),
  );
}
