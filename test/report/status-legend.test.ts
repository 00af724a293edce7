// Status words are defined where they are shown: every status and verdict the terminal output and the report
// print is explained next to the tables, with the thresholds the engine applies.
import { compareBreakers } from '../../src/analysis/breaker-test';
import { loadScenarioInputs } from '../../src/cli/load';
import { runScenario } from '../../src/engine/run';
import { renderBreakerComparison, verdict } from '../../src/report/breakers-text';
import { renderHtmlReport } from '../../src/report/html';
import { renderMarkdownReport } from '../../src/report/markdown';
import { buildReportModel } from '../../src/report/report-model';
import { renderRun } from '../../src/report/run-text';
import { join } from 'node:path';

const DATA = join(__dirname, '..', '..', 'data');
const inputs = loadScenarioInputs({
  scenario: join(DATA, 'scenarios', 'eth-crash-30pct.json'),
  breakers: join(DATA, 'scenarios', 'breakers-pause-on-deviation.json'),
});
const run = runScenario(inputs.network, inputs.scenario);
const comparison = compareBreakers(inputs.network, inputs.scenario, inputs.extraBreakers);

/** The words of `text` that follow a `  word  ` legend line start. */
const defined = (text: string) =>
  [
    ...text.matchAll(/^ {2}(healthy|paper-loss|stressed|insolvent|baseline|better|no change|WORSE) {2,}\S/gm),
  ].map((m) => m[1]);

describe('status legends', () => {
  it('shock: the summary is followed by the meaning of every status, with the stress thresholds', () => {
    const text = renderRun(run);
    const legend = text.indexOf('Statuses (the worst each protocol reached):');
    expect(legend).toBeGreaterThan(text.indexOf('│ bad debt'));
    expect(legend).toBeLessThan(text.indexOf('Failures in time order'));
    expect(defined(text)).toEqual(['healthy', 'paper-loss', 'stressed', 'insolvent']);
    expect(text).toContain('larger than both 5% of its initial equity and 0.1% of its initial assets');
    for (const p of run.protocols)
      expect(['healthy', 'paper-loss', 'stressed', 'insolvent']).toContain(p.status);
  });

  it('shock: the loss measures follow, each defined, with a line when the run ended before prices settled', () => {
    const text = renderRun(run);
    const measures = text.indexOf('Loss measures as the run ends');
    expect(measures).toBeGreaterThan(text.indexOf('Statuses (the worst each protocol reached):'));
    expect(measures).toBeLessThan(text.indexOf('Failures in time order'));
    for (const word of [
      'bad debt',
      'latent bad debt',
      'paper loss',
      'socialized loss',
      'insurance fund used',
    ])
      expect(text).toMatch(new RegExp(`^ {2}${word} {2,}\\S`, 'm'));
    const unsettled = 'Prices still moved in the last step';
    expect(text.includes(unsettled)).toBe(!run.summary.pricesSettled);
    expect(renderRun({ ...run, summary: { ...run.summary, pricesSettled: false } })).toContain(unsettled);
    expect(renderRun({ ...run, summary: { ...run.summary, pricesSettled: true } })).not.toContain(unsettled);
  });

  it('breakers: every verdict in the table and every status counted is defined under it', () => {
    const text = renderBreakerComparison(comparison);
    const shown = new Set(comparison.runs.map(verdict));
    expect(shown.has('WORSE')).toBe(true);
    for (const v of shown) expect(defined(text)).toContain(v);
    expect(defined(text)).toEqual([
      'baseline',
      'better',
      'no change',
      'WORSE',
      'healthy',
      'paper-loss',
      'stressed',
      'insolvent',
    ]);
  });

  it('report: the summary and the breaker comparison define their words in markdown and HTML', async () => {
    const model = buildReportModel({ run, breakers: comparison });
    const md = renderMarkdownReport(model);
    expect(md).toContain('Statuses, the worst each protocol reached:');
    expect(md).toMatch(/- \*\*stressed\*\*: bad debt, or a loss beyond its insurance fund/);
    expect(md).toMatch(/- \*\*WORSE\*\*: more bad debt or more insolvent protocols/);
    expect(md).toMatch(/- \*\*paper-loss\*\*: short or stressed at market prices only/);
    expect(md).toMatch(/- \*\*latent bad debt\*\*: debt above the collateral of positions still open/);
    expect(md.indexOf('- **insolvent**:')).toBeLessThan(md.indexOf('## Price paths'));
    const html = await renderHtmlReport(model);
    expect(html).toContain('<dt>insolvent</dt><dd>in default at the clearing at some step');
    expect(html).toContain('<dt>no change</dt><dd>the same bad debt');
  });
});
