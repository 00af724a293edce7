// Static exposure paths on the tiny network: every edge share by hand, the ranked paths, reachability,
// and bad references.
import { exposureGraph } from '../../src/analysis/exposure';
import { exposurePaths, reachedProtocols } from '../../src/analysis/exposure-paths';
import { NotFoundError, UsageError } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { tinyNetwork, tinyRaw } from '../helpers/fixtures';

// The tiny network's balance sheets at initial prices (test/fixtures/tiny-network.json):
// maker: 400 USDC + a claim of 50 on lender + a loan of min(600 DAI at par, 0.5 ETH = 1000) = 1050.
const MAKER = 400 + 50 + 600;
// lender: 100 USDC + 30 on vault + e-mode loans min(3.2571428571 ETH, 3 wstETH) + min(0.76 ETH, 1 wstETH)
// + ETH/USDC loans min(1383.33, 2000) + min(415, 1000).
const EMODE = 8034.2857142; // (3.2571428571 + 0.76) x 2000, exact (loans are summed in decimal)
const ETH_USDC = 1383.33 + 415;
const LENDER = 100 + 30 + EMODE + ETH_USDC;
// lido: 100 ETH, owes 39 stETH at 2000 and 50 wstETH at 1.2 x 2000, both pegged to ETH.
const LIDO = 200_000;

describe('exposure graph', () => {
  const g = exposureGraph(tinyNetwork());
  const edge = (from: string, to: string) => g.out[g.index.get(from)!]!.find((e) => e.to === to);

  it('nets a holder’s exposure to an asset: holdings + loans against it + loans of it - tokens owed in it', () => {
    expect(edge('asset:ETH', 'protocol:lido')).toMatchObject({ type: 'holding' });
    expect(edge('asset:ETH', 'protocol:lido')!.share).toBeCloseTo(
      (200_000 - 39 * 2000 - 50 * 2400) / LIDO,
      12,
    );
    expect(edge('asset:ETH', 'protocol:maker')!.share).toBeCloseTo(600 / MAKER, 12);
    expect(edge('asset:ETH', 'protocol:maker')!.type).toBe('collateral');
    const eth = edge('asset:ETH', 'protocol:lender')!;
    expect(eth.type).toBe('loan');
    expect(eth.parts).toEqual({ holdingUsd: 0, collateralUsd: ETH_USDC, loanUsd: EMODE, issuedOffsetUsd: 0 });
    expect(eth.share).toBeCloseTo((EMODE + ETH_USDC) / LENDER, 12);
    expect(edge('asset:wstETH', 'protocol:lender')!.share).toBeCloseTo(EMODE / LENDER, 12);
    expect(edge('asset:USDC', 'protocol:lender')!.share).toBeCloseTo((100 + ETH_USDC) / LENDER, 12);
    expect(edge('asset:USDC', 'protocol:maker')!.share).toBeCloseTo(400 / MAKER, 12);
    // Maker's vaults lend its own DAI: valued at par, no exposure to DAI's market price.
    expect(edge('asset:DAI', 'protocol:maker')).toBeUndefined();
  });

  it('has claims as holder shares, issuance and pegs at 1, and mint links but no redeem-only links', () => {
    expect(edge('protocol:lender', 'protocol:vault')).toMatchObject({
      type: 'claim',
      share: 1,
      exposureUsd: 200,
    });
    expect(edge('protocol:lender', 'protocol:maker')!.share).toBeCloseTo(50 / MAKER, 12);
    expect(edge('protocol:vault', 'protocol:lender')!.share).toBeCloseTo(30 / LENDER, 12);
    expect(edge('protocol:circle', 'asset:USDC')).toMatchObject({ type: 'issuance', share: 1 });
    expect(edge('protocol:lido', 'asset:wstETH')).toMatchObject({ type: 'issuance', share: 1 });
    expect(edge('asset:ETH', 'asset:stETH')).toMatchObject({ type: 'peg', share: 1 });
    expect(edge('asset:USDC', 'asset:DAI')).toMatchObject({ type: 'convertibility', share: 1 });
    expect(edge('asset:stETH', 'asset:wstETH')).toMatchObject({ type: 'convertibility', share: 1 });
    const raw = tinyRaw();
    raw.convertibility[0].direction = 'redeem';
    const g2 = exposureGraph(parseNetwork(raw, 'tiny.json'));
    expect(g2.out[g2.index.get('asset:USDC')!]!.find((e) => e.to === 'asset:DAI')).toBeUndefined();
  });
});

