// Runs written back to Neo4j: the (:Run) node, IMPACTED results, events and CONTAGION hops; `shock --neo4j`.
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { loadNetwork } from '../../src/store/load';
import { pullNetwork } from '../../src/store/pull';
import { runIdOf } from '../../src/store/run-rows';
import { writeRun } from '../../src/store/write-run';
import { runBin } from '../helpers/cli';
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

  it('reloading the same network keeps the stored runs', async () => {
    const impacted = 'MATCH (:Run)-[i:IMPACTED]->() RETURN count(i) AS n';
    const before = await cypher(store(), impacted);
    expect(before[0]!.n).toBeGreaterThan(0);
    await loadNetwork(store(), await pullNetwork(store()));
    expect(await cypher(store(), impacted)).toEqual(before);
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
});
