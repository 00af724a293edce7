// Interest-rate curves, accrual and idle liquidity (docs/model.md §18): a hand-computed kinked curve and one
// step of accrual booked exactly in the ledger, and Fraxlend's CRV/FRAX pair of August 2023, where accrual
// alone, at the rates of the time, pushes Egorov's loan towards liquidation with CRV's price held.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate } from '../../src/engine/run';
import { idleLiquidity, poolUtilization } from '../../src/engine/pools';
import {
  accrualFactor,
  adaptiveStep,
  kinkedBorrowRate,
  supplyRate,
  timeWeightedRate,
  YEAR_SEC,
} from '../../src/engine/rates';
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { InputError } from '../../src/model/errors';
import { FIXTURES } from '../helpers/fixtures';
import { fixedOracle } from '../helpers/oracles';

/** A lender of USD against COL at $100, with `idle` USD in the pool and `debt` USD borrowed. */
function poolRaw(debt: string, idle: string, pool: Record<string, unknown> | undefined): Record<string, any> {
  return {
    format: 'contagion/network@1',
    name: 'pool',
    asOf: '2025-01-01',
    assets: [
      { id: 'COL', priceUsd: '100' },
      { id: 'USD', priceUsd: '1' },
    ],
    oracles: [fixedOracle('col', 'COL', '100'), fixedOracle('usd', 'USD', '1')],
    protocols: [
      {
        id: 'lender',
        kind: 'lending',
        holdings: [{ asset: 'USD', amount: idle }],
        externalLiabilitiesUsd: '1000000000',
        ...(pool ? { lendingPools: [pool] } : {}),
        markets: [
          {
            id: 'lender/col-usd',
            collateral: 'COL',
            debt: 'USD',
            loanToValue: 0.8,
            liquidationThreshold: 0.85,
            liquidationBonus: 0.05,
            collateralOracle: 'col',
            debtOracle: 'usd',
            cohorts: [{ collateralAmount: '20000000', debtAmount: debt }],
          },
        ],
      },
    ],
  };
}

/** Aave v3's curve shape with round numbers: kink at 80%, slope1 4%, slope2 60%, reserve factor 10%. */
const KINKED = {
  asset: 'USD',
  rate: { model: 'kinked', baseRate: 0, slope1: 0.04, slope2: 0.6, optimalUtilization: 0.8 },
  reserveFactor: 0.1,
};

const quiet = (net: Network, steps: number, stepSeconds: number, asset = 'COL') =>
  parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'quiet',
      stepSeconds,
      horizonSteps: steps,
      events: [{ type: 'depth', asset, atStep: 0, multiplier: 1 }],
    },
    'quiet.json',
    net,
  );

