// The network format: a valid file parses into exact decimals with defaults filled in.
import { Dec } from '../../src/model/decimal';
import { InputError } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { tinyRaw, tinyNetwork } from '../helpers/fixtures';

describe('parseNetwork', () => {
  it('rejects a value that is not a network with InputError', () => {
    expect(() => parseNetwork(42, 'x.json')).toThrow(InputError);
    expect(() => parseNetwork({ format: 'contagion/network@2' }, 'x.json')).toThrow(InputError);
  });

  it('parses the tiny network with every kind of object', () => {
    const net = tinyNetwork();
    expect(net.assets.map((a) => a.id)).toEqual(['ETH', 'USDC', 'DAI', 'stETH', 'wstETH']);
    expect(net.protocols).toHaveLength(5);
    expect(new Set(net.oracles.map((o) => o.source))).toEqual(
      new Set(['market', 'fixed', 'exchange-rate', 'proxy']),
    );
  });

  it('keeps amounts exact: decimal strings are never rounded through floats', () => {
    const raw = tinyRaw();
    raw.protocols[0].otherAssetsUsd = '0.1';
    raw.protocols[0].issues[0].supply = '0.2';
    raw.assets[0].priceUsd = '1234567.89012345';
    const net = parseNetwork(raw, 'x.json');
    const circle = net.protocols[0]!;
    expect(circle.otherAssetsUsd.add(circle.issues[0]!.supply).toFixed()).toBe('0.3');
    expect(net.assets[0]!.priceUsd.toFixed()).toBe('1234567.89012345');
  });

  it('accepts numbers for amounts through their shortest decimal form', () => {
    const net = tinyNetwork();
    const wst = net.assets.find((a) => a.id === 'wstETH')!;
    expect(wst.priceUsd.equals(new Dec(2400))).toBe(true);
  });

  it('fills defaults: peg rate 1, close factor 0.5, full-liquidation HF 0.95, clearing on default, no refs', () => {
    const net = tinyNetwork();
    expect(net.assets.find((a) => a.id === 'USDC')!.peg!.rate).toBe(1);
    const lender = net.protocols.find((p) => p.id === 'lender')!;
    const market = lender.markets[0]!;
    expect(market.closeFactor).toBe(0.5);
    expect(market.fullLiquidationHf).toBe(0.95);
    expect(lender.onDefault).toEqual({ mode: 'clearing' });
    expect(lender.ref).toEqual([]);
    expect(net.protocols[0]!.externalLiabilitiesUsd.isZero()).toBe(true);
    expect(net.assets[0]!.ref).toEqual(['hand']);
  });

  it('accepts loss-given-default and default costs', () => {
    const raw = tinyRaw();
    raw.protocols[4].onDefault = { mode: 'loss-given-default', lossGivenDefault: 0.6 };
    raw.protocols[4].defaultCost = { externalAssets: 0.1, claims: 0.2 };
    const vault = parseNetwork(raw, 'x.json').protocols[4]!;
    expect(vault.onDefault).toEqual({ mode: 'loss-given-default', lossGivenDefault: 0.6 });
    expect(vault.defaultCost).toEqual({ externalAssets: 0.1, claims: 0.2 });
  });
});
