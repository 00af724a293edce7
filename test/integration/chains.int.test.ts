// Chains and bridges in a real Neo4j (docs/model.md §24): the two-chain fixture loads as (:Chain) and (:Bridge)
// nodes with ON_CHAIN and the bridge's relationships, round-trips losslessly, and the named queries
// bridge-exposure and cross-chain-oracles answer with exactly the rows its round numbers give.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNetwork } from '../../src/model/parse-network';
import { loadNetwork } from '../../src/store/load';
import { bindParams, namedQuery } from '../../src/store/named-queries';
import { pullNetworkFile } from '../../src/store/pull';
import { runNamedQuery } from '../../src/store/run-query';
import { toPlain } from '../../src/store/values';
import { FIXTURES } from '../helpers/fixtures';
import { exact } from './exact';
import { counts, cypher, describeNeo4j, emptyProjectData, useStore } from './neo4j';

const FILE = join(FIXTURES, 'bridge-network.json');
const NET = parseNetwork(JSON.parse(readFileSync(FILE, 'utf8')), FILE);

describeNeo4j('chains and bridges in Neo4j', () => {
  const store = useStore();
  beforeAll(async () => {
    await emptyProjectData(store());
    await loadNetwork(store(), NET);
  });

  const rows = async (name: string, params: string[] = []) => {
    const q = namedQuery(name);
    const r = await runNamedQuery(store(), q, bindParams(q, params));
    return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, toPlain(row[i])])));
  };

  it('stores chains, bridges, ON_CHAIN for every asset, protocol, oracle and venue, and the bridge ends', async () => {
    const c = await counts(store());
    expect(c.nodes).toMatchObject({ Chain: 2, Bridge: 1 });
    // 3 assets + 4 protocols + 2 oracles + 2 venues.
    expect(c.rels).toMatchObject({
      ON_CHAIN: 11,
      FROM_CHAIN: 1,
      TO_CHAIN: 1,
      ESCROW: 1,
      CANONICAL: 1,
      COPY: 1,
    });
    const [l2] = await cypher(
      store(),
      "MATCH (c:Chain {id: 'l2'}) RETURN c.blockTimeSec AS b, c.finalitySec AS f",
    );
    expect(l2).toEqual({ b: 2, f: 604800 });
    const ends = await cypher(
      store(),
      "MATCH (b:Bridge {id: 'portal'})-[r]->(x) RETURN type(r) AS t, x.id AS id ORDER BY t",
    );
    expect(ends).toEqual([
      { t: 'CANONICAL', id: 'ETH' },
      { t: 'COPY', id: 'ETH.l2' },
      { t: 'ESCROW', id: 'portal-escrow' },
      { t: 'FROM_CHAIN', id: 'l1' },
      { t: 'TO_CHAIN', id: 'l2' },
    ]);
    // An object without a chain of its own is on the first chain.
    const [usdc] = await cypher(
      store(),
      "MATCH (:Asset {id: 'USDC'})-[:ON_CHAIN]->(c:Chain) RETURN c.id AS id",
    );
    expect(usdc).toEqual({ id: 'l1' });
  });

  it('has a uniqueness constraint on the id of chains and bridges', async () => {
    const found = await cypher(store(), 'SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties');
    for (const label of ['Chain', 'Bridge'])
      expect(found).toContainEqual({ type: 'UNIQUENESS', labelsOrTypes: [label], properties: ['id'] });
  });

  it('file -> Neo4j -> file is lossless with chains and bridges', async () => {
    const pulled = parseNetwork(await pullNetworkFile(store()), 'neo4j');
    expect(exact(pulled)).toEqual(exact(NET));
    expect(JSON.stringify(pulled)).toBe(JSON.stringify(NET));
  });

  it('bridge-exposure: the vault holding the copy and the lender taking it as collateral, by USD', async () => {
    const expected = [
      {
        bridge: 'portal',
        copy: 'ETH.l2',
        protocol: 'l2-lender',
        channel: 'lends against',
        market: 'l2-lender/eth.l2-usdc',
        // 400 + 100 ETH.l2 at 3000 USD.
        exposureUsd: 1_500_000,
        path: ['bridge:portal', 'asset:ETH.l2', 'market:l2-lender/eth.l2-usdc', 'protocol:l2-lender'],
      },
      {
        bridge: 'portal',
        copy: 'ETH.l2',
        protocol: 'l2-vault',
        channel: 'holds',
        market: null,
        // 100 ETH.l2 at 3000 USD.
        exposureUsd: 300_000,
        path: ['bridge:portal', 'asset:ETH.l2', 'protocol:l2-vault'],
      },
    ];
    expect(await rows('bridge-exposure')).toEqual(expected);
    expect(await rows('bridge-exposure', ['bridge=portal'])).toEqual(expected);
    expect(await rows('bridge-exposure', ['bridge=none'])).toEqual([]);
  });

  it('cross-chain-oracles: the l2 lender prices its USDC debt with an oracle on l1', async () => {
    const expected = [
      {
        chain: 'l2',
        protocol: 'l2-lender',
        market: 'l2-lender/eth.l2-usdc',
        oracle: 'usdc-usd',
        oracleChain: 'l1',
        role: 'debt',
        // 800,000 + 100,000 USDC at 1 USD.
        pricedUsd: 900_000,
      },
    ];
    expect(await rows('cross-chain-oracles')).toEqual(expected);
    expect(await rows('cross-chain-oracles', ['chain=l2'])).toEqual(expected);
    expect(await rows('cross-chain-oracles', ['chain=l1'])).toEqual([]);
  });
});
