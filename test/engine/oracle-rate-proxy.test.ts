// An exchange-rate oracle over a proxy (docs/model.md §3.3): rate x the issuer's recovery x the proxy asset's
// price. Aave's sUSDe feed is the sUSDe rate x USDT/USD (aave-usde-oracle, ARFC of 13 Feb 2025,
// https://governance.aave.com/t/arfc-susde-and-usde-price-feed-update/20495): a USDe discount does not show.
import { join } from 'node:path';
import { buildState } from '../../src/engine/state';
import { oracleSourceValue } from '../../src/engine/stages/oracles';
import { parseNetwork } from '../../src/model/parse-network';
import { readJsonFile } from '../../src/model/read-file';

const NETWORK = join(__dirname, '..', '..', 'data', 'networks', 'ethereum-2025-10.json');

describe('an exchange-rate oracle over a proxy', () => {
  const s = buildState(parseNetwork(readJsonFile(NETWORK), 'ethereum-2025-10.json'), { stepSeconds: 60 });
  const o = (id: string) => s.names.oracles.indexOf(id);
  const a = (id: string) => s.names.assets.indexOf(id);

  it("reads the proxy's price, not the peg target's", () => {
    s.assets.price[a('USDe')] = 0.65;
    s.assets.price[a('USDT')] = 0.99;
    // sUSDe: 1.19 USDe per sUSDe x Ethena's recovery (1 on the sample) x USDT at 0.99.
    expect(oracleSourceValue(s, o('aave-capo-susde'))).toBeCloseTo(1.19 * 0.99, 12);
    // The PT: its accreted 0.9915 x Pendle's recovery (1) x USDT.
    expect(oracleSourceValue(s, o('aave-pt-susde-linear'))).toBeCloseTo(0.9915 * 0.99, 12);
    // Without a proxy an exchange-rate oracle reads the target's market price: wstETH x ETH.
    const eth = s.assets.price[a('ETH')]!;
    const wsteth = s.names.oracles.findIndex(
      (id, k) => s.oracles.asset[k] === a('wstETH') && id.includes('rate'),
    );
    expect(oracleSourceValue(s, wsteth) / eth).toBeCloseTo(s.assets.pegRate[a('wstETH')]!, 12);
  });

  it('rejects proxyAsset on a market oracle, and an unknown proxy asset on an exchange-rate one', () => {
    const raw = readJsonFile(NETWORK) as Record<string, any>;
    const capo = raw.oracles.find((x: { id: string }) => x.id === 'aave-capo-susde');
    capo.proxyAsset = 'NOPE';
    expect(() => parseNetwork(raw, 'n.json')).toThrow('NOPE');
    capo.proxyAsset = 'USDT';
    capo.source = 'market';
    expect(() => parseNetwork(raw, 'n.json')).toThrow(
      'only a proxy or an exchange-rate oracle has proxyAsset',
    );
  });
});
