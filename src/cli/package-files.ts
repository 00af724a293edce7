// Where the package's own files are: the embedded sample data and the default network; its version.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The package root: the nearest folder above this file that holds package.json (works from src/ and dist/). */
export function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** The version of this package (package.json). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
}

export const DEFAULT_NETWORK = 'data/networks/ethereum-2025-10.json';

export const DEFAULT_SCENARIO = 'data/scenarios/eth-crash-30pct.json';

export const DEFAULT_CLEARING = 'data/clearing/lenders-and-perps.json';

export function defaultClearingPath(): string {
  return join(packageRoot(), DEFAULT_CLEARING);
}

export function defaultScenarioPath(): string {
  return join(packageRoot(), DEFAULT_SCENARIO);
}

export function defaultNetworkPath(): string {
  return join(packageRoot(), DEFAULT_NETWORK);
}

/** Every JSON file under data/ of the package, sorted. */
export function sampleDataFiles(): string[] {
  const root = join(packageRoot(), 'data');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.json')) out.push(p);
    }
  };
  walk(root);
  return out;
}

/** A path given relative to another file's folder. */
export function relativeTo(file: string, target: string): string {
  return resolve(dirname(file), target);
}
