// `contagion report` through the built binary: markdown on stdout, files written whole and byte-identical
// from run to run, a saved run read back, and bad input (missing file, wrong kind or version, a sweep that
// cannot be a heatmap, an unwritable path, an unknown backtest event) ending in exit code 2 with nothing
// written; --backtest alone adds the scorecard of every event.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventIds } from '../../src/cli/load-events';
import { runBin, tempFiles } from '../helpers/cli';

const DATA = join(__dirname, '..', '..', 'data');
const PAUSE = join(DATA, 'scenarios', 'breakers-pause-on-deviation.json');
const USDC = join(DATA, 'scenarios', 'usdc-issuer-loss.json');

const dollars = (s: string) =>
  '$' + Number(s).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('contagion report', () => {
  let run: { summary: { badDebtUsd: string; lossUsd: string }; scenario: { name: string } };
  let runText: string;

  beforeAll(() => {
    const r = runBin(['shock', '--json']);
    expect(r.code).toBe(0);
    runText = r.stdout;
    run = JSON.parse(runText);
  });

  it('prints the markdown report of the sample crash to stdout', () => {
    const r = runBin(['report']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Contagion report: eth-crash-30pct on ethereum-2025-10\n/);
    expect(r.stdout).toContain(`| bad debt | ${dollars(run.summary.badDebtUsd)} |`);
    expect(r.stdout).toContain('## Failures and their realised paths');
    expect(r.stdout).not.toContain('## Breaker comparison');
  });

  it('writes markdown and HTML files, byte-identical from one run to the next', () => {
    const dir = tempFiles({});
    const paths = (k: string) => ['--md', join(dir, `${k}.md`), '--html', join(dir, `${k}.html`)];
    const a = runBin(['report', '--breakers', PAUSE, ...paths('a')]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe('');
    const b = runBin(['report', '--breakers', PAUSE, ...paths('b')]);
    expect(b.code).toBe(0);
    const read = (name: string) => readFileSync(join(dir, name));
    const [mdA, mdB, htmlA, htmlB] = [read('a.md'), read('b.md'), read('a.html'), read('b.html')];
    expect(mdA.equals(mdB)).toBe(true);
    expect(htmlA.equals(htmlB)).toBe(true);
    expect(mdA.toString()).toMatch(/^\| pause-liquidations-on-oracle-deviation \|.*\| \*\*WORSE\*\* \|$/m);
    const html = htmlA.toString();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<strong class="worse">WORSE</strong>');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    // Only the two reports: no temporary file left behind.
    expect(readdirSync(dir).sort()).toEqual(['a.html', 'a.md', 'b.html', 'b.md']);
  });

  it('reads a saved run instead of running the scenario', () => {
    const dir = tempFiles({ 'run.json': runText });
    const r = runBin(['report', '--run', join(dir, 'run.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`| equity lost | ${dollars(run.summary.lossUsd)} |`);
    expect(r.stdout).toBe(runBin(['report']).stdout);
  });

  it('exits 2 on a missing file, a document of another kind or version, and a sweep that is not a grid of two', () => {
    const dir = tempFiles({
      'run2.json': { ...JSON.parse(runText), format: 'contagion/run@2' },
      'zip.json': {
        format: 'contagion/sweep@1',
        network: 'n',
        scenario: 's',
        mode: 'zip',
        parameters: [{ path: 'scenario.seed', values: [1, 2] }],
        variants: [],
      },
    });
    const cases: [string[], RegExp][] = [
      [['--run', join(dir, 'nope.json')], /nope\.json: \$: file not found/],
      [['--run', join(dir, 'run2.json')], /run2\.json: \$\.format: contagion\/run@2 is not supported/],
      [['--run', PAUSE], /\$\.format: is a contagion\/breakers@1 document, expected contagion\/run@1/],
      [
        ['--sweep', join(dir, 'zip.json')],
        /zip\.json: \$\.phase: a heatmap needs a grid sweep over two parameters/,
      ],
      [['--sweep', join(dir, 'run2.json')], /is a contagion\/run@2 document, expected contagion\/sweep@1/],
    ];
    for (const [args, message] of cases) {
      const out = join(dir, 'out.html');
      const r = runBin(['report', ...args, '--html', out]);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('exits 2 when a saved run and the breakers would be on different scenarios', () => {
    const dir = tempFiles({ 'run.json': runText });
    const r = runBin(['report', '--run', join(dir, 'run.json'), '--breakers', PAUSE, '--scenario', USDC]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /is a run of scenario "eth-crash-30pct", but the breakers would be compared on "usdc-issuer-loss"/,
    );
  });

  it('exits 2 and writes nothing when an output cannot be written', () => {
    const dir = tempFiles({});
    const md = join(dir, 'ok.md');
    const r = runBin(['report', '--md', md, '--html', join(dir, 'missing', 'r.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write .*missing[/\\]r\.html: folder .*missing does not exist/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--backtest with no id adds the scorecard of every event; an unknown id exits 2 with nothing written', () => {
    const dir = tempFiles({});
    const md = join(dir, 'r.md');
    const all = runBin(['report', '--backtest', '--md', md]);
    expect(all.code).toBe(0);
    const text = readFileSync(md, 'utf8');
    for (const id of eventIds()) expect(text).toMatch(new RegExp(`^### ${id}: `, 'm'));
    expect(text).toMatch(
      new RegExp(
        `^- overall: \\d+/\\d+ outcomes inside their bands; \\d+/${eventIds().length} events pass$`,
        'm',
      ),
    );
    const bad = runBin([
      'report',
      '--backtest',
      'a01-black-thursday-2020',
      'no-such-event',
      '--md',
      join(dir, 'x.md'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: unknown event "no-such-event"/);
    expect(readdirSync(dir)).toEqual(['r.md']);
  });
});
