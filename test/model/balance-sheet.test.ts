// Balance sheets at initial prices, checked by hand on the tiny network (docs/model.md §1.6).
import { balanceSheets, parPricer } from '../../src/model/balance-sheet';
import { tinyNetwork } from '../helpers/fixtures';

describe('balance sheets', () => {
  const sheets = new Map(balanceSheets(tinyNetwork()).map((s) => [s.protocol, s] as const));

  it("values an issuer's liability at par: Lido owes 39 stETH + 50 wstETH x 1.2 in ETH at $2000", () => {
    const lido = sheets.get('lido')!;
    expect(lido.issuedUsd.toFixed()).toBe(String((39 + 50 * 1.2) * 2000));
    expect(lido.assetsUsd.toFixed()).toBe('200000');
    expect(lido.equityUsd.toFixed()).toBe('2000');
  });

  it("values a loan in the protocol's own token at par and sums claims on it as liabilities", () => {
    const maker = sheets.get('maker')!;
    // 400 USDC + 50 claim on the lender + min(600 DAI at par, 0.5 ETH x 2000 = 1000) = 1050
    expect(maker.assetsUsd.toFixed()).toBe('1050');
    expect(maker.liabilitiesUsd.toFixed()).toBe('1000');
    const lender = sheets.get('lender')!;
    expect(lender.claimsOnUsd.toFixed()).toBe('250');
  });

  it('values each cohort at min(debt value, collateral value)', () => {
    const lender = sheets.get('lender')!;
    const expected = 3.2571428571 * 2000 + 0.76 * 2000 + 1383.33 + 415;
    expect(lender.loansUsd.toNumber()).toBeCloseTo(expected, 6);
  });

  it('follows peg chains for par prices', () => {
    const par = parPricer(tinyNetwork());
    expect(par('wstETH').toFixed()).toBe('2400');
    expect(par('USDC').toFixed()).toBe('1');
    expect(par('ETH').toFixed()).toBe('2000');
  });
});