describe('exposure paths', () => {
  it('ranks the four paths from Circle by the product of shares', () => {
    const r = exposurePaths(tinyNetwork(), 'protocol:circle');
    expect(r.paths.map((p) => p.nodes.join(' > '))).toEqual([
      'protocol:circle > asset:USDC > protocol:maker',
      'protocol:circle > asset:USDC > protocol:lender',
      'protocol:circle > asset:USDC > protocol:lender > protocol:vault',
      'protocol:circle > asset:USDC > protocol:lender > protocol:maker',
    ]);
    // The lender's assets are summed in decimal, so its share can differ from this float sum in the last bit.
    const usdcLender = r.paths[1]!.share;
    expect(usdcLender).toBeCloseTo((100 + ETH_USDC) / LENDER, 14);
    expect(r.paths.map((p) => p.share)).toEqual([
      400 / MAKER,
      usdcLender,
      usdcLender * 1,
      usdcLender * (50 / MAKER),
    ]);
    expect(r.paths[2]!.hops.map((h) => [h.type, h.share])).toEqual([
      ['issuance', 1],
      ['loan', usdcLender],
      ['claim', 1],
    ]);
    expect(r.reached.map((x) => [x.protocol, x.share])).toEqual([
      ['protocol:maker', 400 / MAKER],
      ['protocol:lender', usdcLender],
      ['protocol:vault', usdcLender],
    ]);
    expect(r.truncated).toBe(false);
  });

  it('keeps the top k, bounds the length, and accepts a bare id', () => {
    const net = tinyNetwork();
    expect(exposurePaths(net, 'circle', { k: 2 }).paths).toHaveLength(2);
    const short = exposurePaths(net, 'protocol:circle', { maxLength: 2 });
    expect(short.paths.every((p) => p.hops.length <= 2)).toBe(true);
    expect(short.reached.map((x) => x.protocol)).toEqual(['protocol:maker', 'protocol:lender']);
    expect(exposurePaths(net, 'ETH').from).toBe('asset:ETH');
  });

  it('lists only paths to --to, and nothing (no error) when it cannot be reached', () => {
    const net = tinyNetwork();
    const r = exposurePaths(net, 'asset:ETH', { to: 'protocol:vault' });
    expect(r.paths.length).toBeGreaterThan(0);
    expect(r.paths.every((p) => p.nodes[p.nodes.length - 1] === 'protocol:vault')).toBe(true);
    expect(r.paths[0]!.nodes).toEqual(['asset:ETH', 'protocol:lender', 'protocol:vault']);
    for (let i = 1; i < r.paths.length; i++)
      expect(r.paths[i]!.share).toBeLessThanOrEqual(r.paths[i - 1]!.share);
    const none = exposurePaths(net, 'asset:ETH', { to: 'protocol:circle' });
    expect(none.paths).toEqual([]);
    expect(none.reached).toEqual([]);
    expect(exposurePaths(net, 'protocol:lender', { to: 'protocol:lender' }).paths).toEqual([]);
  });

  it('visits every path once, simple, each share the product of its hops', () => {
    const r = exposurePaths(tinyNetwork(), 'asset:ETH', { k: 1000 });
    const keys = r.paths.map((p) => p.nodes.join(' > '));
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of r.paths) {
      expect(new Set(p.nodes).size).toBe(p.nodes.length);
      expect(p.share).toBeCloseTo(
        p.hops.reduce((x, h) => x * h.share, 1),
        15,
      );
    }
    // The best path to each protocol is the first one listed for it.
    for (const x of r.reached) {
      const first = r.paths.find((p) => p.nodes[p.nodes.length - 1] === x.protocol)!;
      expect(first.share).toBe(x.share);
    }
  });

  it('rejects unknown ids and other kinds of node', () => {
    const net = tinyNetwork();
    expect(() => exposurePaths(net, 'asset:NOPE')).toThrow(NotFoundError);
    expect(() => exposurePaths(net, 'asset:NOPE')).toThrow('--from: no asset "NOPE" in the network');
    expect(() => exposurePaths(net, 'nope')).toThrow(NotFoundError);
    expect(() => exposurePaths(net, 'market:maker/eth-a')).toThrow(UsageError);
    expect(() => exposurePaths(net, 'asset:ETH', { to: 'protocol:nope' })).toThrow(NotFoundError);
    expect(() => exposurePaths(net, 'asset:ETH', { to: 'asset:DAI' })).toThrow(UsageError);
  });
});

describe('reachedProtocols', () => {
  it('finds the best path to each protocol within the hop bound', () => {
    const g = exposureGraph(tinyNetwork());
    const s = g.index.get('asset:ETH')!;
    const get = (k: number, p: string) => reachedProtocols(g, s, k).find((x) => x.protocol === p);
    expect(get(1, 'protocol:lender')!.path.nodes).toEqual(['asset:ETH', 'protocol:lender']);
    expect(get(1, 'protocol:lender')!.share).toBeCloseTo((EMODE + ETH_USDC) / LENDER, 12);
    expect(get(1, 'protocol:vault')).toBeUndefined();
    expect(get(2, 'protocol:vault')!.path.nodes).toEqual(['asset:ETH', 'protocol:lender', 'protocol:vault']);
    // Maker: directly through its ETH vaults (600 / 1050) beats ETH -> lender -> maker (50 / 1050 at most).
    expect(get(6, 'protocol:maker')!.share).toBeCloseTo(600 / MAKER, 12);
  });
});
