// The embedded sample network and scenarios: valid, large enough, sourced, and holding the loops that matter.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findLoops } from '../../src/analysis/loops';
import { balanceSheets } from '../../src/model/balance-sheet';
import type { Network } from '../../src/model/network';
import { parseBreakers, parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';

const DATA = join(__dirname, '..', '..', 'data');
const NETWORK = join(DATA, 'networks', 'ethereum-2025-10.json');

describe('sample network', () => {
  let net: Network;
  beforeAll(() => {
    net = readNetworkFile(NETWORK);
  });

  it('covers at least 25 protocols and 20 assets of every kind that matters', () => {
    expect(net.protocols.length).toBeGreaterThanOrEqual(25);
    expect(net.assets.length).toBeGreaterThanOrEqual(20);
    const kinds = new Set(net.protocols.map((p) => p.kind));
    for (const k of ['lending', 'cdp', 'stablecoin-issuer', 'lst-issuer', 'synthetic-dollar', 'perp', 'vault']) {
      expect(kinds).toContain(k);
    }
    expect(new Set(net.oracles.map((o) => o.source))).toEqual(new Set(['market', 'exchange-rate', 'proxy', 'fixed']));
  });

  it('names the protocols of the issue: Aave, Compound, Spark, Morpho, Euler, Sky, the issuers, the perp venues', () => {
    const ids = net.protocols.map((p) => p.id).join(' ');
    for (const name of ['aave', 'compound', 'spark', 'morpho', 'euler', 'sky', 'circle', 'tether', 'lido', 'etherfi', 'ethena', 'hyperliquid', 'gmx']) {
      expect(ids).toMatch(new RegExp(name));
    }
  });

  it('has the wstETH/WETH and weETH/WETH e-mode loops, an sUSDe loop, and a cycle of claims', () => {
    const loops = findLoops(net);
    const pairs = loops.markets.map((m) => `${m.collateral}/${m.debt}`);
    expect(pairs.some((p) => /^wstETH\/W?ETH$/.test(p))).toBe(true);
    expect(pairs.some((p) => /^weETH\/W?ETH$/.test(p))).toBe(true);
    expect(pairs.some((p) => /^sUSDe\//.test(p))).toBe(true);
    expect(loops.cycles.length).toBeGreaterThanOrEqual(1);
    expect(loops.cycles[0]!.amplification).toBeGreaterThan(1);
  });

  it('sources every figure: assets, holdings, claims, markets, issues and venue depths carry a known ref', () => {
    const sources = new Set(Object.keys(net.sources));
    const missing: string[] = [];
    const check = (what: string, ref: string[]) => {
      if (ref.length === 0 || ref.some((r) => !sources.has(r))) missing.push(what);
    };
    net.assets.forEach((a) => check(`asset ${a.id}`, a.ref));
    net.oracles.forEach((o) => check(`oracle ${o.id}`, o.ref));
    net.venues.forEach((v) => v.liquidity.forEach((l) => check(`venue ${v.id} ${l.asset}`, l.ref.length ? l.ref : v.ref)));
    for (const p of net.protocols) {
      const inherit = (ref: string[]) => (ref.length ? ref : p.ref);
      check(`protocol ${p.id}`, p.ref);
      p.holdings.forEach((h) => check(`${p.id} holding ${h.asset}`, inherit(h.ref)));
      p.claims.forEach((c) => check(`${p.id} claim on ${c.on}`, inherit(c.ref)));
      p.markets.forEach((m) => check(`market ${m.id}`, inherit(m.ref)));
      p.issues.forEach((i) => check(`${p.id} issues ${i.asset}`, inherit(i.ref)));
    }
    expect(missing).toEqual([]);
  });

  it('estimates say so: every estimate or derived source explains itself in a note', () => {
    for (const [id, s] of Object.entries(net.sources)) {
      if (s.kind === 'estimate' || s.kind === 'derived') expect(`${id}: ${s.note ?? ''}`).toMatch(/: .{10,}/);
    }
  });

  it('starts every protocol with non-negative equity', () => {
    const negative = balanceSheets(net).filter((s) => s.equityUsd.isNegative()).map((s) => s.protocol);
    expect(negative).toEqual([]);
  });

  it('gives every collateral and debt asset some venue depth', () => {
    const traded = new Set(net.venues.flatMap((v) => v.liquidity.map((l) => l.asset)));
    const used = new Set(net.protocols.flatMap((p) => p.markets.flatMap((m) => [m.collateral, m.debt])));
    expect([...used].filter((a) => !traded.has(a))).toEqual([]);
  });
});

describe('sample scenarios', () => {
  const files = readdirSync(join(DATA, 'scenarios')).filter((f) => f.endsWith('.json')).sort();

  it('include the three scenarios of the foundation', () => {
    expect(files).toEqual(expect.arrayContaining(['steth-liquidity-gap.json', 'usdc-issuer-loss.json', 'stream-fund-manager-loss.json']));
  });

  it.each(files)('%s is valid on its network (the sample when it names none)', (file) => {
    const value = readJsonFile(join(DATA, 'scenarios', file)) as { format: string; network?: string };
    const net = readNetworkFile(value.network ? join(DATA, 'scenarios', value.network) : NETWORK);
    if (value.format === 'contagion/breakers@1') expect(parseBreakers(value, file, net, 1e9).breakers.length).toBeGreaterThan(0);
    else expect(parseScenario(value, file, net).events.length).toBeGreaterThan(0);
  });
});
