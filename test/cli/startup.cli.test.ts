// What the built binary loads: help and commands that do not draw or talk to Neo4j never load vega,
// vega-lite, the graph layout or the Neo4j driver, and only `--queue` and `worker` load BullMQ and ioredis
// (their modules are imported by the actions that use them).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ROOT, tempFiles } from '../helpers/cli';

const HEAVY = ['vega', 'vega-lite', 'graphology-layout-forceatlas2', 'neo4j-driver', 'bullmq', 'ioredis'];

/** The packages under node_modules that the binary loaded while running `args`. */
function packagesLoaded(args: string[]): string[] {
  const dir = tempFiles({
    'hook.js':
      "process.on('exit', () => { const seen = new Set(); for (const f of Object.keys(require.cache)) {" +
      ' const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(f); if (m) seen.add(m[1]); }' +
      " process.stderr.write('loaded ' + JSON.stringify([...seen].sort()) + '\\n'); });",
  });
  const r = spawnSync(process.execPath, ['--require', join(dir, 'hook.js'), BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  return JSON.parse(/loaded (\[.*\])/.exec(r.stderr)![1]!) as string[];
}

describe('contagion start-up', () => {
  it('loads only commander and its option parsers for --help', () => {
    const loaded = packagesLoaded(['--help']);
    for (const name of HEAVY) expect(loaded).not.toContain(name);
    expect(loaded).not.toContain('zod');
    expect(loaded).not.toContain('decimal.js');
    expect(loaded).toContain('commander');
  });

  it('runs a shock without loading the charts, the layout or the driver', () => {
    const loaded = packagesLoaded(['shock']);
    for (const name of HEAVY) expect(loaded).not.toContain(name);
    expect(loaded).toContain('decimal.js');
  });

  it('runs a local Monte Carlo without loading the queue', () => {
    const loaded = packagesLoaded(['sweep', '--monte-carlo', '2', '--seed', '1', '--workers', '1']);
    for (const name of HEAVY) expect(loaded).not.toContain(name);
    expect(loaded).toContain('pure-rand');
  });

  it('loads vega, vega-lite and the layout for an HTML report, and still not the driver', () => {
    const out = tempFiles({});
    const loaded = packagesLoaded(['report', '--html', join(out, 'report.html')]);
    expect(loaded).toEqual(expect.arrayContaining(['vega', 'vega-lite', 'graphology-layout-forceatlas2']));
    expect(loaded).not.toContain('neo4j-driver');
  });
});
