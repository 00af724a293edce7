// Start-up cost of the CLI, in fresh processes: CPU time (user + system) of `contagion --help`, the median
// of several runs, each measured by the process itself as it exits. Prints JSON; asserts nothing.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const runs = 7;
// The CLI as npm run bench compiles it (.bench/src/cli/main.js); it finds package.json and data/ above it.
const main = join(__dirname, '..', 'src', 'cli', 'main.js');
const hook = join(__dirname, 'cpu-at-exit.js');
const cpuMs: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, ['--require', hook, main, '--help'], { encoding: 'utf8' });
  const m = /cpu-us (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`contagion --help failed: ${r.stderr}`);
  cpuMs.push(Number(m[1]) / 1000);
}
cpuMs.sort((x, y) => x - y);
process.stdout.write(JSON.stringify({ runs, medianCpuMs: cpuMs[runs >> 1], minCpuMs: cpuMs[0] }) + '\n');