describe('kinked rate curve', () => {
  const curve = { baseRate: 0, slope1: 0.04, slope2: 0.6, optimalUtilization: 0.8 };

  it('below the kink: borrow 4% x 0.6 / 0.8 = 3%, supply 3% x 0.6 x 0.9 = 1.62%', () => {
    expect(kinkedBorrowRate(curve, 0.6)).toBeCloseTo(0.03, 15);
    expect(supplyRate(0.03, 0.6, 0.1)).toBeCloseTo(0.0162, 15);
  });

  it('above the kink: borrow 4% + 60% x (0.9 - 0.8) / 0.2 = 34%, supply 34% x 0.9 x 0.9 = 27.54%', () => {
    expect(kinkedBorrowRate(curve, 0.9)).toBeCloseTo(0.34, 15);
    expect(supplyRate(0.34, 0.9, 0.1)).toBeCloseTo(0.2754, 15);
    // At full utilization: base + slope1 + slope2 (Aave's maxVariableBorrowRate).
    expect(kinkedBorrowRate(curve, 1)).toBeCloseTo(0.64, 15);
  });

  it('one hour of accrual at U = 90%: debt, suppliers and the reserve booked exactly, through `interest`', () => {
    const net = parseNetwork(poolRaw('900000000', '100000000', KINKED), 'pool.json');
    const { ctx, result } = simulate(net, quiet(net, 1, 3600));
    // (1 + 0.34 / 31,536,000)^3600 - 1 = 3.8813539e-5: 34,932.18 USD of interest on 900M in the hour.
    const growth = Math.pow(1 + 0.34 / YEAR_SEC, 3600) - 1;
    expect(growth).toBeCloseTo(3.8813539e-5, 12);
    expect(ctx.s.cohorts.debt[0]).toBeCloseTo(900e6 * (1 + growth), 6);
    expect(ctx.s.protocols.externalLiabilities[0]).toBeCloseTo(1e9 + 900e6 * growth * 0.9, 6);
    expect(ctx.s.pools.borrowRate[0]).toBeCloseTo(0.34, 15);
    // Loans up by the whole interest, depositors owed 90% of it: the reserve keeps 10%, in whole cents.
    const loanCents = Math.round(900e6 * (1 + growth) * 100) - 900e6 * 100;
    const extCents = Math.round((1e9 + 900e6 * growth * 0.9) * 100) - 1e9 * 100;
    const rows = ctx.ledger.events.rows(ctx.ledger.causeNames);
    expect(rows).toEqual([
      { step: 0, from: 'market:lender/col-usd', to: 0, channel: 'interest', cents: loanCents - extCents },
    ]);
    expect(loanCents - extCents).toBe(349321); // 10% of 34,932.18 USD, in cents
    expect(result.protocols[0]!.lossByChannel.interest).toBe(((extCents - loanCents) / 100).toFixed(2));
  });

  it('without a rate curve, debt does not accrue and nothing is booked', () => {
    const net = parseNetwork(poolRaw('900000000', '100000000', undefined), 'pool.json');
    const { ctx, result } = simulate(net, quiet(net, 3, 3600));
    expect(ctx.s.cohorts.debt[0]).toBe(900e6);
    expect('pools' in result).toBe(false); // the output is that of a run before rates existed
    expect(ctx.ledger.events.length).toBe(0);
    // Utilization and idle liquidity are defined for every pool, with or without a curve.
    expect(poolUtilization(ctx.s, 0)).toBeCloseTo(0.9, 15);
    expect(idleLiquidity(ctx, 0)).toBe(100e6);
  });

  it('a receipt token pegged to the pool asset grows by the supply interest', () => {
    const raw = poolRaw('900000000', '100000000', { ...KINKED, receipt: 'aUSD' });
    raw.assets.push({ id: 'aUSD', priceUsd: '1', peg: { target: 'USD', issuer: 'lender' } });
    raw.protocols[0].externalLiabilitiesUsd = '0';
    raw.protocols[0].issues = [{ asset: 'aUSD', supply: '1000000000' }];
    // A modelled depositor holds a quarter of the receipts: a rebasing token grows its holding too.
    raw.protocols.push({ id: 'vault', kind: 'vault', holdings: [{ asset: 'aUSD', amount: '250000000' }] });
    const net = parseNetwork(raw, 'pool.json');
    const { ctx, result } = simulate(net, quiet(net, 1, 3600));
    const growth = accrualFactor(0.34, 3600) - 1;
    const supply = 1e9 + 900e6 * growth * 0.9;
    expect(ctx.s.protocols.issueSupply[0]).toBeCloseTo(supply, 6);
    expect(ctx.s.protocols.externalLiabilities[0]).toBe(0);
    const vault = ctx.s.names.protocols.indexOf('vault');
    const held = ctx.s.protocols.holdAmount[ctx.s.protocols.holdStart[vault]!]!;
    expect(held).toBeCloseTo(250e6 * (supply / 1e9), 6); // 7,859.74 aUSD of interest
    const vaultGain = result.protocols.find((p) => p.id === 'vault')!.lossByChannel.interest;
    expect(Number(vaultGain)).toBeCloseTo(-(250e6 * 900e6 * growth * 0.9) / 1e9, 2);
  });

  it('rejects a pool of an asset no market lends, and a receipt it does not issue, naming the path', () => {
    const bad = poolRaw('1', '1', { ...KINKED, asset: 'COL', receipt: 'USD' });
    expect(() => parseNetwork(bad, 'pool.json')).toThrow(InputError);
    try {
      parseNetwork(bad, 'pool.json');
    } catch (e) {
      const text = (e as InputError).message;
      expect(text).toContain('protocols[0].lendingPools[0].asset');
      expect(text).toContain('no market of "lender" lends "COL"');
      expect(text).toContain('protocols[0].lendingPools[0].receipt');
    }
  });
});

