// The report as markdown: the same sections as the HTML report, as tables and lists (charts become tables
// at checkpoints of the run; the contagion graph becomes a mermaid flowchart of the realised paths).
import { escapeCell } from './escape';
import type { ReportModel } from './report-model';
import {
  activationsTable,
  depositorRunsTable,
  backtestTables,
  backtestTotals,
  breakerTable,
  type Cell,
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

const cell = (c: Cell) => (typeof c === 'string' ? escapeCell(c) : `**${escapeCell(c.text)}**`);

export function markdownTable(t: Table): string {
  const sep = t.align.map((a) => (a === 'right' ? '---:' : ':---'));
  return [
    `| ${t.head.map(escapeCell).join(' | ')} |`,
    `| ${sep.join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function mermaid(m: ReportModel): string {
  const edges = pathEdges(m);
  const ids = new Map<string, string>();
  const nodeId = (id: string) => {
    let n = ids.get(id);
    if (!n) {
      n = `n${ids.size}`;
      ids.set(id, n);
    }
    return n;
  };
  const label = (id: string) => id.replace(/"/g, "'");
  const lines = ['```mermaid', 'flowchart LR'];
  for (const e of edges) {
    const a = ids.has(e.from) ? nodeId(e.from) : `${nodeId(e.from)}["${label(e.from)}"]`;
    const b = ids.has(e.to) ? nodeId(e.to) : `${nodeId(e.to)}["${label(e.to)}"]`;
    lines.push(`  ${a} -->|${e.channels.join(', ')}| ${b}`);
  }
  lines.push('```');
  return lines.join('\n');
}

/** A legend as a markdown list: the title, then `- **word**: meaning` per entry. */
const markdownLegend = (title: string, entries: readonly LegendEntry[]) =>
  [`${title}:`, '', ...entries.map(([w, meaning]) => `- **${w}**: ${meaning}`)].join('\n');

export function renderMarkdownReport(m: ReportModel): string {
  const r = m.run;
  const out: string[] = [];
  const para = (...lines: string[]) => out.push(lines.join('\n'), '');
  para(`# Contagion report: ${r.scenario.name} on ${r.network.name}`);
  para(...headerFacts(m).map(([k, v]) => `- **${k}**: ${v}`));

  para('## Summary');
  para(markdownTable(summaryTable(m)));
  para(markdownLegend('Statuses, the worst each protocol reached', STATUS_LEGEND));
  para(markdownLegend('Loss measures, as the run ends', LOSS_LEGEND));
  if (!r.summary.pricesSettled) para(...unsettledLine(r));
  if (r.summary.worstPrices.length > 0) {
    para('### Worst prices');
    para(markdownTable(worstPricesTable(m)));
  }

  para('## Price paths');
  if (m.priceAssets.length === 0) para('No price moved.');
  else {
    para(
      `The ${m.priceAssets.length} assets that moved most, as a share of their initial price ` +
        `(times at the end of a step of ${m.time.stepSeconds} s).`,
    );
    para(markdownTable(priceCheckpointTable(m)));
  }

  para('## Losses over time');
  if (m.lossProtocols.length === 0) para('No protocol lost equity.');
  else {
    para(`Equity lost since the start by the ${m.lossProtocols.length} protocols that lost most.`);
    para(markdownTable(lossCheckpointTable(m)));
  }
  if (m.lossTable.length > 0) {
    para('### Losses by protocol and channel');
    para(markdownTable(lossTable(m)));
    if (m.lossTableMore > 0) para(`... and ${m.lossTableMore} more protocols with smaller losses.`);
  }
  if (r.protocols.some(hasMeasure)) {
    para('### Loss measures by protocol');
    para(markdownTable(measureTable(m)));
  }

  const perps = perpTable(m);
  if (perps.rows.length > 0) {
    para('### Perp books');
    para(markdownTable(perps));
  }

  if (r.signals) {
    para('## Early-warning signals');
    if (m.signalSeries.length === 0) para('No signal moved.');
    else {
      para(
        `The ${m.signalSeries.length} signals that came nearest their threshold, earliest crossing first ` +
          '(docs/model.md §21).',
      );
      para(markdownTable(signalTable(m)));
    }
  }

  para(`## Failures and their realised paths (${r.failures.length})`);
  if (r.failures.length === 0) para('No protocol became stressed or insolvent.');
  for (const f of failureItems(m)) para(`**${f.title}**`, ...f.hops.map((h) => `- <- ${code(h)}`));

  if (r.breakerActivations.length > 0) {
    para(`## Breaker activations (${r.breakerActivations.length})`);
    para(markdownTable(activationsTable(m)));
  }
  const runs = depositorRunsTable(m);
  if (runs) {
    para(`## Depositor runs (${runs.rows.length})`);
    para(
      'USD asked to withdraw, paid out of idle liquidity first come first served, and still stuck at the end.',
    );
    para(markdownTable(runs));
  }

  const bt = breakerTable(m);
  if (bt) {
    para('## Breaker comparison');
    para(
      'The scenario with no breaker, each breaker alone and all of them. A run is **WORSE** when it has ' +
        'more bad debt or more insolvent protocols than the run without any breaker.',
    );
    para(markdownTable(bt));
    para(markdownLegend('Verdicts', VERDICT_LEGEND));
    const worse = worseItems(m);
    if (worse.length === 0)
      para('No breaker run has more bad debt or more insolvent protocols than the run without any.');
    for (const w of worse) {
      para(`### WORSE with ${w.run}`, '', `${w.why}.`);
      if (w.added.length > 0) {
        para(`Failures only with ${w.run === 'all breakers' ? 'them' : 'it'} (${w.added.length}):`);
        for (const f of w.added) para(`**${f.title}**`, ...f.hops.map((h) => `- <- ${code(h)}`));
      }
      if (w.avoided.length > 0) para(`Failures avoided: ${w.avoided.join(', ')}.`);
      if (w.markets.length > 0) para('Markets with more bad debt:', ...w.markets.map((x) => `- ${x}`));
    }
  }

  if (m.sweep) {
    const p = m.sweep.phase;
    const { row, col } = phaseAxes(m.sweep);
    para(`## Sweep: bad debt by ${row.title} and ${col.title}`);
    para(
      `Grid sweep of scenario ${m.sweep.scenario} on network ${m.sweep.network}: ` +
        `${row.title} in rows (\`${p.rowParam}\`), ${col.title} in columns (\`${p.colParam}\`), bad debt in each cell.`,
    );
    para(markdownTable(phaseTable(m.sweep)));
  }

  if (m.backtest) {
    para('## Backtest: historical events');
    para(
      'Each historical event of data/events/ run by the engine as is, and each measured outcome against its band. ' +
        'An event listed as not passing yet is one the model does not reproduce yet.',
    );
    for (const e of backtestTables(m.backtest)) {
      para(`### ${e.title}`);
      para(markdownTable(e.table));
      para(e.listedPassing ? e.total : `**${e.total}**`);
    }
    para(...backtestTotals(m.backtest).map((l) => `- ${l}`));
  }

  para('## Contagion graph');
  const edges = pathEdges(m);
  para(
    `${m.graph.nodes.length} events, assets, markets and protocols took part, linked by ` +
      `${m.graph.edges.length} edges (what the ledger booked, and the hops of the failure paths)` +
      (m.graph.omittedEdges > 0 ? `; ${m.graph.omittedEdges} smaller ledger links are left out` : '') +
      (edges.length > 0
        ? `. The ${edges.length} distinct hops of the realised failure paths:`
        : '. No protocol failed, so there is no failure path.'),
  );
  if (edges.length > 0) para(mermaid(m));
  return out.join('\n').replace(/\n+$/, '\n');
}
