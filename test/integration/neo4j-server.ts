// The Neo4j the integration suite runs against: NEO4J_URI if set, else a local one started on test ports and
// its own home (never a developer's database), through scripts/neo4j.mjs.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'neo4j.mjs');

/** How the suite reaches Neo4j: a server it started, one given by NEO4J_URI, or none (skipped). */
export type Neo4jMode = 'managed' | 'external' | 'skip';
export const MODE_VAR = 'CONTAGION_NEO4J_TESTS';

/** The local test server: its own home and ports, so it never touches a developer's database. */
export const TEST_SERVER = {
  home: join(ROOT, '.neo4j-test'),
  boltPort: Number(process.env.CONTAGION_TEST_BOLT_PORT ?? 17687),
  httpPort: Number(process.env.CONTAGION_TEST_HTTP_PORT ?? 17474),
  password: 'contagion-test',
};

export function testServerEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEO4J_HOME_DIR: TEST_SERVER.home,
    NEO4J_BOLT_PORT: String(TEST_SERVER.boltPort),
    NEO4J_HTTP_PORT: String(TEST_SERVER.httpPort),
    NEO4J_PASSWORD: TEST_SERVER.password,
  };
}

/** Runs `node scripts/neo4j.mjs <command>` for the test server; throws with its output on failure. `start`
 * streams its progress lines to the terminal and has no deadline of its own here: the script waits
 * NEO4J_START_TIMEOUT seconds (300 by default, 600 under CI=true), then says why it gave up and stops the JVM. */
export function testServer(
  command: 'start' | 'stop' | 'status',
  env: NodeJS.ProcessEnv = testServerEnv(),
): string {
  if (command === 'start') {
    const r = spawnSync(process.execPath, [SCRIPT, command], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0)
      throw new Error(
        `node scripts/neo4j.mjs start failed (exit ${r.status ?? r.signal}); the lines above say why`,
      );
    return '';
  }
  const r = spawnSync(process.execPath, [SCRIPT, command], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0 && !(command === 'status' && r.status === 3))
    throw new Error(`node scripts/neo4j.mjs ${command} failed (exit ${r.status}): ${output}`);
  return output;
}

/** Pid of the running test server's JVM, or undefined. */
export function testServerPid(): number | undefined {
  try {
    return Number(readFileSync(join(TEST_SERVER.home, 'run', 'neo4j.pid'), 'utf8').trim()) || undefined;
  } catch {
    return undefined;
  }
}

/** Why a local Neo4j cannot be started here (`node scripts/neo4j.mjs check`: a JDK 17/21, and a built
 * launcher or Maven), or undefined when it can. */
export function missingTools(): string | undefined {
  const r = spawnSync(process.execPath, [SCRIPT, 'check'], { encoding: 'utf8' });
  if (r.status === 0) return undefined;
  return (r.stderr ?? '').trim().replace(/^neo4j check: /, '') || `exit ${r.status ?? r.signal}`;
}
