// The Neo4j benchmark in its own process: generated networks of about 10k and 1M relationships loaded (staged
// and swapped in), pulled back, and the claim-cycles query on 30k claims. Uses NEO4J_URI when set; otherwise it
// starts its own Neo4j (home .neo4j-bench, Bolt 27687, HTTP 27474) and stops it at the end. Prints JSON:
// {skipped} when no Neo4j can be had, else {heapMb, cases, cycles}.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { generateNetwork } from '../src/model/generate';
import { parseNetwork } from '../src/model/parse-network';
import { openStore } from '../src/store/connection';
import { loadNetwork } from '../src/store/load';
import { bindParams, namedQuery } from '../src/store/named-queries';
import { pullNetwork } from '../src/store/pull';
import { runNamedQuery } from '../src/store/run-query';

const ROOT = join(__dirname, '..', '..');
const BENCH_SERVER = {
  NEO4J_HOME_DIR: join(ROOT, '.neo4j-bench'),
  NEO4J_BOLT_PORT: '27687',
  NEO4J_HTTP_PORT: '27474',
  NEO4J_PASSWORD: 'contagion-bench',
};
const quick = process.argv.includes('--quick');

/** Generated networks: [protocols, cohorts, claims]; about 10k and 1M relationships in the stored graph. */
const CASES: [number, number, number][] = quick
  ? [[300, 6_000, 9_000]]
  : [
      [300, 6_000, 9_000],
      [10_000, 200_000, 950_000],
    ];

/** Why no local Neo4j can be started here (`node scripts/neo4j.mjs check`), if so. */
function missingJava(): string | undefined {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'neo4j.mjs'), 'check'], { encoding: 'utf8' });
  if (r.status === 0) return undefined;
  return (r.stderr ?? '').trim().replace(/^neo4j check: /, '') || `exit ${r.status ?? r.signal}`;
}

/** node scripts/neo4j.mjs start|stop for the bench server; its output goes to standard error. */
function benchServer(command: 'start' | 'stop'): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'neo4j.mjs'), command], {
    cwd: ROOT,
    env: { ...process.env, ...BENCH_SERVER },
    encoding: 'utf8',
    timeout: 300_000,
  });
  process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) throw new Error(`node scripts/neo4j.mjs ${command} failed (exit ${r.status})`);
}

async function main(): Promise<unknown> {
  const own = !process.env.NEO4J_URI;
  if (own) {
    const missing = missingJava();
    if (missing) return { skipped: `${missing}, and NEO4J_URI is not set` };
    benchServer('start');
    process.env.NEO4J_URI = `bolt://127.0.0.1:${BENCH_SERVER.NEO4J_BOLT_PORT}`;
    process.env.NEO4J_PASSWORD = BENCH_SERVER.NEO4J_PASSWORD;
  }
  const store = await openStore();
  try {
    // A first load on a fresh server also plans every statement: warm up on the smallest case, untimed.
    const [p0, c0, k0] = CASES[0]!;
    await loadNetwork(
      store,
      parseNetwork(generateNetwork({ protocols: p0, cohorts: c0, claims: k0, seed: 2 }), 'generated'),
    );
    const cases = [];
    for (const [protocols, cohorts, claims] of CASES) {
      const raw = generateNetwork({ protocols, cohorts, claims, seed: 1 });
      let t = performance.now();
      const net = parseNetwork(raw, 'generated');
      const parseSec = (performance.now() - t) / 1000;
      const load = await loadNetwork(store, net);
      t = performance.now();
      const pulled = await pullNetwork(store);
      const pullSec = (performance.now() - t) / 1000;
      if (pulled.name !== net.name || pulled.protocols.length !== net.protocols.length)
        throw new Error(`the pulled network is not the loaded one (${pulled.name})`);
      const stagedSec = load.phases.nodes + load.phases.relationships + load.phases.swap;
      cases.push({
        protocols,
        cohorts,
        claims,
        nodes: load.nodes,
        relationships: load.relationships,
        parseSec,
        rowsSec: load.seconds - Object.values(load.phases).reduce((a, b) => a + b, 0),
        nodeRowsPerSec: load.nodes / load.phases.nodes,
        relRowsPerSec: load.relationships / load.phases.relationships,
        swapSec: load.phases.swap,
        neo4jSec: stagedSec,
        loadSec: load.seconds,
        previousSec: load.phases.previous + load.phases.leftovers,
        pullSec,
      });
      process.stderr.write('.');
    }
    const cyclesNet = parseNetwork(
      generateNetwork({ protocols: 3000, cohorts: 3000, claims: 30_000, seed: 3 }),
      'generated',
    );
    await loadNetwork(store, cyclesNet);
    const q = namedQuery('claim-cycles');
    const t = performance.now();
    const found = await runNamedQuery(store, q, bindParams(q, ['limit=25']), 600);
    const cycles = {
      claims: 30_000,
      rows: found.rows.length,
      seconds: (performance.now() - t) / 1000,
    };
    return { own, cases, cycles };
  } finally {
    await store.close();
    if (own) benchServer('stop');
  }
}

main().then(
  (out) => process.stdout.write(JSON.stringify(out) + '\n'),
  (e: unknown) => {
    process.stderr.write(`neo4j bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
