// Vega-Lite specs compiled and rendered to static SVG in Node (no browser, no canvas, no network).
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type ChartSpec = TopLevelSpec;

/**
 * The chart as an SVG document. Data must be inline (`data.values`): the loader refuses every URL and file,
 * so a spec can never reach the network. Element ids (gradients, clips) are renamed `<idPrefix>-<n>` in
 * order of appearance: vega numbers them with a counter of the process, which would make the bytes depend
 * on what was drawn before, and two charts on one page could share an id. Same spec, same bytes.
 */
export async function renderChartSvg(spec: ChartSpec, idPrefix: string): Promise<string> {
  const vegaSpec = compile(spec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none', loader: refusingLoader });
  try {
    return scopeIds(await view.toSVG(), idPrefix);
  } finally {
    view.finalize();
  }
}

/** Renames every `id="x"` and its references (`url(#x)`, `href="#x"`) to `<prefix>-<n>`. */
export function scopeIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g))
    if (!ids.has(m[1]!)) ids.set(m[1]!, `${prefix}-${ids.size}`);
  if (ids.size === 0) return svg;
  return svg
    .replace(/(\sid=")([^"]+)(")/g, (all, a: string, id: string, b: string) => `${a}${ids.get(id) ?? id}${b}`)
    .replace(/url\(#([^)]+)\)/g, (all, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : all))
    .replace(/(href=")#([^"]+)(")/g, (all, a: string, id: string, b: string) =>
      ids.has(id) ? `${a}#${ids.get(id)}${b}` : all,
    );
}

const refuse = (what: string) => Promise.reject(new Error(`charts take inline data only, not ${what}`));

/** A vega loader that loads nothing. */
const refusingLoader = {
  load: (uri: string) => refuse(uri),
  sanitize: (uri: string) => refuse(uri),
  http: (uri: string) => refuse(uri),
  file: (path: string) => refuse(path),
};
