// The report as one self-contained HTML file: inline CSS, charts rendered to SVG at report time, the
// contagion graph as inline SVG with a small hover script, and a content security policy that forbids every
// network request. Opens offline; same model, same bytes.
import { breakerChart, heatmapChart, lossChart, priceChart, signalChart } from './charts';
import { escapeXml } from './escape';
import { KIND_COLOUR, PATH_COLOUR, renderGraphSvg, STATUS_COLOUR } from './graph-svg';
import type { ReportModel } from './report-model';
import {
  activationsTable,
  depositorRunsTable,
  backtestTables,
  backtestTotals,
  breakerTable,
  type Cell,
  cellText,
  failureItems,
  headerFacts,
  lossCheckpointTable,
  lossTable,
  signalTable,
  perpTable,
  measureTable,
  pathEdges,
  phaseTable,
  priceCheckpointTable,
  summaryTable,
  type Table,
  worseItems,
  worstPricesTable,
} from './report-tables';
import { phaseAxes } from './sweep-axis';
import { hasMeasure, unsettledLine } from './run-text';
import { type LegendEntry, LOSS_LEGEND, STATUS_LEGEND, VERDICT_LEGEND } from './status-legend';
import { renderChartSvg } from './vega-svg';

const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; " +
  "connect-src 'none'; font-src 'none'; form-action 'none'; base-uri 'none'";

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #f8fafc; color: #111827; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
h1 { font-size: 1.6em; margin: 0 0 12px; }
h2 { font-size: 1.25em; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #e5e7eb; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
p.note { color: #4b5563; margin: 4px 0 10px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; }
dl.facts dt { color: #4b5563; }
dl.facts dd { margin: 0; }
dl.legend-words { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; font-size: 13px; }
dl.legend-words dt { font-weight: 600; }
dl.legend-words dd { margin: 0; color: #4b5563; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
th { text-align: left; background: #f3f4f6; font-weight: 600; }
td.right, th.right { text-align: right; }
td.right { white-space: nowrap; }
div.table { overflow-x: auto; }
strong.worse { color: #b91c1c; }
figure { margin: 8px 0 12px; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
ol.failures { padding-left: 1.4em; }
ol.failures li { margin: 6px 0; }
ul.hops { list-style: none; padding-left: 1em; margin: 2px 0; }
ul.hops li { margin: 0; }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f4f6; padding: 1px 4px; border-radius: 3px; }
ul.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 13px; }
.swatch { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 5px; vertical-align: -1px; }
.swatch.line { border-radius: 0; height: 4px; width: 18px; vertical-align: 3px; }
svg.contagion-graph text { font: 11px sans-serif; fill: #111827; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg.contagion-graph g.node { cursor: default; }
svg.contagion-graph.focus path.edge:not(.lit) { opacity: 0.12; }
svg.contagion-graph.focus g.node:not(.lit) { opacity: 0.35; }
svg.contagion-graph.focus g.labels { opacity: 0.6; }
svg.contagion-graph path.edge.lit { stroke-opacity: 1; }
@media print {
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  section, figure, table, li { break-inside: avoid; }
  h2 { break-after: avoid; }
}
`;

/** Hover a node: its edges and neighbours stay lit, the rest fades. */
const SCRIPT = `
(function () {
  var svg = document.querySelector('svg.contagion-graph');
  if (!svg) return;
  var edges = Array.prototype.slice.call(svg.querySelectorAll('path.edge'));
  var nodes = Array.prototype.slice.call(svg.querySelectorAll('g.node'));
  var byId = {};
  nodes.forEach(function (n) { byId[n.getAttribute('data-id')] = n; });
  nodes.forEach(function (n) {
    var id = n.getAttribute('data-id');
    n.addEventListener('mouseenter', function () {
      svg.classList.add('focus');
      n.classList.add('lit');
      edges.forEach(function (e) {
        var from = e.getAttribute('data-from'), to = e.getAttribute('data-to');
        if (from === id || to === id) {
          e.classList.add('lit');
          byId[from === id ? to : from].classList.add('lit');
        }
      });
    });
    n.addEventListener('mouseleave', function () {
      svg.classList.remove('focus');
      Array.prototype.slice.call(svg.querySelectorAll('.lit')).forEach(function (x) { x.classList.remove('lit'); });
    });
  });
})();
`;

const esc = escapeXml;

/** A legend of status words as a definition list under its title. */
const htmlLegend = (title: string, entries: readonly LegendEntry[]) =>
  `<p class="note">${esc(title)}:</p><dl class="legend-words">` +
  entries.map(([w, meaning]) => `<dt>${esc(w)}</dt><dd>${esc(meaning)}</dd>`).join('') +
  '</dl>';

function htmlCell(c: Cell): string {
  return typeof c === 'string' ? esc(c) : `<strong class="worse">${esc(c.text)}</strong>`;
}

export function htmlTable(t: Table, id?: string): string {
  const cls = (i: number) => (t.align[i] === 'right' ? ' class="right"' : '');
  return [
    `<div class="table"><table${id ? ` id="${esc(id)}"` : ''}>`,
    `<thead><tr>${t.head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...t.rows.map(
      (r) =>
        `<tr>${r.map((c, i) => `<td${cls(i)}${typeof c === 'string' ? '' : ` data-value="${esc(cellText(c))}"`}>${htmlCell(c)}</td>`).join('')}</tr>`,
    ),
    '</tbody>',
    '</table></div>',
  ].join('\n');
}

const figure = (name: string, svg: string, caption: string) =>
  `<figure class="chart" data-chart="${name}">\n${svg}\n<figcaption class="note">${esc(caption)}</figcaption>\n</figure>`;

function hopList(hops: readonly string[]): string {
  return `<ul class="hops">${hops.map((h) => `<li>&larr; <code>${esc(h)}</code></li>`).join('')}</ul>`;
}

function legend(): string {
  const item = (colour: string, text: string, line = false) =>
    `<li><span class="swatch${line ? ' line' : ''}" style="background:${colour}"></span>${esc(text)}</li>`;
  return (
    '<ul class="legend">' +
    item(KIND_COLOUR.event, 'scenario event') +
    item(KIND_COLOUR.asset, 'asset') +
    item(KIND_COLOUR.market, 'market') +
    item(KIND_COLOUR.protocol, 'protocol') +
    item(STATUS_COLOUR.stressed, 'stressed protocol') +
    item(STATUS_COLOUR.insolvent, 'insolvent protocol') +
    item(PATH_COLOUR, 'hop of a realised failure path', true) +
    item('#94a3b8', 'other booked link (width: net amount)', true) +
    '</ul>'
  );
}

export async function renderHtmlReport(m: ReportModel): Promise<string> {
  const r = m.run;
  const title = `Contagion report: ${r.scenario.name} on ${r.network.name}`;
  const body: string[] = [];
  const add = (...parts: string[]) => body.push(...parts);

  add(`<h1>${esc(title)}</h1>`);
  add(
    '<dl class="facts">' +
      headerFacts(m)
        .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
        .join('') +
      '</dl>',
  );

  add(
    '<section id="summary">',
    '<h2>Summary</h2>',
    htmlTable(summaryTable(m), 'summary-table'),
    htmlLegend('Statuses, the worst each protocol reached', STATUS_LEGEND),
    htmlLegend('Loss measures, as the run ends', LOSS_LEGEND),
    ...unsettledLine(r).map((line) => `<p class="unsettled">${esc(line)}</p>`),
  );
  if (r.summary.worstPrices.length > 0) add('<h3>Worst prices</h3>', htmlTable(worstPricesTable(m)));
  add('</section>');

  add('<section id="prices">', '<h2>Price paths</h2>');
  if (m.priceAssets.length === 0) add('<p class="note">No price moved.</p>');
  else
    add(
      figure(
        'prices',
        await renderChartSvg(priceChart(m), 'chart-prices'),
        `The ${m.priceAssets.length} assets that moved most, as a share of their initial price; times at the end of a step of ${m.time.stepSeconds} s.`,
      ),
      htmlTable(priceCheckpointTable(m)),
    );
  add('</section>');

  add('<section id="losses">', '<h2>Losses over time</h2>');
  if (m.lossProtocols.length === 0) add('<p class="note">No protocol lost equity.</p>');
  else
    add(
      figure(
        'losses',
        await renderChartSvg(lossChart(m), 'chart-losses'),
        `Equity lost since the start by the ${m.lossProtocols.length} protocols that lost most.`,
      ),
      htmlTable(lossCheckpointTable(m)),
    );
  if (m.lossTable.length > 0) {
    add('<h3>Losses by protocol and channel</h3>', htmlTable(lossTable(m)));
    if (m.lossTableMore > 0)
      add(`<p class="note">... and ${m.lossTableMore} more protocols with smaller losses.</p>`);
  }
  if (r.protocols.some(hasMeasure)) add('<h3>Loss measures by protocol</h3>', htmlTable(measureTable(m)));
  const perps = perpTable(m);
  if (perps.rows.length > 0) add('<h3>Perp books</h3>', htmlTable(perps));
  add('</section>');

  if (r.signals) {
    add('<section id="signals">', '<h2>Early-warning signals</h2>');
    if (m.signalSeries.length === 0) add('<p class="note">No signal moved.</p>');
    else
      add(
        figure(
          'signals',
          await renderChartSvg(signalChart(m), 'chart-signals'),
          `The ${m.signalSeries.length} signals that came nearest their threshold, each as a share of it (the dashed rule is the threshold).`,
        ),
        htmlTable(signalTable(m)),
      );
    add('</section>');
  }

  add('<section id="failures">', `<h2>Failures and their realised paths (${r.failures.length})</h2>`);
  if (r.failures.length === 0) add('<p class="note">No protocol became stressed or insolvent.</p>');
  else
    add(
      '<ol class="failures">',
      ...failureItems(m).map((f) => `<li><strong>${esc(f.title)}</strong>${hopList(f.hops)}</li>`),
      '</ol>',
    );
  if (r.breakerActivations.length > 0)
    add(`<h3>Breaker activations (${r.breakerActivations.length})</h3>`, htmlTable(activationsTable(m)));
  const runs = depositorRunsTable(m);
  if (runs) add(`<h3>Depositor runs (${runs.rows.length})</h3>`, htmlTable(runs));
  add('</section>');

  const edges = pathEdges(m);
  add('<section id="graph">', '<h2>Contagion graph</h2>');
  add(
    `<p class="note">${m.graph.nodes.length} events, assets, markets and protocols took part, linked by ` +
      `${m.graph.edges.length} edges: what the ledger booked (net over the run) and ` +
      (edges.length > 0
        ? `the ${edges.length} distinct hops of the realised failure paths, drawn in red`
        : 'no failure path (no protocol failed)') +
      (m.graph.omittedEdges > 0 ? `; ${m.graph.omittedEdges} smaller ledger links are left out` : '') +
      '. Hover a node to light its links.</p>',
    legend(),
    `<figure class="graph" data-chart="graph">\n${renderGraphSvg(m.graph, m.time)}\n</figure>`,
  );
  add('</section>');

  const bt = breakerTable(m);
  if (bt && m.breakers) {
    add(
      '<section id="breakers">',
      '<h2>Breaker comparison</h2>',
      '<p class="note">The scenario with no breaker, each breaker alone and all of them. A run is ' +
        '<strong class="worse">WORSE</strong> when it has more bad debt or more insolvent protocols than the run without any breaker.</p>',
      figure(
        'breakers',
        await renderChartSvg(breakerChart(m.breakers), 'chart-breakers'),
        'Bad debt of each run, by verdict.',
      ),
      htmlTable(bt, 'breaker-table'),
      htmlLegend('Verdicts', VERDICT_LEGEND),
    );
    const worse = worseItems(m);
    if (worse.length === 0)
      add('<p>No breaker run has more bad debt or more insolvent protocols than the run without any.</p>');
    for (const w of worse) {
      add(`<h3><strong class="worse">WORSE</strong> with ${esc(w.run)}</h3>`, `<p>${esc(w.why)}.</p>`);
      if (w.added.length > 0)
        add(
          `<p>Failures only with ${w.run === 'all breakers' ? 'them' : 'it'} (${w.added.length}):</p>`,
          '<ol class="failures">',
          ...w.added.map((f) => `<li><strong>${esc(f.title)}</strong>${hopList(f.hops)}</li>`),
          '</ol>',
        );
      if (w.avoided.length > 0) add(`<p>Failures avoided: ${esc(w.avoided.join(', '))}.</p>`);
      if (w.markets.length > 0)
        add(
          '<p>Markets with more bad debt:</p>',
          `<ul>${w.markets.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
        );
    }
    add('</section>');
  }

  if (m.sweep) {
    const p = m.sweep.phase;
    const { row, col } = phaseAxes(m.sweep);
    add(
      '<section id="sweep">',
      `<h2>Sweep: bad debt by ${esc(row.title)} and ${esc(col.title)}</h2>`,
      `<p class="note">Rows: <code>${esc(p.rowParam)}</code>; columns: <code>${esc(p.colParam)}</code>.</p>`,
      figure(
        'heatmap',
        await renderChartSvg(heatmapChart(m.sweep), 'chart-heatmap'),
        `Grid sweep of scenario ${m.sweep.scenario} on network ${m.sweep.network}: bad debt (USD millions) for each pair of values.`,
      ),
      htmlTable(phaseTable(m.sweep)),
      '</section>',
    );
  }

  if (m.backtest) {
    add(
      '<section id="backtest">',
      '<h2>Backtest: historical events</h2>',
      `<p class="note">${esc(
        'Each historical event of data/events/ run by the engine as is, and each measured outcome against its band. ' +
          'An event listed as not passing yet is one the model does not reproduce yet.',
      )}</p>`,
    );
    for (const e of backtestTables(m.backtest))
      add(
        `<h3>${esc(e.title)}</h3>`,
        htmlTable(e.table, `backtest-${e.event}`),
        `<p>${e.listedPassing ? esc(e.total) : `<strong class="worse">${esc(e.total)}</strong>`}</p>`,
      );
    add(
      `<ul>${backtestTotals(m.backtest)
        .map((l) => `<li>${esc(l)}</li>`)
        .join('')}</ul>`,
      '</section>',
    );
  }

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
