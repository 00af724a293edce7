// The named queries of queries/read/ on the sample network and two stored runs: every query answers, read-only;
// parameters are only ever parameters; bad query files give clear errors naming the file.
import { join } from 'node:path';
import { inspectNetwork } from '../../src/analysis/inspect';
import { claimCycles } from '../../src/analysis/loops';
import { exposurePaths } from '../../src/analysis/exposure-paths';
import { generateNetwork } from '../../src/model/generate';
import { parseNetwork } from '../../src/model/parse-network';
import { runScenario } from '../../src/engine/run';
import { parseBreakers, parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';
import { loadNetwork } from '../../src/store/load';
import { bindParams, listNamedQueries, namedQuery } from '../../src/store/named-queries';
import { runNamedQuery } from '../../src/store/run-query';
import { toPlain } from '../../src/store/values';
import { writeRun } from '../../src/store/write-run';
import { runBin, tempFiles } from '../helpers/cli';
import { counts, cypher, describeNeo4j, emptyProjectData, useStore } from './neo4j';

const DATA = join(__dirname, '..', '..', 'data');
const SAMPLE = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
const SCENARIO = join(DATA, 'scenarios', 'eth-crash-30pct.json');
const BREAKERS = join(DATA, 'scenarios', 'breakers-pause-on-deviation.json');

describeNeo4j('named queries', () => {
  const store = useStore();
  beforeAll(async () => {
    await emptyProjectData(store());
    await loadNetwork(store(), SAMPLE);
    const scenario = parseScenario(readJsonFile(SCENARIO), SCENARIO, SAMPLE);
    const breakers = parseBreakers(readJsonFile(BREAKERS), BREAKERS, SAMPLE, scenario.horizonSteps).breakers;
    await writeRun(store(), runScenario(SAMPLE, scenario));
    await writeRun(store(), runScenario(SAMPLE, scenario, { extraBreakers: breakers }));
  });

  const run = async (name: string, params: string[] = []) => {
    const q = namedQuery(name);
    return runNamedQuery(store(), q, bindParams(q, params));
  };

  // The chain queries need chains and bridges, which the sample network has none of: tested in chains.int.test.ts.
  const CHAIN_QUERIES = new Set(['bridge-exposure', 'cross-chain-oracles']);
  it.each(
    listNamedQueries()
      .map((q) => q.name)
      .filter((name) => !CHAIN_QUERIES.has(name)),
  )('%s answers on the sample network and its runs', async (name) => {
    const result = await run(name);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.columns.length).toBeGreaterThan(1);
  });

  it('largest-exposures agrees with `contagion inspect`', async () => {
    const result = await run('largest-exposures', ['limit=10']);
    const rows = result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, toPlain(r[i])])));
    const expected = inspectNetwork(SAMPLE, { topExposures: 10 }).exposures;
    expect(rows.map((r) => [r.holder, r.channel, r.exposedTo])).toEqual(
      expected.map((e) => [e.holder, e.channel, e.on]),
    );
    rows.forEach((r, i) => expect(r.exposureUsd).toBeCloseTo(expected[i]!.usd, 0));
  });

  it('leverage-loops and claim-cycles find the loops `contagion inspect` finds', async () => {
    const loops = inspectNetwork(SAMPLE).loops;
    const markets = await run('leverage-loops', ['limit=1000']);
    expect(markets.rows.map((r) => r[markets.columns.indexOf('market')]).sort()).toEqual(
      loops.markets.map((m) => m.market).sort(),
    );
    const cycles = await run('claim-cycles');
    expect(cycles.rows).toHaveLength(loops.cycles.length);
    const share = cycles.rows[0]![cycles.columns.indexOf('loopShare')] as number;
    expect(share).toBeCloseTo(loops.cycles[0]!.loopShare, 5);
  });

  it.each(['USDe', 'ETH', 'USDC', 'sUSDe', 'wstETH', 'USDS'])(
    'exposure-paths reaches the protocols `contagion paths --from asset:%s` reaches',
    async (asset) => {
      const result = await run('exposure-paths', [`asset=${asset}`]);
      const col = (name: string) => result.columns.indexOf(name);
      const stored = result.rows.map((r) => `protocol:${String(r[col('protocol')])}`).sort();
      const reached = exposurePaths(SAMPLE, `asset:${asset}`)
        .reached.map((r) => r.protocol)
        .sort();
      // The query follows every link; `contagion paths` leaves out exposures that the protocol's own pegged
      // tokens offset. Every protocol it reaches the query reaches, and any other the query lists came
      // through a link marked nettedOut.
      expect(stored).toEqual(expect.arrayContaining(reached));
      const netted = new Map(
        result.rows.map((r) => [`protocol:${String(r[col('protocol')])}`, r[col('nettedOut')]]),
      );
      for (const p of stored.filter((x) => !reached.includes(x)))
        expect([p, netted.get(p)]).toEqual([p, true]);
      expect(result.rows.every((r) => Number(r[col('hops')]) <= 6)).toBe(true);
    },
  );

  it('compare-runs sets the run with breakers beside the run without', async () => {
    const result = await run('compare-runs');
    const runs = new Set(result.rows.flatMap((r) => [r[0], r[1]]));
    expect(runs.size).toBe(2);
  });

  it('prints a table, or JSON, through the binary', () => {
    const table = runBin(['query', 'largest-exposures', '--param', 'limit=3']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/holder.*channel.*exposedTo.*exposureUsd/);
    expect(table.stdout).toMatch(/3 rows\n$/);
    const json = runBin(['query', 'oracle-dependents', '--param', 'oracle=chainlink-eth-usd', '--json']);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.params).toEqual({ oracle: 'chainlink-eth-usd' });
    expect(out.rows[0]).toEqual(
      expect.objectContaining({ protocol: expect.any(String), role: expect.any(String) }),
    );
  });

  it('passes a value holding quotes and Cypher as a parameter, never as query text', async () => {
    const before = await counts(store());
    for (const evil of [
      "x' }) MATCH (n) DETACH DELETE n //",
      'x" }) MATCH (n) DETACH DELETE n //',
      "ETH'}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 AS protocol //",
      '$asset\\u0027 OR 1=1',
    ]) {
      const r = runBin(['query', 'exposure-paths', '--param', `asset=${evil}`]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('exposure-paths: no rows\n');
    }
    expect(await counts(store())).toEqual(before);
  });

  it('runs every query read-only: a query file that writes is refused and writes nothing', async () => {
    const dir = tempFiles({
      'sneaky.cypher': "// Tries to write.\nCREATE (a:Asset {id: 'sneaky'}) RETURN a.id AS id\n",
    });
    const r = runBin(['query', 'sneaky', '--queries', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(dir, 'sneaky.cypher'));
    expect(r.stderr).toMatch(/AccessMode/);
    expect(await cypher(store(), "MATCH (a:Asset {id: 'sneaky'}) RETURN a")).toEqual([]);
  });

  it('a query file with a Cypher syntax error gives a clear error naming the file', () => {
    const dir = tempFiles({
      'broken.cypher': '// Which protocols? (broken on purpose)\nMATCH (p:Protocol RETURN p.id AS id\n',
    });
    const r = runBin(['query', 'broken', '--queries', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*broken\.cypher: SyntaxError: Invalid input/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('stops a query that runs longer than --timeout, with a clear error', () => {
    const dir = tempFiles({
      'slow.cypher': '// Sleeps for a minute.\nCALL apoc.util.sleep(60000) RETURN 1 AS x\n',
    });
    const r = runBin(['query', 'slow', '--queries', dir, '--timeout', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /slow\.cypher: the server stopped the query after 1 s \(raise it with --timeout/,
    );
  });

  describe('claim-cycles on generated networks', () => {
    const cyclesOf = async (net: ReturnType<typeof parseNetwork>) => {
      await loadNetwork(store(), net);
      const q = namedQuery('claim-cycles');
      const result = await runNamedQuery(store(), q, bindParams(q, ['limit=100000']), 600);
      return result.rows.map((r) => Object.fromEntries(result.columns.map((c, i) => [c, toPlain(r[i])])));
    };

    it('finds only cycles `contagion inspect` finds, with the same loop shares, and every 2-cycle', async () => {
      const net = parseNetwork(generateNetwork({ protocols: 300, cohorts: 600, claims: 700, seed: 21 }), 'g');
      const expected = claimCycles(net, { maxCycleLength: 6 });
      expect(expected.truncated).toBe(false);
      const byKey = new Map(expected.cycles.map((c) => [[...c.protocols, c.protocols[0]].join(' '), c]));
      const rows = await cyclesOf(net);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const cycle = byKey.get((row.protocols as string[]).join(' '));
        expect(cycle).toBeDefined();
        expect(row.loopShare).toBeCloseTo(cycle!.loopShare, 6);
      }
      const twoCycles = expected.cycles.filter((c) => c.protocols.length === 2);
      expect(twoCycles.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.length === 2)).toHaveLength(twoCycles.length);
    });

    it('answers on a network with 30,000 claims', async () => {
      const net = parseNetwork(
        generateNetwork({ protocols: 3000, cohorts: 3000, claims: 30_000, seed: 3 }),
        'g',
      );
      const rows = await cyclesOf(net);
      expect(rows.length).toBeGreaterThan(25);
      const shares = rows.map((r) => r.loopShare as number);
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
      const claims = new Set(net.protocols.flatMap((p) => p.claims.map((c) => `${p.id} ${c.on}`)));
      for (const r of rows.slice(0, 200)) {
        const ps = r.protocols as string[];
        expect(ps[0]).toBe(ps[ps.length - 1]);
        expect(r.length).toBe(ps.length - 1);
        for (let i = 0; i + 1 < ps.length; i++) expect(claims.has(`${ps[i]} ${ps[i + 1]}`)).toBe(true);
      }
    });
  });
});
