// Faults against a real Neo4j: bad credentials or database, no APOC, an invalid network, and loads cut short by
// a killed client or a killed server, while staging, between staging and swap, and after the swap: the stored
// network is always one network, complete, and the leftovers are invisible, reported, and removed by the next load.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGraph } from '../../src/model/graph';
import { generateNetwork } from '../../src/model/generate';
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';
import { readNetworkFile } from '../../src/model/read-file';
import { isMissingApoc, openStore, type Store } from '../../src/store/connection';
import { loadNetwork } from '../../src/store/load';
import { pullNetworkFile } from '../../src/store/pull';
import { BIN, runBin, tempFiles } from '../helpers/cli';
import { TINY_FILE, tinyRaw } from '../helpers/fixtures';
import { exact } from './exact';
import { config, counts, cypher, describeNeo4j, emptyProjectData, mode, useStore } from './neo4j';
import { TEST_SERVER, testServer, testServerEnv, testServerPid } from './neo4j-server';

const TINY = readNetworkFile(TINY_FILE);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The stored network equals `net`, exactly, and nothing else of a network is visible to queries. */
async function expectStored(store: Store, net: Network): Promise<void> {
  expect(exact(parseNetwork(await pullNetworkFile(store), 'neo4j'))).toEqual(exact(net));
  const g = buildGraph(net);
  const { nodes } = await counts(store);
  expect(nodes.Protocol).toBe(g.filterNodes((_, a) => a.label === 'Protocol').length);
  expect(nodes.Network).toBe(1);
  const [visible] = await cypher(
    store,
    'MATCH (a)-[r]->(b) WHERE (a:Asset OR a:Protocol OR a:Market OR a:Oracle OR a:Venue) ' +
      'AND (b:Asset OR b:Protocol OR b:Market OR b:Oracle OR b:Venue) RETURN count(r) AS n',
  );
  expect(visible!.n).toBe(g.size);
}

const expectTinyStored = (store: Store) => expectStored(store, TINY);

