// The report on the sample's ETH crash: markdown numbers equal the run's summary, the pause breaker is flagged
// WORSE, every failure path is listed; the contagion graph holds the distinct hops; the saved documents a
// report reads are checked for kind, version and shape; same inputs give the same bytes.
import { join } from 'node:path';
import { compareBreakers } from '../../src/analysis/breaker-test';
import type { RunResult } from '../../src/engine/result';
import { runScenario } from '../../src/engine/run';
import { InputError } from '../../src/model/errors';
import { loadScenarioInputs } from '../../src/cli/load';
import { buildContagionGraph, distinctPathHops } from '../../src/report/contagion-graph';
import { renderHtmlReport } from '../../src/report/html';
import { renderMarkdownReport } from '../../src/report/markdown';
import { parseRunDocument } from '../../src/model/parse-run';
import { parseSweepDocument, type PhaseSweep } from '../../src/report/report-documents';
import { buildReportModel, keptIndices, type ReportModel } from '../../src/report/report-model';
import { renderPathHop } from '../../src/report/run-text';

const DATA = join(__dirname, '..', '..', 'data');
const CRASH = join(DATA, 'scenarios', 'eth-crash-30pct.json');
const PAUSE = join(DATA, 'scenarios', 'breakers-pause-on-deviation.json');