describe('Fraxlend CRV/FRAX, August 2023', () => {
  const file = join(FIXTURES, 'fraxlend-crv-2023.json');
  const net = parseNetwork(JSON.parse(readFileSync(file, 'utf8')), file);
  // Egorov's loan: 59M CRV at $0.5622 against 15.8M FRAX, liquidation threshold 75% (Delphi).
  const hf0 = (59e6 * 0.5622 * 0.75) / 15.8e6;
  const HALF_LIFE = 43200; // Fraxlend INT_HALF_LIFE, 12 h

  it('at 100% utilization an update a half-life after the last doubles the rate, up to 10,000% a year', () => {
    const c = {
      minRate: 0.0025,
      maxRate: 100,
      minTargetUtilization: 0.75,
      maxTargetUtilization: 0.85,
      halfLifeSec: HALF_LIFE,
    };
    expect(timeWeightedRate(c, 0.812, 1, HALF_LIFE)).toBeCloseTo(1.624, 12);
    expect(timeWeightedRate(c, 0.812, 0.8, HALF_LIFE)).toBe(0.812); // inside the target band
    // At U = 0: d = 1, the rate halves, and never falls below the 0.25% floor.
    expect(timeWeightedRate(c, 0.812, 0, HALF_LIFE)).toBeCloseTo(0.406, 12);
    expect(timeWeightedRate(c, 0.003, 0, HALF_LIFE)).toBe(0.0025);
    expect(timeWeightedRate(c, 80, 1, HALF_LIFE)).toBe(100);
  });

  it('with CRV held, 3.5 days of accrual at the rates of the time take the health factor from 1.57 to 1.19', () => {
    // Seven 12-hour steps: rates 81.2% x 2^k for k = 1..6, then the 10,000% cap (81.2% x 2^7 = 103.9 > 100).
    const { ctx } = simulate(net, quiet(net, 7, HALF_LIFE, 'CRV'));
    const rates = [1.624, 3.248, 6.496, 12.992, 25.984, 51.968, 100];
    const growth = rates.reduce((g, r) => g * Math.pow(1 + r / YEAR_SEC, HALF_LIFE), 1);
    expect(growth).toBeCloseTo(1.31935, 4);
    const debt = ctx.s.cohorts.debt[0]!;
    expect(debt).toBeCloseTo(15.8e6 * growth, 4);
    const hf = (59e6 * 0.5622 * 0.75) / debt;
    expect(hf0).toBeCloseTo(1.5745, 4);
    expect(hf).toBeCloseTo(hf0 / growth, 10);
    expect(hf).toBeCloseTo(1.1934, 4);
    // The rate reached at 3.5 days against the reported "about 9,969%" (Delphi via Binance feed; band x/÷1.5).
    const reached = ctx.s.pools.borrowRate[0]!;
    expect(reached).toBe(100);
    expect(reached / 99.69).toBeGreaterThan(1 / 1.5);
    expect(reached / 99.69).toBeLessThan(1.5);
    expect(ctx.s.pools.peakUtilization[0]).toBe(1);
    // No FRAX idle: the pair's suppliers can withdraw nothing.
    expect(idleLiquidity(ctx, 0)).toBe(0);
    const { result } = simulate(net, quiet(net, 7, HALF_LIFE, 'CRV'));
    expect(result.pools).toEqual([
      {
        protocol: 'fraxlend',
        asset: 'FRAX',
        utilization: 1,
        peakUtilization: 1,
        borrowRate: 100,
        supplyRate: 100,
        peakBorrowRate: 100,
        interestUsd: (debt - 15.8e6).toFixed(2),
      },
    ]);
    // Suppliers are owed the whole interest (no reserve factor), so the lender's equity does not move.
    expect(ctx.s.protocols.externalLiabilities[0]).toBeCloseTo(debt, 4);
  });

  it('left alone at the cap, the loan becomes liquidatable through interest alone on the ninth 12-hour step', () => {
    // Health factor after step t (0-based), by hand: hf0 over the growth of steps 0..t at the rates above,
    // 10,000% a year from the seventh step on. It is 1.0406 after step 7 and 0.9074 after step 8.
    const rates = [1.624, 3.248, 6.496, 12.992, 25.984, 51.968, 100, 100, 100, 100];
    let hf = hf0;
    const hfs = rates.map((r) => (hf /= Math.pow(1 + r / YEAR_SEC, HALF_LIFE)));
    expect(hfs[7]).toBeCloseTo(1.0406, 4);
    expect(hfs[8]).toBeCloseTo(0.9074, 4);
    const liquidated = (steps: number) =>
      Number(simulate(net, quiet(net, steps, HALF_LIFE, 'CRV')).result.summary.liquidatedUsd);
    expect(liquidated(8)).toBe(0); // steps 0..7: HF 1.04
    // Step 8: the whole debt (close factor 1), 15.8M x the growth of nine steps, is repaid.
    const growth = rates.slice(0, 9).reduce((g, r) => g * Math.pow(1 + r / YEAR_SEC, HALF_LIFE), 1);
    expect(liquidated(9)).toBeCloseTo(15.8e6 * growth, 0);
    expect(liquidated(9)).toBeCloseTo(27.4e6, -5);
  });

  it('over twelve hour-long steps the rate rises by 1/12 a step and the health factor falls by the hand-computed amount', () => {
    const { ctx } = simulate(net, quiet(net, 12, 3600, 'CRV'));
    // Hour k accrues at 81.2% x (13/12)^k: hourly updates compound faster than one per half-life.
    let growth = 1;
    for (let k = 1; k <= 12; k++) growth *= Math.pow(1 + (0.812 * (13 / 12) ** k) / YEAR_SEC, 3600);
    expect(growth).toBeCloseTo(1.0019456, 7);
    const hf = (59e6 * 0.5622 * 0.75) / ctx.s.cohorts.debt[0]!;
    expect(hf0 - hf).toBeCloseTo(hf0 * (1 - 1 / growth), 10);
    expect(hf0 - hf).toBeCloseTo(0.003057, 5);
  });
});

