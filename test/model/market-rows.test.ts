// Plain markets read without the schema (model/market-rows.ts): whatever it reads, the schema gives the same
// market (fields, order, defaults); whatever the schema rejects, it leaves to the schema.
import fc from 'fast-check';
import { plainMarketOf } from '../../src/model/market-rows';
import { Market } from '../../src/model/schema/network';
import { expectReadAsSchemaGives, field, mostly, rare } from '../helpers/plain-reader';
const id = mostly(
  fc.constantFrom('m1', 'WETH', 'o-WETH', 'a:b/c+d'),
  fc.oneof(fc.constantFrom('x y', '', '-x', 5), fc.string({ maxLength: 6 })),
);
const ratio = mostly(
  fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, -0, 0.5)),
  fc.oneof(fc.double({ min: -0.5, max: 1.5 }), fc.constantFrom(Infinity, NaN, '0.5', null)),
);
const market = fc.record(
  {
    id,
    name: field(mostly(fc.string({ maxLength: 5 }), fc.constant(3))),
    collateral: id,
    debt: id,
    loanToValue: ratio,
    liquidationThreshold: ratio,
    liquidationBonus: ratio,
    closeFactor: field(ratio),
    fullLiquidationHf: field(ratio),
    collateralOracle: id,
    debtOracle: id,
    cohorts: field(mostly(fc.constant([]), fc.constant([{ collateralAmount: '1', debtAmount: '1' }]))),
    ref: field(mostly(fc.oneof(id, fc.array(id, { maxLength: 3 })), fc.constant([]))),
    note: field(mostly(fc.string({ maxLength: 3 }), fc.constant('x'.repeat(2001)))),
    auction: rare(fc.constant({ kind: 'dutch' })),
    extra: rare(fc.constant(1)),
  },
  {
    requiredKeys: [
      'id',
      'collateral',
      'debt',
      'loanToValue',
      'liquidationThreshold',
      'liquidationBonus',
      'collateralOracle',
      'debtOracle',
    ],
  },
);
describe('plain markets', () => {
  it('reads only markets the schema accepts, and gives exactly what the schema gives', () => {
    // Not plain: an auction, or cohorts not split off.
    expectReadAsSchemaGives(market, (m) => plainMarketOf(m), Market);
  });

  it('reads every plain market the schema accepts', () => {
    const m = {
      id: 'm1',
      collateral: 'WETH',
      debt: 'USDC',
      loanToValue: 0.8,
      liquidationThreshold: 0.83,
      liquidationBonus: 0.05,
      collateralOracle: 'o-WETH',
      debtOracle: 'o-USDC',
    };
    for (const extra of [
      {},
      { name: 'WETH', ref: 'src' },
      { closeFactor: 1, note: 'n', ref: ['a', 'b'] },
      { cohorts: [] },
    ]) {
      const written = { ...m, ...extra };
      expect(JSON.stringify(plainMarketOf(written))).toBe(JSON.stringify(Market.parse(written)));
    }
    expect(plainMarketOf({ ...m, auction: { kind: 'dutch' } })).toBeUndefined();
    expect(plainMarketOf({ ...m, loanToValue: 1.2 })).toBeUndefined();
  });
});
