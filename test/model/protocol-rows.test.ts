// Plain protocols read without the schema (model/protocol-rows.ts): whatever it reads, the schema gives the
// same protocol (fields, order, defaults, amounts); whatever the schema rejects, it leaves to the schema.
import fc from 'fast-check';
import { plainProtocolOf } from '../../src/model/protocol-rows';
import { Protocol } from '../../src/model/schema/network';
import { field, expectReadAsSchemaGives, mostly as mostlyOf, rare as rareOf } from '../helpers/plain-reader';

// A protocol has many fields: flaws and rare fields one in forty and one in twenty, so that many are plain.
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown>) => mostlyOf(good, bad, 40);
const rare = <T>(arb: fc.Arbitrary<T>) => rareOf(arb, 20);
const id = mostly(
  fc.constantFrom('p1', 'WETH', 'o-WETH', 'a:b/c+d'),
  fc.oneof(fc.constantFrom('x y', '', '-x', 5), fc.string({ maxLength: 6 })),
);
const amount = mostly(
  fc.oneof(
    fc.constantFrom('0', '1250000.5', '8750528.000000', '1e5', '-0', 3, 0, 0.25, 1e15),
    fc.integer({ min: 0, max: 2 ** 40 }).map((n) => n / 64),
  ),
  fc.constantFrom('-1', -1, '1e16', 2e15, 'x', '', '1.', null, '1e-19', 1e-20, '1234567890.123456789', true),
);
const ref = field(mostly(fc.oneof(id, fc.array(id, { maxLength: 3 })), fc.constant([])));
const note = field(mostly(fc.string({ maxLength: 3 }), fc.constant('x'.repeat(2001))));
const holding = fc.record(
  { asset: id, amount, oracle: field(id), ref, note, extra: rare(fc.constant(1)) },
  { requiredKeys: ['asset', 'amount'] },
);
const issue = fc.record(
  { asset: id, supply: amount, ref, note: rare(fc.constant('n')) },
  { requiredKeys: ['asset', 'supply'] },
);
const protocol = fc.record(
  {
    id,
    name: field(mostly(fc.string({ maxLength: 5 }), fc.constant(3))),
    kind: mostly(fc.constantFrom('lending', 'cdp', 'vault', 'other'), fc.constantFrom('bank2', 1)),
    chain: rare(id),
    holdings: field(mostly(fc.array(holding, { maxLength: 3 }), fc.constant({}))),
    otherAssetsUsd: field(amount),
    claims: field(mostly(fc.constant([]), fc.constant([{ on: 'p2', amountUsd: '1' }]))),
    issues: field(mostly(fc.array(issue, { maxLength: 2 }), fc.constant('x'))),
    externalLiabilitiesUsd: field(amount),
    insuranceFundUsd: field(amount),
    keeperCapacityUsdPerStep: field(amount),
    mevLoss: field(mostly(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(1.5, -0.1, '0'))),
    ref,
    note,
    onDefault: rare(fc.constant({ mode: 'clearing' })),
    perps: rare(fc.constant([])),
    extra: rare(fc.constant(1)),
  },
  { requiredKeys: ['id', 'kind'] },
);
describe('plain protocols', () => {
  it('reads only protocols the schema accepts, and gives exactly what the schema gives', () => {
    // Not plain: perps, a default rule, claims not split off.
    expectReadAsSchemaGives(protocol, (p) => plainProtocolOf(p, []), Protocol);
  });

  it('reads a plain protocol with its markets as given, and leaves any other to the schema', () => {
    const p = {
      id: 'p1',
      kind: 'lending',
      holdings: [{ asset: 'USD', amount: '8750528.000000' }],
      externalLiabilitiesUsd: '16815472.658327',
      keeperCapacityUsdPerStep: '5000000',
    };
    const markets = [{ id: 'm1' }] as never[];
    const read = plainProtocolOf(p, markets)!;
    expect(read.markets).toBe(markets);
    expect(JSON.stringify({ ...read, markets: [] })).toBe(JSON.stringify(Protocol.parse(p)));
    expect(read.externalLiabilitiesUsd.toString()).toBe('16815472.658327');
    expect(plainProtocolOf({ ...p, perps: [] }, [])).toBeUndefined();
    expect(plainProtocolOf({ ...p, holdings: [{ asset: 'USD', amount: '-1' }] }, [])).toBeUndefined();
    expect(plainProtocolOf({ ...p, claims: [{ on: 'p2', amountUsd: '1' }] }, [])).toBeUndefined();
  });
});