/** "164422267.85" -> "$164,422,267.85", written independently of the report's own formatter. */
const dollars = (s: string) =>
  (Number(s) < 0 ? '-$' : '$') +
  Math.abs(Number(s)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const sweep: PhaseSweep = {
  format: 'contagion/sweep@1',
  network: 'ethereum-2025-10',
  scenario: 'eth-crash-30pct',
  mode: 'grid',
  parameters: [
    { path: 'scenario.events[0].path.change', values: [-0.1, -0.3] },
    { path: 'scenario.events[0].path.overSteps', values: [50, 150, 300] },
  ],
  variants: [],
  phase: {
    rowParam: 'scenario.events[0].path.change',
    colParam: 'scenario.events[0].path.overSteps',
    rows: [-0.1, -0.3],
    cols: [50, 150, 300],
    badDebtUsd: [
      ['1000000.00', '0.00', '0.00'],
      ['250000000.00', '120000000.00', '90000000.00'],
    ],
  },
};

describe('report of the sample ETH crash', () => {
  let run: RunResult;
  let model: ReportModel;
  let md: string;

  beforeAll(() => {
    const inputs = loadScenarioInputs({ scenario: CRASH, breakers: PAUSE });
    run = runScenario(inputs.network, inputs.scenario);
    const breakers = compareBreakers(inputs.network, inputs.scenario, [
      ...inputs.scenario.breakers,
      ...inputs.extraBreakers,
    ]);
    model = buildReportModel({ run, breakers, sweep });
    md = renderMarkdownReport(model);
  });

  it('states the run: network, as-of, scenario, seed, breakers', () => {
    expect(md).toContain(`# Contagion report: ${run.scenario.name} on ${run.network.name}`);
    expect(md).toContain(`(as of ${run.network.asOf})`);
    expect(md).toContain(`- **seed**: ${run.scenario.seed}`);
    expect(md).toContain(`- **breakers in the run**: none`);
  });

  it("gives the run's summary figures exactly", () => {
    const s = run.summary;
    expect(Number(s.badDebtUsd)).toBeGreaterThan(0);
    expect(md).toContain(`| bad debt | ${dollars(s.badDebtUsd)} |`);
    expect(md).toContain(`| liquidated | ${dollars(s.liquidatedUsd)} |`);
    expect(md).toContain(`| equity lost | ${dollars(s.lossUsd)} |`);
    const insolvent = s.insolventProtocols;
    expect(md).toContain(
      `| insolvent protocols | ${insolvent.length === 0 ? 'none' : `${insolvent.length}: ${insolvent.join(', ')}`} |`,
    );
    expect(md).toContain(
      `| stressed protocols | ${s.stressedProtocols.length}: ${s.stressedProtocols.join(', ')} |`,
    );
    for (const w of s.worstPrices)
      expect(md).toMatch(new RegExp(`\\| ${w.asset} \\| [\\d.]+ \\| ${w.minPriceUsd.toPrecision(6)} \\|`));
  });

  it('lists every failure with every hop of its realised path', () => {
    expect(md).toContain(`## Failures and their realised paths (${run.failures.length})`);
    for (const f of run.failures) {
      expect(md).toMatch(
        new RegExp(`\\*\\*step ${f.step} \\([\\d.]+ min\\): ${f.protocol} ${f.status}\\*\\*`),
      );
      for (const h of f.path) expect(md).toContain(`- <- \`${renderPathHop(h)}\``);
    }
  });

  it('flags the pause breaker WORSE, with the failures only it causes', () => {
    const pause = model.breakers!.runs.find((r) => r.label === 'pause-liquidations-on-oracle-deviation')!;
    expect(pause.worse).toBe(true);
    expect(md).toMatch(/^\| pause-liquidations-on-oracle-deviation \|.*\| \*\*WORSE\*\* \|$/m);
    expect(md).toMatch(/^\| none \|.*\| baseline \|$/m);
    expect(md).toContain('### WORSE with pause-liquidations-on-oracle-deviation');
    for (const f of pause.addedFailures)
      expect(md).toContain(`: ${f.protocol} ${f.status} (${f.statusWithout} without)**`);
  });

  it('has the losses of the protocols that lost most, over time', () => {
    const worst = [...run.protocols].sort((a, b) => Number(b.lossUsd) - Number(a.lossUsd))[0]!;
    expect(model.lossProtocols).toContain(worst.id);
    expect(md).toMatch(new RegExp(`^\\| ${worst.id} \\| \\$[\\d.]+[KMB]? \\|`, 'm'));
    // The chart's series end at the run's last step with the protocol's final loss.
    const last = model.lossPoints.filter((p) => p.protocol === worst.id).at(-1)!;
    expect(last.lossUsd).toBeCloseTo(Number(worst.lossUsd), 2);
  });

  it('draws the sweep as a table of rows x columns', () => {
    expect(md).toContain('## Sweep: bad debt by event 1: price change (%) and event 1: spread over (steps)');
    expect(md).toMatch(/^\| -30% \| \$250\.00M \| \$120\.00M \| \$90\.00M \|$/m);
  });

  it('puts each distinct hop of the failure paths in the graph once, as a highlighted edge', () => {
    const hops = distinctPathHops(run);
    expect(hops.length).toBeGreaterThan(0);
    const onPath = model.graph.edges.filter((e) => e.onPath).map((e) => e.key);
    expect(onPath).toEqual(hops);
    const ids = new Set(model.graph.nodes.map((n) => n.id));
    for (const e of model.graph.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
    const mermaid = md.slice(md.indexOf('```mermaid'));
    expect(mermaid.split('\n').filter((l) => l.includes('-->')).length).toBe(hops.length);
  });

  it('gives the same bytes for the same inputs', async () => {
    const again = buildReportModel({ run, breakers: model.breakers, sweep });
    expect(renderMarkdownReport(again)).toBe(md);
    const [a, b] = [await renderHtmlReport(model), await renderHtmlReport(again)];
    // Compared by length and first difference (a full diff of two large pages says nothing more).
    const firstDifference = [...a].findIndex((ch, i) => ch !== b[i]);
    expect({ length: a.length, firstDifference }).toEqual({ length: b.length, firstDifference: -1 });
    expect(a).not.toMatch(/(src|href)="https?:/);
  });
});

describe('contagion graph', () => {
  it('keeps only the largest ledger links beyond the path hops, and says how many it left out', () => {
    const inputs = loadScenarioInputs({ scenario: CRASH });
    const run = runScenario(inputs.network, inputs.scenario);
    const full = buildContagionGraph(run);
    const small = buildContagionGraph(run, { maxLedgerEdges: 3 });
    expect(small.edges.filter((e) => !e.onPath)).toHaveLength(3);
    expect(small.edges.filter((e) => e.onPath)).toHaveLength(distinctPathHops(run).length);
    expect(small.omittedEdges).toBe(full.edges.filter((e) => !e.onPath).length - 3);
    const largest = full.edges
      .filter((e) => !e.onPath)
      .map((e) => Math.abs(e.netUsd))
      .sort((a, b) => b - a)[2]!;
    for (const e of small.edges.filter((x) => !x.onPath))
      expect(Math.abs(e.netUsd)).toBeGreaterThanOrEqual(largest);
  });
});

describe('keptIndices', () => {
  it('keeps a short series whole and the extremes of a long one', () => {
    expect(keptIndices([3, 1, 2], 10)).toEqual([0, 1, 2]);
    const values = Array.from(
      { length: 1000 },
      (_, i) => Math.sin(i / 7) + (i === 613 ? -5 : 0) + (i === 77 ? 4 : 0),
    );
    const kept = keptIndices(values, 100);
    expect(kept.length).toBeLessThanOrEqual(100);
    expect(kept).toContain(0);
    expect(kept).toContain(999);
    expect(kept).toContain(613);
    expect(kept).toContain(77);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });
});

describe('documents a report reads', () => {
  const problem = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('expected an InputError');
  };

  it('refuses a document of another kind, another version or no format, saying which', () => {
    expect(problem(() => parseRunDocument(sweep, 's.json'))).toContain(
      's.json: $.format: is a contagion/sweep@1 document, expected contagion/run@1',
    );
    expect(problem(() => parseRunDocument({ format: 'contagion/run@2' }, 'r.json'))).toContain(
      'r.json: $.format: contagion/run@2 is not supported',
    );
    expect(problem(() => parseRunDocument([1, 2], 'x.json'))).toContain(
      'x.json: $.format: not a contagion/run@1 document',
    );
    expect(problem(() => parseSweepDocument({ format: 'contagion/monte-carlo@1' }, 'mc.json'))).toContain(
      'is a contagion/monte-carlo@1 document, expected contagion/sweep@1',
    );
  });

  it('locates a shape problem in a run', () => {
    const bad = { format: 'contagion/run@1', network: { name: 'n', asOf: '2025-10-31' } };
    expect(problem(() => parseRunDocument(bad, 'r.json'))).toContain(
      'r.json: $.scenario: required field is missing',
    );
  });

  it('needs a grid over two parameters for a heatmap', () => {
    const zip = { ...sweep, mode: 'zip', phase: undefined };
    expect(problem(() => parseSweepDocument(zip, 'z.json'))).toContain(
      'z.json: $.phase: a heatmap needs a grid sweep over two parameters; this is a zip sweep over 2',
    );
    const ragged = { ...sweep, phase: { ...sweep.phase, badDebtUsd: [['1.00'], ['2.00']] } };
    expect(problem(() => parseSweepDocument(ragged, 'g.json'))).toContain('must have 2 rows of 3 values');
    expect(parseSweepDocument(JSON.parse(JSON.stringify(sweep)), 'ok.json').phase.rows).toEqual([-0.1, -0.3]);
  });
});
