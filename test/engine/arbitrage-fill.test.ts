// Conversion-link arbitrage converts its USD volume into units at the trade's average fill (docs/model.md
// §3.11): a large redemption buys fewer units than its volume over the price before the trade.
import { runSimulation } from '../../src/engine/run';
import { unitsAtFill, usdAtFill } from '../../src/engine/stages/arbitrage';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { daiRedeemRaw } from '../helpers/dai-redeem';

/** DAI redeemable 1:1 for USDC at a converter holding 1B USDC; DAI $1M deep at 2%, USDC $1T (it barely moves). */
function network() {
  return parseNetwork(
    daiRedeemRaw({
      name: 'redeem-fill',
      link: { from: 'USDC', to: 'DAI', rate: 1, fee: 0, direction: 'redeem', converter: 'maker' },
      liquidity: [
        { asset: 'USDC', depthUsd2pct: '1000000000000', resilienceHalfLifeSec: 60 },
        { asset: 'DAI', depthUsd2pct: '1000000', resilienceHalfLifeSec: 60 },
      ],
      makerUsdc: '1000000000',
    }),
    'redeem-fill.json',
  );
}

describe('conversion-link arbitrage at the average fill', () => {
  it('units along the exponential impact curve, and back', () => {
    // D = 1M / -ln(0.98); buying ln(1 / 0.6) x D USD from 0.6 ends at 1 and fills D x (1 - 0.6) / 0.6 units.
    const D = 1e6 / -Math.log(0.98);
    const usd = Math.log(1 / 0.6) * D;
    expect(unitsAtFill(usd, 0.6, D, true)).toBeCloseTo((D * 0.4) / 0.6, 6);
    expect(usdAtFill((D * 0.4) / 0.6, 0.6, D, true)).toBeCloseTo(usd, 6);
    // Selling as much from 1 ends at 0.6 and must sell D x (1 / 0.6 - 1) units: D x 0.4 / 0.6 again.
    expect(unitsAtFill(usd, 1, D, false)).toBeCloseTo(D * (1 / 0.6 - 1), 6);
    expect(usdAtFill(D * (1 / 0.6 - 1), 1, D, false)).toBeCloseTo(usd, 6);
    // Small trades: usd / p.
    expect(unitsAtFill(1, 0.6, D, true)).toBeCloseTo(1 / 0.6, 6);
    expect(unitsAtFill(1, 0.6, D, false)).toBeCloseTo(1 / 0.6, 6);
  });

  it('a $20M sale of DAI is redeemed for the units that lift it back, not for $20M at its low', () => {
    const net = network();
    const scenario = parseScenario(
      {
        format: 'contagion/scenario@1',
        name: 'DAI sold',
        stepSeconds: 60,
        horizonSteps: 1,
        quietSteps: 0,
        events: [{ type: 'sale', asset: 'DAI', atStep: 0, usd: '20000000' }],
      },
      'redeem-fill-scenario.json',
      net,
    );
    const { ctx } = runSimulation(net, scenario);
    const s = ctx.s;
    const maker = s.names.protocols.indexOf('maker');
    const usdc = s.names.assets.indexOf('USDC');
    let held = NaN;
    for (let h = s.protocols.holdStart[maker]!; h < s.protocols.holdStart[maker + 1]!; h++)
      if (s.protocols.holdAsset[h] === usdc) held = s.protocols.holdAmount[h]!;
    const paid = 1e9 - held;
    // The sale takes DAI to p0 = exp(-20M / D); buying it back to 1 fills D (1 - p0) / p0 units, the USDC paid out
    // (USDC's side moves by a part in 1e6: its depth is 1e6 times DAI's).
    const D = 1e6 / -Math.log(0.98);
    const p0 = Math.exp(-20e6 / D);
    expect(paid / ((D * (1 - p0)) / p0)).toBeCloseTo(1, 4);
    // Converting at the price before the trade would pay 20M / p0 = 1.34 x as much.
    expect(paid).toBeLessThan((0.9 * 20e6) / p0);
  });
});
