// Broken variants of a valid network: each is rejected with the JSON path of the problem and its reason.
import type { InputIssue } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { tinyRaw } from '../helpers/fixtures';
import { rejectionIssues } from '../helpers/input-issues';

type Raw = Record<string, any>;

function issuesOf(raw: Raw): InputIssue[] {
  return rejectionIssues(() => parseNetwork(raw, 'broken.json'));
}

const lender = (r: Raw) => r.protocols[3];
const loop = (r: Raw) => lender(r).markets[0];

const cases: [string, (r: Raw) => void, string, RegExp][] = [
  ['duplicate asset id', (r) => (r.assets[2].id = 'USDC'), '$.assets[2].id', /duplicate asset id "USDC"/],
  [
    'duplicate protocol id',
    (r) => (r.protocols[4].id = 'lender'),
    '$.protocols[4].id',
    /duplicate protocol id/,
  ],
  [
    'duplicate market id across protocols',
    (r) => (lender(r).markets[1].id = 'maker/eth-a'),
    '$.protocols[3].markets[1].id',
    /duplicate market id "maker\/eth-a"/,
  ],
  ['duplicate oracle id', (r) => (r.oracles[1].id = 'eth-usd'), '$.oracles[1].id', /duplicate oracle id/],
  [
    'unknown asset in a holding',
    (r) => (lender(r).holdings[0].asset = 'USDX'),
    '$.protocols[3].holdings[0].asset',
    /unknown asset "USDX"/,
  ],
  [
    'unknown oracle of a holding',
    (r) => (lender(r).holdings[0].oracle = 'nope'),
    '$.protocols[3].holdings[0].oracle',
    /unknown oracle "nope"/,
  ],
  [
    'holding marked at an oracle of another asset',
    (r) => (lender(r).holdings[0].oracle = 'dai-fixed'),
    '$.protocols[3].holdings[0].oracle',
    /oracle "dai-fixed" prices "DAI", not the holding "USDC"/,
  ],
  [
    'two holdings of one asset marked at different oracles',
    (r) => {
      r.oracles.push({ ...r.oracles[1], id: 'usdc-fixed', source: 'fixed', fixedPriceUsd: '1' });
      lender(r).holdings = [
        { asset: 'USDC', amount: '60', oracle: 'usdc-usd' },
        { asset: 'USDC', amount: '40', oracle: 'usdc-fixed' },
      ];
    },
    '$.protocols[3].holdings[1].oracle',
    /another holding of "USDC" is marked at oracle "usdc-usd"/,
  ],
  [
    'unknown oracle of a market',
    (r) => (loop(r).collateralOracle = 'nope'),
    '$.protocols[3].markets[0].collateralOracle',
    /unknown oracle "nope"/,
  ],
  [
    'oracle that prices another asset',
    (r) => (loop(r).collateralOracle = 'eth-usd'),
    '$.protocols[3].markets[0].collateralOracle',
    /prices "ETH", not the collateral "wstETH"/,
  ],
  [
    'unknown protocol of a claim',
    (r) => (r.protocols[4].claims[0].on = 'ghost'),
    '$.protocols[4].claims[0].on',
    /unknown protocol "ghost"/,
  ],
  [
    'claim of a protocol on itself',
    (r) => (r.protocols[4].claims[0].on = 'vault'),
    '$.protocols[4].claims[0].on',
    /claim on itself/,
  ],
  [
    'threshold above 1',
    (r) => (loop(r).liquidationThreshold = 1.2),
    '$.protocols[3].markets[0].liquidationThreshold',
    /\[0, 1\]/,
  ],
  ['negative deviation', (r) => (r.oracles[0].deviation = -0.1), '$.oracles[0].deviation', /\[0, 1\]/],
  [
    'liquidation threshold below loan-to-value',
    (r) => (loop(r).liquidationThreshold = 0.9),
    '$.protocols[3].markets[0].liquidationThreshold',
    /below loan-to-value 0\.93/,
  ],
  [
    'negative holding',
    (r) => (lender(r).holdings[0].amount = '-5'),
    '$.protocols[3].holdings[0].amount',
    /must not be negative/,
  ],
  [
    'negative external liabilities as a number',
    (r) => (lender(r).externalLiabilitiesUsd = -1),
    '$.protocols[3].externalLiabilitiesUsd',
    /must not be negative/,
  ],
  [
    'amount that is not a number',
    (r) => (lender(r).holdings[0].amount = '1,000'),
    '$.protocols[3].holdings[0].amount',
    /decimal number/,
  ],
  [
    'amount of the wrong type',
    (r) => (lender(r).holdings[0].amount = true),
    '$.protocols[3].holdings[0].amount',
    /expected string or number, got boolean/,
  ],
  [
    'pegged asset whose issuer does not issue it',
    (r) => (r.assets[1].peg.issuer = 'maker'),
    '$.assets[1].peg.issuer',
    /"maker" does not list "USDC"/,
  ],
  [
    'issued asset with no peg',
    (r) => delete r.assets[2].peg,
    '$.assets[2]',
    /issued by "maker" but has no peg/,
  ],
  [
    'cohort with debt and no collateral',
    (r) => (loop(r).cohorts[0].collateralAmount = '0'),
    '$.protocols[3].markets[0].cohorts[0]',
    /debt must have collateral/,
  ],
  ['unknown field', (r) => (lender(r).tvl = 5), '$.protocols[3].tvl', /unknown field/],
  [
    'missing required field',
    (r) => delete loop(r).debt,
    '$.protocols[3].markets[0].debt',
    /required field is missing/,
  ],
  [
    'unknown oracle source',
    (r) => (r.oracles[0].source = 'twap'),
    '$.oracles[0].source',
    /must be one of "market", "exchange-rate", "proxy", "fixed"/,
  ],
  [
    'proxy oracle without its proxy asset',
    (r) => delete r.oracles[4].proxyAsset,
    '$.oracles[4].proxyAsset',
    /needs proxyAsset/,
  ],
  [
    'fixed oracle without a price',
    (r) => delete r.oracles[2].fixedPriceUsd,
    '$.oracles[2].fixedPriceUsd',
    /needs fixedPriceUsd/,
  ],
  [
    'exchange-rate oracle of a base asset',
    (r) => (r.oracles[0].source = 'exchange-rate'),
    '$.oracles[0].source',
    /needs a pegged asset/,
  ],
  [
    'unknown source reference',
    (r) => (r.assets[0].ref = 'nowhere'),
    '$.assets[0].ref',
    /unknown source "nowhere"/,
  ],
  [
    'unknown default mode',
    (r) => (lender(r).onDefault = { mode: 'bail-in' }),
    '$.protocols[3].onDefault.mode',
    /must be one of "clearing", "loss-given-default"/,
  ],
  [
    'peg cycle',
    (r) => (r.assets[0].peg = { target: 'stETH', issuer: 'lido' }),
    '$.assets[0].peg.target',
    /loops back/,
  ],
  ['zero price', (r) => (r.assets[0].priceUsd = '0'), '$.assets[0].priceUsd', /must be positive/],
  ['wrong format tag', (r) => (r.format = 'contagion/network@2'), '$.format', /contagion\/network@1/],
  ['id with a space', (r) => (r.venues[0].id = 'my dex'), '$.venues[0].id', /must be an id/],
];

describe('network validation', () => {
  it.each(cases)('%s', (_name, breakIt, path, reason) => {
    const raw = tinyRaw();
    breakIt(raw);
    const issues = issuesOf(raw);
    const hit = issues.find((i) => i.path === path);
    expect(hit).toBeDefined();
    expect(hit!.reason).toMatch(reason);
    expect(hit!.file).toBe('broken.json');
  });

  it('reports every problem of a file at once, in document order', () => {
    const raw = tinyRaw();
    lender(raw).holdings[0].asset = 'USDX';
    r4(raw).claims[0].on = 'vault';
    loop(raw).liquidationThreshold = 0.9;
    const paths = issuesOf(raw).map((i) => i.path);
    expect(paths).toEqual([
      '$.protocols[3].holdings[0].asset',
      '$.protocols[3].markets[0].liquidationThreshold',
      '$.protocols[4].claims[0].on',
    ]);
  });

  it('reports all shape problems at once', () => {
    const raw = tinyRaw();
    raw.assets[0].priceUsd = 'abc';
    raw.oracles[0].deviation = 3;
    delete loop(raw).debt;
    expect(issuesOf(raw)).toHaveLength(3);
  });
});

const r4 = (r: Raw) => r.protocols[4];
