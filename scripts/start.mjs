#!/usr/bin/env node
// `npm start`: runs `contagion shock` on the sample, building first only when dist/ is missing or older than
// a file it is built from (src/, assembly/, the tsconfigs, package.json). Plain Node 20 ESM, built-in modules.
// Arguments after `npm start --` go to `contagion shock`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['dist/cli/main.js', 'dist/wasm/debtrank-battiston.wasm'].map((f) => path.join(root, f));
const inputs = ['src', 'assembly', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The latest modification time (ms) of a file or of any file under a folder; 0 when it does not exist. */
function newest(file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

/** Whether every output exists and is newer than every input. */
function built() {
  const times = outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : -1));
  if (times.some((t) => t < 0)) return false;
  const built = Math.min(...times);
  return inputs.every((f) => newest(path.join(root, f)) <= built);
}

if (!built()) {
  process.stderr.write('dist/ is missing or older than its sources: building (npm run build)\n');
  const npm = process.env.npm_execpath;
  const build = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: true });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// Said at once, so the run's wait (about a second on the sample) is not silence.
process.stderr.write(
  `contagion shock ${process.argv.slice(2).join(' ') || '(the sample network and scenario)'}\n`,
);
const run = spawnSync(process.execPath, [outputs[0], 'shock', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
