// The rows a network becomes in Neo4j: exactly the graph of buildGraph, with every file field kept.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEvents, rawEvent } from '../../src/cli/load-events';
import { generateNetwork } from '../../src/model/generate';
import { buildGraph, NODE_LABELS } from '../../src/model/graph';
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';
import { readNetworkFile } from '../../src/model/read-file';
import { REL_GROUPS, relGroupKey } from '../../src/store/cypher-files';
import { networkRows, rowCounts } from '../../src/store/network-rows';
import { tinyNetwork } from '../helpers/fixtures';

const sample = () =>
  readNetworkFile(join(__dirname, '..', '..', 'data', 'networks', 'ethereum-2025-10.json'));
const generated = () =>
  parseNetwork(generateNetwork({ protocols: 50, cohorts: 300, claims: 200, seed: 2 }), 'gen');

describe('networkRows', () => {
  it.each([
    ['sample', sample],
    ['tiny', tinyNetwork],
    ['generated', generated],
  ])(
    '%s: one row per node and per relationship of buildGraph, by label and type',
    (_, make: () => Network) => {
      const net = make();
      const g = buildGraph(net);
      const rows = networkRows(net);
      for (const label of NODE_LABELS)
        expect(rows.nodes[label].map((r) => r.id).sort()).toEqual(
          g
            .filterNodes((_k, a) => a.label === label)
            .map((k) => g.getNodeAttribute(k, 'id'))
            .sort(),
        );
      const byType = new Map<string, number>();
      for (const group of REL_GROUPS) {
        const n = rows.rels.get(relGroupKey(group.type, group.from, group.to))!.length;
        byType.set(group.type, (byType.get(group.type) ?? 0) + n);
      }
      const graphByType = new Map<string, number>();
      g.forEachEdge((_k, e) => graphByType.set(e.type, (graphByType.get(e.type) ?? 0) + 1));
      for (const [type, n] of graphByType) expect([type, byType.get(type)]).toEqual([type, n]);
      expect(rowCounts(rows)).toEqual({ nodes: g.order + 1, relationships: g.size });
    },
  );

  it('keeps amounts as exact strings with float shadows, and refs, notes and file order', () => {
    const rows = networkRows(tinyNetwork());
    const eth = rows.nodes.Asset.find((a) => a.id === 'ETH')!;
    expect(eth.props).toMatchObject({ priceUsd: '2000', priceUsdF: 2000, name: 'Ether', ref: ['hand'] });
    const holds = rows.rels.get('HOLDS:Protocol->Asset')!.find((r) => r.from === 'lido')!;
    expect(holds.props).toMatchObject({ amount: '100', amountF: 100, exposureUsdF: 200000 });
    expect(Number(holds.props.ord)).toBe(0);
    const wsteth = rows.nodes.Market.find((m) => m.id === 'lender/emode-wsteth-eth')!;
    expect(JSON.parse(String(wsteth.props.cohortsJson))[0]).toEqual({
      label: 'hf-1.05',
      collateralAmount: '3',
      debtAmount: '3.2571428571',
    });
    expect(JSON.parse(String(rows.network.sourcesJson))).toEqual(tinyNetwork().sources);
  });

  it("keeps a protocol's depositor-run rule as JSON, and writes nothing for a protocol without one", () => {
    const [event] = loadEvents(['a12-stream-xusd-2025']);
    const rows = networkRows(event!.network);
    const stream = rows.nodes.Protocol.find((p) => p.id === 'stream')!;
    const rule = event!.network.protocols.find((p) => p.id === 'stream')!.depositorRun;
    expect(JSON.parse(String(stream.props.depositorRunJson))).toEqual(rule);
    expect(rows.nodes.Protocol.find((p) => p.id === 're7')!.props).not.toHaveProperty('depositorRunJson');
  });

  it('keeps prices per venue: the asset mark, oracle venues and arbitrage as JSON (docs/model.md §22)', () => {
    const net = readNetworkFile(join(__dirname, '..', 'fixtures', 'usde-venues-network.json'));
    const rows = networkRows(net);
    expect(rows.nodes.Asset.find((a) => a.id === 'USDe')!.props.pricedPerVenue).toBe(true);
    expect(rows.nodes.Asset.find((a) => a.id === 'USDC')!.props).not.toHaveProperty('pricedPerVenue');
    expect(rows.nodes.Oracle.find((o) => o.id === 'usde-onchain')!.props.venues).toEqual(['onchain']);
    const trades = [...rows.rels.values()].flat().filter((r) => r.props.arbitrageJson !== undefined);
    expect(trades.map((r) => JSON.parse(String(r.props.arbitrageJson)))).toEqual([
      [expect.objectContaining({ venue: 'onchain', capacityUsdPerStep: '250000', delaySteps: 15 })],
    ]);
  });

  it('keeps a pool that drains as JSON, its reserve as an exact string (docs/model.md §3.6)', () => {
    const raw = rawEvent('a12-stream-xusd-2025');
    const file = structuredClone(raw.network) as any;
    file.venues[0].liquidity[1].amm = { reserveUsd: '3036354.5', amplification: 100 };
    const trades = [...networkRows(parseNetwork(file, raw.networkFile)).rels.values()]
      .flat()
      .filter((r) => r.props.ammJson !== undefined);
    expect(trades.map((r) => JSON.parse(String(r.props.ammJson)))).toEqual([
      { reserveUsd: '3036354.5', amplification: 100, ref: [] },
    ]);
  });

  it("keeps a protocol's lending pools as JSON, and writes nothing for a protocol without", () => {
    const net = readNetworkFile(join(__dirname, '..', 'fixtures', 'fraxlend-crv-2023.json'));
    const fraxlend = networkRows(net).nodes.Protocol.find((p) => p.id === 'fraxlend')!;
    expect(JSON.parse(String(fraxlend.props.lendingPoolsJson))).toEqual(
      JSON.parse(JSON.stringify(net.protocols[0]!.lendingPools)),
    );
    expect(networkRows(tinyNetwork()).nodes.Protocol.some((p) => 'lendingPoolsJson' in p.props)).toBe(false);
  });

  it('keeps the file order of convertibility links, which the graph sorts', () => {
    const net = tinyNetwork();
    net.convertibility.reverse();
    const rows = networkRows(net).rels.get('CONVERTIBLE_TO:Asset->Asset')!;
    const byOrd = [...rows].sort((a, b) => Number(a.props.ord) - Number(b.props.ord));
    expect(byOrd.map((r) => `${r.from}->${r.to}`)).toEqual(
      net.convertibility.map((c) => `${c.from}->${c.to}`),
    );
  });

  it("keeps a market's auction rule as the file writes it (amounts as exact strings)", () => {
    const file = join(__dirname, '..', '..', 'data', 'events', 'a01-black-thursday-2020', 'network.json');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    const rows = networkRows(readNetworkFile(file));
    const eth = rows.nodes.Market.find((m) => m.id === 'maker/eth-a')!;
    expect(eth.props.auction).toBe('english');
    expect(JSON.parse(String(eth.props.auctionJson))).toEqual(raw.protocols[0].markets[0].auction);
    expect(rows.nodes.Market.every((m) => m.id === 'maker/eth-a' || m.props.auctionJson === undefined)).toBe(
      true,
    );
  });
});
