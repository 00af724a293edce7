// Properties of validation and graph building over random networks.
import fc from 'fast-check';
import { findLoops } from '../../src/analysis/loops';
import { balanceSheets } from '../../src/model/balance-sheet';
import { InputError } from '../../src/model/errors';
import { buildGraph } from '../../src/model/graph';
import { parseNetwork } from '../../src/model/parse-network';
import { networkRaw } from '../helpers/arbitraries';

const shuffled = <T>(xs: T[], seed: number): T[] => {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (seed * (i + 7)) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

describe('random networks', () => {
  it('validate, and build a graph with one node per object', () => {
    fc.assert(
      fc.property(networkRaw, (raw) => {
        const net = parseNetwork(raw, 'random.json');
        const g = buildGraph(net);
        const markets = net.protocols.reduce((s, p) => s + p.markets.length, 0);
        expect(g.order).toBe(
          net.assets.length + net.protocols.length + markets + net.oracles.length + net.venues.length,
        );
      }),
    );
  });

  it('give the same graph, balance sheets and loops whatever the order of their lists', () => {
    fc.assert(
      fc.property(networkRaw, fc.nat(1000), (raw, seed) => {
        const a = parseNetwork(raw, 'a.json');
        const b = parseNetwork(
          { ...raw, assets: shuffled(raw.assets, seed), protocols: shuffled(raw.protocols, seed + 1) },
          'b.json',
        );
        expect(JSON.stringify(buildGraph(b).export())).toBe(JSON.stringify(buildGraph(a).export()));
        const sheet = (n: typeof a) =>
          new Map(balanceSheets(n).map((s) => [s.protocol, s.equityUsd.toFixed()]));
        expect(sheet(b)).toEqual(sheet(a));
        expect(findLoops(b)).toEqual(findLoops(a));
      }),
    );
  });

  it('are rejected, naming the path, once any claim points at an unknown protocol', () => {
    fc.assert(
      fc.property(networkRaw, fc.nat(), (raw, pick) => {
        const p = raw.protocols[pick % raw.protocols.length]!;
        p.claims.push({ on: 'nobody', amountUsd: '1' });
        try {
          parseNetwork(raw, 'r.json');
          return false;
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          const i = raw.protocols.indexOf(p);
          expect((e as InputError).issues.map((x) => x.path)).toContain(
            `$.protocols[${i}].claims[${p.claims.length - 1}].on`,
          );
          return true;
        }
      }),
    );
  });
});
