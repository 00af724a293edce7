// The graphology graph of a network: labels and types as in Neo4j, deterministic keys and order.
import { buildGraph, NODE_LABELS, REL_TYPES } from '../../src/model/graph';
import { parseNetwork } from '../../src/model/parse-network';
import { tinyNetwork, tinyRaw } from '../helpers/fixtures';

describe('buildGraph', () => {
  const g = buildGraph(tinyNetwork());

  it('has one node per asset, protocol, market, oracle and venue', () => {
    const byLabel = (label: string) => g.filterNodes((_, a) => a.label === label).length;
    expect([
      byLabel('Asset'),
      byLabel('Protocol'),
      byLabel('Market'),
      byLabel('Oracle'),
      byLabel('Venue'),
    ]).toEqual([5, 5, 3, 5, 1]);
    g.forEachNode((_, a) => expect(NODE_LABELS).toContain(a.label));
  });

  it('uses only the relationship types of the Neo4j model', () => {
    g.forEachEdge((_, a) => expect(REL_TYPES).toContain(a.type));
  });

  it('links each market to its collateral, debt and both oracles', () => {
    const m = 'market:lender/emode-wsteth-eth';
    const out = g
      .outEdges(m)
      .map((e) => `${g.getEdgeAttribute(e, 'type')} ${g.target(e)}`)
      .sort();
    expect(out).toEqual([
      'COLLATERAL asset:wstETH',
      'DEBT asset:ETH',
      'PRICED_BY oracle:eth-usd',
      'PRICED_BY oracle:wsteth-rate',
    ]);
    expect(g.inNeighbors(m)).toEqual(['protocol:lender']);
  });

  it('derives LEVERAGE_LOOP for a market whose collateral is pegged to its debt', () => {
    const loops = g.filterEdges((_, a) => a.type === 'LEVERAGE_LOOP');
    expect(loops).toEqual(['LEVERAGE_LOOP:asset:wstETH->asset:ETH#0']);
    expect(g.getEdgeAttribute(loops[0]!, 'props').maxLeverage).toBeCloseTo(1 / 0.07, 10);
  });

  it("weighs claims by the share of the holder's assets", () => {
    const e = 'CLAIM_ON:protocol:vault->protocol:lender#0';
    expect(g.getEdgeAttribute(e, 'exposureUsd')).toBe(200);
    expect(g.getEdgeAttribute(e, 'share')).toBe(1);
  });

  it('records proxies and pegs', () => {
    expect(g.hasEdge('TRACKS:oracle:steth-as-eth->asset:ETH#0')).toBe(true);
    expect(g.getEdgeAttribute('PEGGED_TO:asset:wstETH->asset:ETH#0', 'props').rate).toBe(1.2);
    expect(g.hasEdge('CONVERTIBLE_TO:asset:USDC->asset:DAI#0')).toBe(true);
  });

  it('gives the same nodes and edges in the same order whatever the order of the input', () => {
    const raw = tinyRaw();
    raw.assets.reverse();
    raw.protocols.reverse();
    raw.oracles.reverse();
    const h = buildGraph(parseNetwork(raw, 'reversed.json'));
    expect(h.nodes()).toEqual(g.nodes());
    expect(h.edges().sort()).toEqual(g.edges().sort());
    expect(JSON.stringify(h.export())).toEqual(JSON.stringify(g.export()));
  });
});
