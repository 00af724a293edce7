// The network in a real Neo4j: schema, load (the graph of buildGraph), and a lossless file -> Neo4j -> file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNetwork } from '../../src/model/generate';
import { buildGraph, NODE_LABELS } from '../../src/model/graph';
import { parseNetwork } from '../../src/model/parse-network';
import { readNetworkFile } from '../../src/model/read-file';
import { loadNetwork } from '../../src/store/load';
import { pullNetworkFile } from '../../src/store/pull';
import { applySchema } from '../../src/store/schema';
import { runBin, tempFiles } from '../helpers/cli';
import { TINY_FILE } from '../helpers/fixtures';
import { exact } from './exact';
import { counts, cypher, describeNeo4j, emptyProjectData, useStore } from './neo4j';

const SAMPLE_FILE = join(__dirname, '..', '..', 'data', 'networks', 'ethereum-2025-10.json');

/** Counts the graph of a network should have in Neo4j: its nodes by label (plus one :Network), edges by type. */
function expectedCounts(file: string) {
  const g = buildGraph(readNetworkFile(file));
  const nodes: Record<string, number> = { Network: 1 };
  g.forEachNode((_, a) => (nodes[a.label] = (nodes[a.label] ?? 0) + 1));
  const rels: Record<string, number> = {};
  g.forEachEdge((_, e) => (rels[e.type] = (rels[e.type] ?? 0) + 1));
  return { nodes, rels };
}

describeNeo4j('the network in Neo4j', () => {
  const store = useStore();
  beforeAll(async () => {
    await emptyProjectData(store());
  });

  it('db init creates a uniqueness constraint on id for every label, and can be repeated', async () => {
    await applySchema(store());
    await applySchema(store());
    const rows = await cypher(store(), 'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties');
    for (const label of [...NODE_LABELS, 'Run']) {
      expect(rows).toContainEqual(
        expect.objectContaining({ type: 'UNIQUENESS', labelsOrTypes: [label], properties: ['id'] }),
      );
    }
    const indexes = await cypher(store(), "SHOW INDEXES YIELD name WHERE name STARTS WITH 'contagion_'");
    expect(indexes.map((r) => r.name)).toContain('contagion_contagion_run');
  });

  it.each([
    ['the sample network', SAMPLE_FILE],
    ['the tiny network', TINY_FILE],
  ])('%s: file -> Neo4j -> file is lossless, amounts as exact decimal strings', async (_, file) => {
    const original = parseNetwork(JSON.parse(readFileSync(file, 'utf8')), file);
    await loadNetwork(store(), original);
    const pulled = parseNetwork(await pullNetworkFile(store()), 'neo4j');
    expect(exact(pulled)).toEqual(exact(original));
    expect(JSON.stringify(pulled)).toBe(JSON.stringify(original));
  });

  it('a generated network round-trips as well', async () => {
    const raw = generateNetwork({ protocols: 60, cohorts: 400, claims: 300, seed: 11 });
    const original = parseNetwork(raw, 'generated');
    await loadNetwork(store(), original);
    expect(exact(parseNetwork(await pullNetworkFile(store()), 'neo4j'))).toEqual(exact(original));
  });

  it('holds the graph of buildGraph: the same nodes by label and relationships by type', async () => {
    await loadNetwork(store(), readNetworkFile(SAMPLE_FILE));
    expect(await counts(store())).toEqual(expectedCounts(SAMPLE_FILE));
  });

  it('stores amounts as exact strings with float shadows, and file order and sources', async () => {
    const [holds] = await cypher(
      store(),
      "MATCH (:Protocol {id: 'lido'})-[h:HOLDS]->(:Asset {id: 'ETH'}) RETURN properties(h) AS p",
    );
    expect(typeof holds!.p.amount).toBe('string');
    expect(holds!.p.amountF).toBeCloseTo(Number(holds!.p.amount));
    expect(holds!.p.exposureUsdF).toBeGreaterThan(0);
    const [eth] = await cypher(
      store(),
      "MATCH (a:Asset {id: 'ETH'}) RETURN a.priceUsd AS s, a.priceUsdF AS f",
    );
    expect(eth).toEqual({ s: expect.any(String), f: Number(eth!.s) });
    const [net] = await cypher(store(), 'MATCH (n:Network) RETURN n.sourcesJson AS s, n.asOf AS asOf');
    expect(Object.keys(JSON.parse(net!.s as string)).length).toBeGreaterThan(10);
    const loops = await cypher(
      store(),
      'MATCH ()-[l:LEVERAGE_LOOP]->() RETURN l.market AS m, l.maxLeverage AS x',
    );
    expect(loops.length).toBeGreaterThan(0);
    for (const l of loops) expect(l.x).toBeGreaterThan(1);
  });

  it('a load replaces the stored network: nothing of the previous one is left', async () => {
    await loadNetwork(store(), readNetworkFile(SAMPLE_FILE));
    await loadNetwork(store(), readNetworkFile(TINY_FILE));
    expect(await counts(store())).toEqual(expectedCounts(TINY_FILE));
    expect(await cypher(store(), "MATCH (p:Protocol {id: 'aave-v3-core'}) RETURN p")).toEqual([]);
  });

  it('db load and db pull through the binary: the pulled file validates and equals the loaded one', () => {
    expect(runBin(['db', 'load', TINY_FILE]).stdout).toMatch(
      /^loaded "tiny" into Neo4j at .*: 20 nodes, 41 relationships/,
    );
    const out = join(tempFiles({}), 'pulled.json');
    const r = runBin(['db', 'pull', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${out}: network "tiny" as of 2025-10-31\n`);
    expect(runBin(['validate', out]).code).toBe(0);
    expect(exact(readNetworkFile(out))).toEqual(exact(readNetworkFile(TINY_FILE)));
  });

  it('db clear removes everything the project wrote, schema included, and nothing else', async () => {
    await cypher(store(), "CREATE (:Unrelated {id: 'keep-me'})");
    const r = runBin(['db', 'clear']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^removed 20 nodes \(with their relationships\) and \d+ constraints and indexes\n$/,
    );
    expect((await counts(store())).nodes).toEqual({ Unrelated: 1 });
    expect(await cypher(store(), "SHOW CONSTRAINTS YIELD name WHERE name STARTS WITH 'contagion_'")).toEqual(
      [],
    );
    expect(runBin(['db', 'pull']).stderr).toMatch(
      /no network is stored in the Neo4j at .*: load one with `contagion db load/,
    );
    await cypher(store(), 'MATCH (n:Unrelated) DELETE n');
  });
});
