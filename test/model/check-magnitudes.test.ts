// The balance-sheet bounds are decided in doubles only where doubles cannot be wrong: at the limit itself the
// answer is the exact decimal one (a total of exactly 1e12 USD passes, a cent more does not).
import { balanceSheets } from '../../src/model/balance-sheet';
import { certainlyWithinLimits, checkMagnitudes } from '../../src/model/check-magnitudes';
import { Dec } from '../../src/model/decimal';
import { parseNetwork } from '../../src/model/parse-network';
import { generateNetwork } from '../../src/model/generate';
import { tinyNetwork, tinyRaw } from '../helpers/fixtures';

/** The tiny network with circle's other assets set so its assets total exactly 1e12 USD plus `over`. */
function circleAt(over: string) {
  const sheet = balanceSheets(tinyNetwork())[0]!;
  const raw = tinyRaw();
  raw.protocols[0].otherAssetsUsd = new Dec(1e12)
    .sub(sheet.assetsUsd)
    .add(sheet.otherAssetsUsd)
    .add(over)
    .toFixed();
  return raw;
}

/** The tiny network with a cohort in maker/eth-a whose collateral is `amount` ETH (2000 USD each). */
function makerCollateral(amount: string) {
  const raw = tinyRaw();
  raw.protocols[2].markets[0].cohorts = [{ collateralAmount: amount, debtAmount: '0' }];
  return raw;
}

const issuesOf = (raw: Record<string, unknown>): string[] => {
  try {
    parseNetwork(raw, 'net.json');
    return [];
  } catch (e) {
    return (e as { issues: { path: string; reason: string }[] }).issues.map((i) => `${i.path}: ${i.reason}`);
  }
};

describe('balance-sheet bounds', () => {
  it('pass assets of exactly 1e12 USD and reject a cent more, with the exact total', () => {
    expect(issuesOf(circleAt('0'))).toEqual([]);
    expect(issuesOf(circleAt('0.01'))).toEqual([
      '$.protocols[0]: assets of 1000000000000 USD at initial prices: at most 1e12 USD (what the cents ledger carries exactly)',
    ]);
    expect(issuesOf(circleAt('0.6'))).toEqual([
      '$.protocols[0]: assets of 1000000000001 USD at initial prices: at most 1e12 USD (what the cents ledger carries exactly)',
    ]);
  });

  it("pass a market's collateral of exactly 1e12 USD and reject one just above", () => {
    expect(issuesOf(makerCollateral('500000000'))).toEqual([]);
    expect(issuesOf(makerCollateral('500000000.000001'))).toEqual([
      '$.protocols[2].markets[0]: collateral of 1000000000000 USD at initial prices: at most 1e12 USD (what the cents ledger carries exactly)',
    ]);
  });

  it('answer from doubles only far from the limit, and exactly near it', () => {
    expect(certainlyWithinLimits(tinyNetwork())).toBe(true);
    const atLimit = parseNetwork(circleAt('0'), 'net.json');
    expect(certainlyWithinLimits(atLimit)).toBe(false);
    expect(checkMagnitudes(atLimit, 'net.json')).toEqual([]);
  });

  it('read the rows of a generated network without building cohorts or claims in decimal.js', () => {
    const net = parseNetwork(generateNetwork({ protocols: 10, cohorts: 40, claims: 30, seed: 3 }), 'g');
    expect(checkMagnitudes(net, 'g')).toEqual([]);
    for (const p of net.protocols) {
      expect(Object.getOwnPropertyDescriptor(p, 'claims')!.get).toBeDefined();
      for (const m of p.markets) expect(Object.getOwnPropertyDescriptor(m, 'cohorts')!.get).toBeDefined();
    }
  });
});