/** Leftovers of interrupted loads, as `db status --json` reports them. */
function statusLeftovers(): { kind: string; load: string; nodes: number; relationships: number }[] {
  const r = runBin(['db', 'status', '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).leftovers;
}

/** Loads FILE in a child process that kills itself when the load reaches `phase`. */
function loadThenDie(file: string, phase: string) {
  return spawnSync(process.execPath, [join(__dirname, 'load-then-die.js'), file, phase], {
    env: process.env,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

/** Load transactions under way on the server. */
async function loadsRunning(store: Store): Promise<{ currentQuery: string }[]> {
  const rows = await cypher(
    store,
    'SHOW TRANSACTIONS YIELD metaData, currentQuery RETURN metaData, currentQuery',
  );
  return rows
    .filter((r) => (r.metaData as Record<string, unknown>)?.op === 'load-network')
    .map((r) => ({ currentQuery: String(r.currentQuery) }));
}

/** Waits until a load is writing relationships: its nodes are written, the transaction is not committed. */
async function waitUntilMidLoad(store: Store, child: ChildProcess): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`the load ended before it could be cut (exit ${child.exitCode})`);
    if ((await loadsRunning(store)).some((t) => /CREATE \(a\)-\[r:/.test(t.currentQuery))) return;
    await sleep(20);
  }
  throw new Error('no load transaction seen writing relationships');
}

/** Starts `contagion db load FILE` in a child process; resolves its exit code and standard error on exit. */
function startLoad(file: string) {
  const child = spawn(process.execPath, [BIN, 'db', 'load', file], { env: process.env });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const done = new Promise<{ code: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, done };
}

describeNeo4j('faults', () => {
  const store = useStore();
  let bigFile: string;
  beforeAll(async () => {
    await emptyProjectData(store());
    await loadNetwork(store(), TINY);
    const big = generateNetwork({ protocols: 3000, cohorts: 30_000, claims: 30_000, seed: 3 });
    bigFile = join(tempFiles({ 'big.json': JSON.stringify(big) }), 'big.json');
  });

  it('a wrong password: exit 2 with a message saying what to check', () => {
    const r = runBin(['db', 'status'], { NEO4J_PASSWORD: 'not-the-password' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: Neo4j at bolt:\/\/.* rejected user "neo4j" and its password: check NEO4J_USER and NEO4J_PASSWORD/,
    );
  });

  it('an unknown database: exit 2 naming it', () => {
    const r = runBin(['db', 'status'], { NEO4J_DATABASE: 'nosuchdb' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no database "nosuchdb": set NEO4J_DATABASE/);
  });

  it('recognises the server errors of a missing APOC function or procedure', async () => {
    const fail = (q: string) =>
      cypher(store(), q).then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isMissingApoc(await fail('RETURN apoc.notAFunction() AS x'))).toBe(true);
    expect(isMissingApoc(await fail('CALL apoc.notAProcedure()'))).toBe(true);
    expect(isMissingApoc(await fail('RETURN nope.notAFunction() AS x'))).toBe(false);
  });

  (mode === 'managed' ? it : it.skip)(
    'a Neo4j without APOC: exit 2 saying APOC is needed and how to get it (a second local server)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'contagion-no-apoc-'));
      mkdirSync(join(dir, 'plugins'));
      const env = {
        ...testServerEnv(),
        NEO4J_HOME_DIR: join(dir, 'home'),
        NEO4J_PLUGIN_DIR: join(dir, 'plugins'),
        NEO4J_BOLT_PORT: String(TEST_SERVER.boltPort + 1),
        NEO4J_HTTP_PORT: String(TEST_SERVER.httpPort + 1),
      };
      try {
        testServer('start', env);
        const r = runBin(['db', 'status'], { NEO4J_URI: `bolt://127.0.0.1:${TEST_SERVER.boltPort + 1}` });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          /^error: APOC is not installed on the Neo4j at .*NEO4J_PLUGINS='\["apoc"\]'/,
        );
      } finally {
        testServer('stop', env);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('db status reports the server, APOC and the stored network', () => {
    const r = runBin(['db', 'status', '--json']);
    expect(r.code).toBe(0);
    const st = JSON.parse(r.stdout);
    expect(st.server.version).toMatch(/^5\./);
    expect(st.apocVersion).toMatch(/^5\./);
    expect(st.network.name).toBe('tiny');
    expect(st.nodesByLabel.Protocol).toBe(TINY.protocols.length);
  });

  it('db load of an invalid network is rejected before anything is written', async () => {
    const [before] = await cypher(store(), 'MATCH (n:Network) RETURN toString(n.loadedAt) AS t');
    const raw = tinyRaw();
    raw.protocols[3].markets[0].liquidationThreshold = 0.5;
    const dir = tempFiles({ 'bad.json': raw });
    const r = runBin(['db', 'load', join(dir, 'bad.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: \$\.protocols\[3\]\.markets\[0\]\.liquidationThreshold: /);
    expect(await cypher(store(), 'MATCH (n:Network) RETURN toString(n.loadedAt) AS t')).toEqual([before]);
    await expectTinyStored(store());
  });

  it('a load whose client is killed mid-way leaves the previous network exactly as it was', async () => {
    const { child, done } = startLoad(bigFile);
    await waitUntilMidLoad(store(), child);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const until = Date.now() + 60_000;
    while ((await loadsRunning(store())).length > 0 && Date.now() < until) await sleep(100);
    expect(await loadsRunning(store())).toEqual([]);
    await expectTinyStored(store());
    // The partial staged copy is invisible, reported by db status, and removed by the next load.
    expect(statusLeftovers()).toEqual([
      expect.objectContaining({ kind: 'staging', nodes: expect.any(Number) }),
    ]);
    await loadNetwork(store(), TINY);
    expect(statusLeftovers()).toEqual([]);
    await expectTinyStored(store());
  });

  it('a load killed between staging and swap leaves the previous network as it was; the next load cleans up', async () => {
    const raw = generateNetwork({ protocols: 80, cohorts: 800, claims: 600, seed: 5 });
    const medium = parseNetwork(raw, 'generated');
    const r = loadThenDie(join(tempFiles({ 'medium.json': raw }), 'medium.json'), 'swap');
    expect(r.signal).toBe('SIGKILL');
    await expectTinyStored(store());
    // The whole network was staged (nodes, the Network node among them, and relationships), then left.
    const g = buildGraph(medium);
    expect(statusLeftovers()).toEqual([
      expect.objectContaining({ kind: 'staging', nodes: g.order + 1, relationships: g.size }),
    ]);
    await loadNetwork(store(), medium);
    expect(statusLeftovers()).toEqual([]);
    await expectStored(store(), medium);
    await loadNetwork(store(), TINY);
  });

  it('a load killed after its swap leaves the new network complete; what is left of the old one is removed next', async () => {
    const raw = generateNetwork({ protocols: 80, cohorts: 800, claims: 600, seed: 6 });
    const medium = parseNetwork(raw, 'generated');
    const r = loadThenDie(join(tempFiles({ 'medium.json': raw }), 'medium.json'), 'previous');
    expect(r.signal).toBe('SIGKILL');
    await expectStored(store(), medium);
    const tiny = buildGraph(TINY);
    expect(statusLeftovers()).toEqual([
      expect.objectContaining({ kind: 'retired', nodes: tiny.order + 1, relationships: tiny.size }),
    ]);
    // db status counts only what queries see.
    const st = JSON.parse(runBin(['db', 'status', '--json']).stdout);
    expect(st.nodesByLabel.Protocol).toBe(medium.protocols.length);
    expect(Object.values(st.relationshipsByType as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      buildGraph(medium).size,
    );
    await loadNetwork(store(), TINY);
    expect(statusLeftovers()).toEqual([]);
    await expectTinyStored(store());
  });

  (mode === 'managed' ? it : it.skip)(
    'a load cut by the server dying mid-way leaves nothing half-loaded after a restart',
    async () => {
      const { child, done } = startLoad(bigFile);
      await waitUntilMidLoad(store(), child);
      const pid = testServerPid();
      expect(pid).toBeDefined();
      process.kill(pid!, 'SIGKILL');
      const result = await done;
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^error: lost the connection to Neo4j at .* while loading network "generated-3000p.*" \(the stored network is unchanged: the load stops before its swap/,
      );
      testServer('start');
      const fresh = await openStore(config());
      try {
        await expectTinyStored(fresh);
        await loadNetwork(fresh, TINY);
        await expectTinyStored(fresh);
        expect(statusLeftovers()).toEqual([]);
      } finally {
        await fresh.close();
      }
    },
  );
});
