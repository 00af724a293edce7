// The signals of a run in reports and on the command line: the report's signals section and chart, a saved
// run read back with its signals, and `contagion signals` run in this process.
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';
import { runScenario } from '../../src/engine/run';
import { parseRunDocument } from '../../src/model/parse-run';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { signalChart } from '../../src/report/charts';
import { renderMarkdownReport } from '../../src/report/markdown';
import { buildReportModel } from '../../src/report/report-model';

const DATA = join(__dirname, '..', '..', 'data');
const GAP = join(DATA, 'scenarios', 'steth-liquidity-gap.json');
const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
const sc = parseScenario(readJsonFile(GAP), GAP, net);

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t), isTty: false });
  return { code, out, err };
}

describe('the signals section of a report', () => {
  const run = runScenario(net, sc, { signals: true });

  it('lists the signals nearest their threshold, the stETH depth first (it crossed first, at step 5)', () => {
    const model = buildReportModel({ run });
    expect(model.signalSeries.length).toBe(8);
    expect(model.signalSeries[0]).toMatchObject({ signal: 'depth-lost', target: 'stETH', crossedStep: 5 });
    const md = renderMarkdownReport(model);
    expect(md).toContain('## Early-warning signals');
    expect(md).toMatch(
      /\| depth-lost \| asset stETH \| 0\.5 \| 0\.8500 \| step 5 \(1\.2 min\) \| step 5 \(1\.2 min\) \|/,
    );
    // Drawn as a share of the threshold: 0.85 / 0.5 = 1.7 from step 5.
    const spec = JSON.stringify(signalChart(model));
    expect(spec).toContain('"ofThreshold":1.7');
  });

  it('is left out of a run that did not keep its signals, and comes back from a saved run', () => {
    expect(renderMarkdownReport(buildReportModel({ run: runScenario(net, sc) }))).not.toContain(
      'Early-warning signals',
    );
    const saved = parseRunDocument(JSON.parse(JSON.stringify(run)), 'run.json');
    expect(saved.signals).toEqual(run.signals);
  });
});

describe('contagion signals', () => {
  it('prints a run’s signals as JSON, with each series’ crossing', async () => {
    const r = await cli(['signals', '--scenario', GAP, '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    const depth = doc.signals.series.find((s: any) => s.signal === 'depth-lost' && s.target === 'stETH');
    expect(depth).toMatchObject({ peak: 0.85, crossedStep: 5 });
    expect(doc.signals.thresholds['oracle-gap']).toBe(0.02);
  });

  it('asks for a seed with --monte-carlo (exit 2)', async () => {
    const r = await cli(['signals', '--monte-carlo', '3']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--seed');
  });
});
