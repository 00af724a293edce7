// `contagion shock --json` on a large generated network, as a user runs it: the network written by
// `contagion generate`, the run@1 written to a file through standard output. Arguments: protocols cohorts
// claims steps. Prints whether it completed, its size, time and peak RSS as JSON; asserts nothing about time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [protocols, cohorts, claims, steps] = process.argv.slice(2).map(Number) as [
  number,
  number,
  number,
  number,
];
const main = join(__dirname, '..', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'contagion-bench-'));
try {
  const network = join(dir, 'network.json');
  const scenario = join(dir, 'scenario.json');
  const out = join(dir, 'run.json');
  const generate = spawnSync(
    process.execPath,
    [
      main,
      'generate',
      '--protocols',
      protocols,
      '--cohorts',
      cohorts,
      '--claims',
      claims,
      '--seed',
      7,
      '--out',
      network,
    ].map(String),
    { encoding: 'utf8' },
  );
  if (generate.status !== 0) throw new Error(`contagion generate failed: ${generate.stderr}`);
  writeFileSync(
    scenario,
    JSON.stringify({
      format: 'contagion/scenario@1',
      name: 'bench',
      stepSeconds: 12,
      horizonSteps: steps,
      events: [
        { type: 'price', asset: 'A0', atStep: 1, path: { shape: 'gap', change: -0.3 } },
        { type: 'price', asset: 'A1', atStep: 1, path: { shape: 'linear', change: -0.4, overSteps: 50 } },
      ],
    }),
  );
  const fd = openSync(out, 'w');
  const started = performance.now();
  // The process reports its own peak RSS as it exits (bench/cpu-at-exit.ts, preloaded).
  const shock = spawnSync(
    process.execPath,
    [
      '-r',
      join(__dirname, 'cpu-at-exit.js'),
      main,
      'shock',
      '--json',
      '--network',
      network,
      '--scenario',
      scenario,
    ],
    { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  closeSync(fd);
  const rss = /max-rss-kb (\d+)/.exec(shock.stderr ?? '');
  process.stdout.write(
    JSON.stringify({
      protocols,
      cohorts,
      claims,
      steps,
      exitCode: shock.status,
      error: shock.status === 0 ? undefined : (shock.stderr ?? '').slice(0, 300),
      runBytes: statSync(out).size,
      networkBytes: statSync(network).size,
      seconds,
      peakRssMb: rss ? Number(rss[1]) / 1024 : undefined,
    }) + '\n',
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