describe("Morpho Blue's adaptive curve", () => {
  // AdaptiveCurveIrm constants (morpho-org/morpho-blue-irm ConstantsLib): target 90%, steepness 4, speed 50 a
  // year, rate at target within [0.1%, 200%].
  const c = {
    targetUtilization: 0.9,
    curveSteepness: 4,
    adjustmentSpeed: 50,
    minRateAtTarget: 0.001,
    maxRateAtTarget: 2,
  };

  it('at U = 1 for a day from 4%: the rate at target grows by e^(50/365), the day pays 4 x the trapezoid average', () => {
    // end = 0.04 e^0.136986 = 0.0458725, mid = 0.04 e^0.068493 = 0.0428357, average (start + end + 2 mid)/4.
    const day = adaptiveStep(c, 0.04, 1, 86400);
    expect(day.rateAtTarget).toBeCloseTo(0.0458725, 7);
    expect(day.borrowRate).toBeCloseTo(4 * ((0.04 + 0.0458725 + 2 * 0.0428357) / 4), 6);
    expect(day.borrowRate).toBeCloseTo(0.171544, 6);
  });

  it('at the target the rate at target holds; below it the curve and the rate at target both fall', () => {
    expect(adaptiveStep(c, 0.04, 0.9, 86400)).toEqual({ borrowRate: 0.04, rateAtTarget: 0.04 });
    // U = 45%: err = -0.5, the curve is (1 - 0.75 x 0.5) = 0.625 of the average rate at target.
    const day = adaptiveStep(c, 0.04, 0.45, 86400);
    expect(day.rateAtTarget).toBeCloseTo(0.04 * Math.exp(-25 / 365), 12);
    expect(day.borrowRate).toBeCloseTo(0.0241654, 7);
    // The rate at target is bounded: 800% (4 x 200%) is the most a market can charge.
    expect(adaptiveStep(c, 2, 1, 86400)).toEqual({ borrowRate: 8, rateAtTarget: 2 });
  });

  it('accrues in a pool: one day at U = 1 from the 4% initial rate at target', () => {
    const raw = poolRaw('1000000000', '0', {
      asset: 'USD',
      rate: { model: 'adaptive', initialRateAtTarget: 0.04 },
    });
    const net = parseNetwork(raw, 'pool.json');
    const { ctx } = simulate(net, quiet(net, 1, 86400));
    expect(ctx.s.pools.borrowRate[0]).toBeCloseTo(0.171544, 6);
    expect(ctx.s.cohorts.debt[0]).toBeCloseTo(1e9 * accrualFactor(ctx.s.pools.borrowRate[0]!, 86400), 4);
    expect(ctx.s.cohorts.debt[0]! / 1e9 - 1).toBeCloseTo(0.00047, 6); // 0.047% of the debt in a day
  });
});

describe('Aave WETH, July 2025 (a10): the pool as the engine sees it', () => {
  const dir = join(__dirname, '..', '..', 'data', 'events', 'a10-aave-weth-run-2025');
  const net = parseNetwork(JSON.parse(readFileSync(join(dir, 'network.json'), 'utf8')), 'a10 network.json');
  const scenario = parseScenario(JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')), 'a10', net);

  it('starts at the reported 86% utilization; the 17.5% run then leaves no idle WETH', () => {
    // 2,161,019 ETH borrowed, 350,000 idle: U = 0.8606. Reported: 86% before 8 Jul (10x Research via
    // cryptothreads.blog), band ±3 pp.
    const { ctx } = simulate(net, { ...scenario, horizonSteps: 1 });
    const aave = ctx.s.names.protocols.indexOf('aave');
    const pool = ctx.s.pools.protocol.indexOf(aave);
    expect(poolUtilization(ctx.s, pool)).toBeCloseTo(2161019 / 2511019, 12);
    expect(Math.abs(poolUtilization(ctx.s, pool) - 0.86)).toBeLessThan(0.03);
    // The run asks for 437.5k ETH (17.5% of 2.5M aWETH) and is paid the 350k idle: 100%, not the 95% reported,
    // which is why the event carries no rate curve (docs/model.md §18).
    const after = simulate(net, { ...scenario, horizonSteps: 2 }).ctx;
    expect(poolUtilization(after.s, pool)).toBe(1);
    expect(idleLiquidity(after, aave)).toBe(0);
  });
});
