// The peg stage skips an asset whose inputs are unchanged (docs/model.md §3.8); a scenario event that closes,
// reopens or re-times one of its links changes its band, so the asset is set again.
import { runSimulation } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { daiRedeemRaw } from '../helpers/dai-redeem';

/**
 * DAI's issuer holds 999.5M USDC for 1000M DAI (recovery 0.9995); its redemption for USDC takes 7 days at 5% a
 * year, a floor of exp(-0.05 x 7 / 365) = 0.99904, below the recovery: the link bounds nothing and settles. The
 * link names no converter and USDC has no venue, so no balance sheet, USDC price or recovery moves when it
 * trades: only the link's own change can set DAI again.
 */
function network() {
  return parseNetwork(
    daiRedeemRaw({
      name: 'peg-quiet',
      link: {
        id: 'dai-redeem',
        from: 'USDC',
        to: 'DAI',
        rate: 1,
        fee: 0,
        direction: 'redeem',
        delaySec: 604800,
        costOfCapital: 0.05,
      },
      liquidity: [{ asset: 'DAI', depthUsd2pct: '1000000', resilienceHalfLifeSec: 60 }],
      makerUsdc: '999500000',
    }),
    'peg-quiet.json',
  );
}

function daiAfter(events: unknown[]) {
  const net = network();
  const scenario = parseScenario(
    { format: 'contagion/scenario@1', name: 'q', stepSeconds: 60, horizonSteps: 6, quietSteps: 0, events },
    'peg-quiet-scenario.json',
    net,
  );
  const { ctx } = runSimulation(net, scenario);
  return ctx.s.assets.fundamental[ctx.s.names.assets.indexOf('DAI')]!;
}

describe('the peg stage sees a link event on a settled link', () => {
  it('without an event DAI stays at its recovery, inside the delayed floor', () => {
    // The event resizes the link's throughput only (unbounded either way): nothing changes.
    expect(
      daiAfter([{ type: 'link', link: 'dai-redeem', atStep: 3, capacityPerDay: '1000000000000' }]),
    ).toBeCloseTo(0.9995, 9);
  });

  it('a redemption made instant at step 3 floors DAI at par at once', () => {
    // Floor exp(0) = 1: with no capacity limit the bound lifts DAI from 0.9995 to 1.
    const dai = daiAfter([{ type: 'link', link: 'dai-redeem', atStep: 3, delaySec: 0 }]);
    expect(dai).toBeCloseTo(1, 12);
  });

  it('a link closed with no discount at step 1, reopened instant at step 3, floors DAI at par again', () => {
    const dai = daiAfter([
      { type: 'link', link: 'dai-redeem', atStep: 1, open: false, delaySec: 0 },
      { type: 'link', link: 'dai-redeem', atStep: 3, open: true },
    ]);
    expect(dai).toBeCloseTo(1, 12);
  });
});
