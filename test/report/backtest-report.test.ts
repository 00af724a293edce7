// The backtest section of the report: the markdown scorecard carries the engine's numbers for each outcome
// (a changed shock changes the line), labels an event that does not pass yet, and gives the totals.
import { runBacktest, type BacktestEvent } from '../../src/analysis/backtest/score';
import { withEthChange } from '../helpers/backtest-events';
import { loadEvents } from '../../src/cli/load-events';
import { runScenario } from '../../src/engine/run';
import { renderMarkdownReport } from '../../src/report/markdown';
import { buildReportModel } from '../../src/report/report-model';

const BLACK_THURSDAY = 'a01-black-thursday-2020';
const STREAM = 'a12-stream-xusd-2025';

/** Maker's bad debt straight from a run of the event's scenario, USD. */
function makerBadDebt(event: BacktestEvent): number {
  const run = runScenario(event.network, event.scenario);
  return Number(run.protocols.find((p) => p.id === 'maker')!.badDebtUsd);
}
const millions = (usd: number) => `${(usd / 1e6).toPrecision(4)}M`;

function reportWith(events: BacktestEvent[]): string {
  const [first] = events;
  const run = runScenario(first!.network, first!.scenario);
  return renderMarkdownReport(buildReportModel({ run, backtest: runBacktest(events) }));
}

describe('backtest section of the markdown report', () => {
  const [blackThursday, stream] = loadEvents([BLACK_THURSDAY, STREAM]);
  const md = reportWith([blackThursday!, stream!]);

  it("prints each outcome's line with the model value of the engine's run and its ratio", () => {
    const badDebt = makerBadDebt(blackThursday!);
    expect(md).toContain('## Backtest: historical events');
    expect(md).toContain(`### ${BLACK_THURSDAY}: Black Thursday (MakerDAO)`);
    expect(md).toContain(
      `| bad-debt | bad debt of maker | 5.670M | ${millions(badDebt)} | ${(badDebt / 5.67e6).toFixed(3)} | x/÷1.5 | yes |`,
    );
  });

  it('follows the engine when the shock changes: a milder ETH fall prints a smaller bad debt', () => {
    const milder = withEthChange(blackThursday!, -0.2);
    const model = millions(makerBadDebt(milder));
    expect(model).not.toBe(millions(makerBadDebt(blackThursday!)));
    const mdMilder = reportWith([milder]);
    expect(mdMilder).toContain(`| bad-debt | bad debt of maker | 5.670M | ${model} |`);
    expect(mdMilder).not.toContain('4/4 inside: passes');
  });

  it('labels the event that does not pass yet, stresses its outside outcome and gives the totals', () => {
    expect(md).toMatch(
      /\| deusd-low \| lowest price of deUSD \| 0\.01500 \| 0\.\d{4} \| \d+\.\d{3} \| x\/÷3 \| \*\*NO\*\* \|/,
    );
    expect(md).toContain('4/4 inside: passes (listed as passing)');
    expect(md).toContain('**3/4 inside: does not pass (listed as not passing yet)**');
    expect(md).toContain('- overall: 7/8 outcomes inside their bands; 1/2 events pass');
  });

  it('has no backtest section unless asked', () => {
    const run = runScenario(blackThursday!.network, blackThursday!.scenario);
    expect(renderMarkdownReport(buildReportModel({ run }))).not.toContain('## Backtest');
  });
});
