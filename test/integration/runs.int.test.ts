// Runs written back to Neo4j: the (:Run) node, IMPACTED results, events and CONTAGION hops; `shock --neo4j`.
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { loadNetwork } from '../../src/store/load';
import { pullNetwork } from '../../src/store/pull';
import { runIdOf } from '../../src/store/run-rows';
import { writeRun } from '../../src/store/write-run';
import { runBin, tempFiles } from '../helpers/cli';
import { cypher, describeNeo4j, emptyProjectData, useStore } from './neo4j';

const DATA = join(__dirname, '..', '..', 'data');
const SCENARIO = join(DATA, 'scenarios', 'eth-crash-30pct.json');

describeNeo4j('runs in Neo4j', () => {
  const store = useStore();
  beforeAll(async () => {
    await emptyProjectData(store());
    await loadNetwork(store(), readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json')));
  });

  const runOnStoredNetwork = async () => {
    const network = await pullNetwork(store());
    return runScenario(network, parseScenario(readJsonFile(SCENARIO), SCENARIO, network));
  };

  it('writes the run: summary on (:Run), IMPACTED results, events and one CONTAGION per path hop', async () => {
    const result = await runOnStoredNetwork();
    const written = await writeRun(store(), result);
    const id = runIdOf(result);
    expect(written.id).toBe(id);

    const [run] = await cypher(store(), 'MATCH (r:Run {id: $id}) RETURN properties(r) AS p', { id });
    expect(run!.p).toMatchObject({
      scenario: result.scenario.name,
      network: result.network.name,
      badDebtUsd: result.summary.badDebtUsd,
      badDebtUsdF: Number(result.summary.badDebtUsd),
      lossUsd: result.summary.lossUsd,
      insolventProtocols: result.summary.insolventProtocols,
      stepsRun: result.scenario.stepsRun,
    });

    const impacted = await cypher(
      store(),
      'MATCH (:Run {id: $id})-[i:IMPACTED]->(p:Protocol) RETURN p.id AS id, i.status AS status, i.lossUsd AS loss',
      { id },
    );
    for (const f of result.failures)
      expect(impacted).toContainEqual({
        id: f.protocol,
        status: f.status,
        loss: result.protocols.find((p) => p.id === f.protocol)!.lossUsd,
      });

    const hops = await cypher(
      store(),
      'MATCH (a)-[c:CONTAGION {run: $id}]->(b) RETURN c.failure AS failure, c.hop AS hop, b.id AS to, labels(b)[0] AS label',
      { id },
    );
    expect(hops).toHaveLength(result.failures.reduce((n, f) => n + f.path.length, 0));
    for (const f of result.failures.filter((x) => x.path.length > 0))
      expect(hops).toContainEqual({ failure: f.protocol, hop: 0, to: f.protocol, label: 'Protocol' });

    const events = new Set(
      result.failures
        .flatMap((f) => f.path.flatMap((h) => [h.from, h.to]))
        .filter((x) => x.startsWith('event:')),
    );
    const stored = await cypher(
      store(),
      'MATCH (:Run {id: $id})-[:HAS_EVENT]->(e:Event) RETURN e.index AS i',
      { id },
    );
    expect(stored.map((e) => `event:${e.i}`).sort()).toEqual([...events].sort());
    expect(written.contagion).toBe(hops.length);
  });

  it('writing the same run again keeps a single copy', async () => {
    const result = await runOnStoredNetwork();
    await writeRun(store(), result);
    const before = await cypher(store(), 'MATCH ()-[c:CONTAGION]->() RETURN count(c) AS n');
    await writeRun(store(), result);
    expect(await cypher(store(), 'MATCH ()-[c:CONTAGION]->() RETURN count(c) AS n')).toEqual(before);
    expect(
      await cypher(store(), 'MATCH (r:Run {id: $id}) RETURN count(r) AS n', { id: runIdOf(result) }),
    ).toEqual([{ n: 1 }]);
  });

  it('reloading the same network keeps the stored runs: their results and paths move to the new nodes', async () => {
    const impacted =
      'MATCH (r:Run)-[i:IMPACTED]->(n) RETURN r.id AS run, labels(n)[0] AS label, n.id AS id, i.status AS status ' +
      'ORDER BY run, label, id';
    const hops =
      'MATCH (a)-[c:CONTAGION]->(b) RETURN c.run AS run, c.failure AS failure, c.hop AS hop, ' +
      'labels(a)[0] AS fromLabel, coalesce(a.id, a.index) AS from, labels(b)[0] AS toLabel, b.id AS to ' +
      'ORDER BY run, failure, hop';
    const before = { impacted: await cypher(store(), impacted), hops: await cypher(store(), hops) };
    expect(before.impacted.length).toBeGreaterThan(0);
    expect(before.hops.length).toBeGreaterThan(0);
    await loadNetwork(store(), await pullNetwork(store()));
    expect(await cypher(store(), impacted)).toEqual(before.impacted);
    expect(await cypher(store(), hops)).toEqual(before.hops);
    // They hang on the loaded network's nodes, not on leftovers.
    const [loose] = await cypher(store(), 'MATCH (n) WHERE n:Staging OR n:Retired RETURN count(n) AS n');
    expect(loose!.n).toBe(0);
  });

  it('`shock --neo4j` runs on the stored network, writes the run back, and gives the same run as the file', () => {
    const fromFile = runBin(['shock', '--scenario', SCENARIO, '--json']);
    const viaNeo4j = runBin(['shock', '--scenario', SCENARIO, '--json', '--neo4j']);
    expect(viaNeo4j.code).toBe(0);
    expect(viaNeo4j.stdout).toBe(fromFile.stdout);
    const id = runIdOf(JSON.parse(viaNeo4j.stdout));
    expect(viaNeo4j.stderr).toBe(`run ${id} written to Neo4j\n`);
  });

  it('`shock --neo4j` refuses --network (the network comes from Neo4j)', () => {
    const r = runBin(['shock', '--neo4j', '--network', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--neo4j.*cannot be used with option '--network/);
  });

  describe('db write-run', () => {
    const runCount = async () => (await cypher(store(), 'MATCH (r:Run) RETURN count(r) AS n'))[0]!.n;
    const saved = () => JSON.parse(runBin(['shock', '--scenario', SCENARIO, '--json']).stdout);
    const writeRunFile = (doc: unknown) => {
      const file = join(tempFiles({ 'run.json': doc }), 'run.json');
      return { file, r: runBin(['db', 'write-run', file]) };
    };

    it('writes a saved run like `shock --neo4j` does: same id, one copy', async () => {
      const doc = saved();
      const id = runIdOf(doc);
      await cypher(store(), 'MATCH (r:Run {id: $id}) DETACH DELETE r', { id });
      const before = await runCount();
      const { r } = writeRunFile(doc);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          `^run ${id} of "${doc.scenario.name}" written to Neo4j at .*: \\d+ impacted nodes, \\d+ events, \\d+ contagion hops\n$`,
        ),
      );
      expect(await runCount()).toBe(before + 1);
      const hops = await cypher(store(), 'MATCH ()-[c:CONTAGION {run: $id}]->() RETURN count(c) AS n', {
        id,
      });
      expect(hops[0]!.n).toBe(
        doc.failures.reduce((n: number, f: { path: unknown[] }) => n + f.path.length, 0),
      );
      expect(runBin(['shock', '--scenario', SCENARIO, '--neo4j']).code).toBe(0);
      expect(await runCount()).toBe(before + 1);
    });

    it.each<[string, (doc: any) => unknown, RegExp]>([
      ['another format', () => ({ format: 'contagion/network@1' }), /run\.json/],
      [
        'a malformed run',
        (d) => ({ ...d, summary: { ...d.summary, badDebtUsd: 12 } }),
        /run\.json: \$\.summary\.badDebtUsd: /,
      ],
      [
        'a run of another network',
        (d) => ({ ...d, network: { ...d.network, name: 'other-network' } }),
        /run\.json: \$\.network\.name: the run is of network "other-network" but Neo4j holds network "ethereum-2025-10"/,
      ],
      [
        'a protocol the stored network lacks',
        (d) => ({
          ...d,
          protocols: [{ ...d.protocols[0], id: 'no-such-protocol' }, ...d.protocols.slice(1)],
        }),
        /run\.json: \$\.protocols\[0\]\.id: protocol "no-such-protocol" is not in the stored network "ethereum-2025-10"/,
      ],
      [
        'a path end of an unknown kind',
        (d) => {
          const failures = structuredClone(d.failures);
          failures[0].path[0].to = 'planet:mars';
          return { ...d, failures };
        },
        /run\.json: \$\.failures\[0\]\.path\[0\]\.to: "planet:mars" is not kind:id/,
      ],
    ])('%s: exit 2 with one clear message, nothing written', async (_, change, message) => {
      const doc = saved();
      expect(doc.failures[0].path.length).toBeGreaterThan(0);
      const before = await runCount();
      const { r } = writeRunFile(change(doc));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(await runCount()).toBe(before);
    });
  });
});
