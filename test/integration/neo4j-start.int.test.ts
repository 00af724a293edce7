// `node scripts/neo4j.mjs start` on a slow machine: it says what it waits for and for how long, and when it
// gives up it says why and stops the JVM it started (nothing is left running for the next start to trip on).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTools, ROOT } from './neo4j-server';

const SCRIPT = join(ROOT, 'scripts', 'neo4j.mjs');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const start = (env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [SCRIPT, 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

(missingTools() === undefined ? describe : describe.skip)('neo4j.mjs start timeout', () => {
  it('gives up after NEO4J_START_TIMEOUT with the reason and stops the JVM it started', () => {
    const home = mkdtempSync(join(tmpdir(), 'contagion-slow-neo4j-'));
    try {
      const r = start({
        NEO4J_HOME_DIR: home,
        NEO4J_BOLT_PORT: '27787',
        NEO4J_HTTP_PORT: '27774',
        NEO4J_START_TIMEOUT: '1',
      });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(
        'Waiting up to 1 s for Neo4j on Bolt port 27787 (NEO4J_START_TIMEOUT to change)',
      );
      expect(r.stderr).toMatch(
        /did not answer on Bolt port 27787 within 1 s \(the launcher has not printed READY yet; last log line: .+\); the JVM it started \(pid \d+\) was stopped\. On a busy machine, allow longer with NEO4J_START_TIMEOUT=<seconds>/,
      );
      const pid = Number(/pid (\d+)\) was stopped/.exec(r.stderr)![1]);
      expect(alive(pid)).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses a timeout that is not a whole number of seconds', () => {
    const r = start({ NEO4J_START_TIMEOUT: '2m' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      'neo4j: NEO4J_START_TIMEOUT must be a whole number of seconds (1 or more), not "2m"',
    );
  });
});
