// Arbitrage across conversion links: the band rule with exact numbers, and the sample's crash run.
import { join } from 'node:path';
import { linkBand } from '../../src/engine/link-flows';
import { simulate } from '../../src/engine/run';
import { arbitrageUsd } from '../../src/engine/stages/arbitrage';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';

describe('the no-arbitrage band of a link', () => {
  it('an instant two-way link keeps the price within its fees', () => {
    // A PSM at 1:1 with 0.1% fees each way (the Dec 2020 launch fees of PSM-USDC-A, tin = tout = 0.1%).
    const band = linkBand(1, 1, 0.001, true, true);
    expect(band.hi).toBeCloseTo(1.001, 15);
    expect(band.lo).toBeCloseTo(0.999, 15);
  });

  it('a delayed redemption floors the price at its carry', () => {
    // Lido's withdrawal queue: 5 days at most (help.lido.fi), 5% a year: 1 x exp(-0.05 x 5/365) = 0.99931530...
    const band = linkBand(1, 1, 0, false, true, 5 * 86400, 0.05);
    expect(band.lo).toBeCloseTo(Math.exp(-0.05 * (5 / 365)), 15);
    expect(band.lo).toBeCloseTo(0.9993153, 7);
    expect(band.hi).toBe(Infinity);
  });

  it('moves both sides: x = ln(p / edge) / (1/Dto + 1/Dfrom)', () => {
    // 2% above the edge, $1M of depth per unit of log price on each side: x = ln(1.02) / 2e-6 = $9,901.32.
    const x = arbitrageUsd(1.02, 1, 1e6, 1e6);
    expect(x).toBeCloseTo(Math.log(1.02) / 2e-6, 6);
    expect(x).toBeCloseTo(9901.32, 1);
    // A side without depth does not move: all of the gap is closed on the other.
    expect(arbitrageUsd(1.02, 1, 1e6, 0)).toBeCloseTo(Math.log(1.02) * 1e6, 6);
    expect(arbitrageUsd(1, 1, 1e6, 1e6)).toBe(0);
  });
});

describe('ETH -30% over an hour on the sample network', () => {
  const DATA = join(__dirname, '..', '..', 'data');
  const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
  const sc = parseScenario(
    readJsonFile(join(DATA, 'scenarios', 'eth-crash-30pct.json')),
    'eth-crash-30pct.json',
    net,
  );
  const { ctx, result } = simulate(net, sc);
  const ids = ctx.s.names.assets;
  const path = ctx.stats.pricePath;
  const at = (id: string) => ids.indexOf(id);

  it('keeps USDC and DAI inside their mint and PSM bands at every step', () => {
    // Circle Mint 1:1 without fee (circle-svb-blog) and LITE-PSM-USDC-A 1:1 without fee (sky-spells-config):
    // both bands are [1, 1]; what is left after a step's last trades is under 1e-4.
    for (const id of ['USDC', 'DAI']) {
      for (const prices of path) {
        expect(prices[at(id)]!).toBeLessThan(1 + 1e-4);
        expect(prices[at(id)]!).toBeGreaterThan(1 - 1e-4);
      }
    }
  });

  it('has liquidators mint the USDC they repay at Circle, the cheaper route: supply and cash grow alike', () => {
    const P = ctx.s.protocols;
    const circle = ctx.s.names.protocols.indexOf('circle');
    const usdc = at('USDC');
    let supply = NaN;
    for (let i = P.issueStart[circle]!; i < P.issueStart[circle + 1]!; i++)
      if (P.issueAsset[i] === usdc) supply = P.issueSupply[i]!;
    let cash = NaN;
    for (let h = P.holdStart[circle]!; h < P.holdStart[circle + 1]!; h++)
      if (P.holdAsset[h] === at('USD-cash')) cash = P.holdAmount[h]!;
    // 76.0B USDC issued and $17.5B of cash before the run (est-issuer-supplies, est-usd-cash).
    expect(supply - 76e9).toBeGreaterThan(1e6);
    expect(cash - 17.5e9).toBeCloseTo(supply - 76e9, 0);
  });

  it('ends with wstETH within 2% of its backing', () => {
    // The worst stETH discount measured on-chain was about 6%, before withdrawals existed (steth-2022);
    // with the withdrawal queue the floor is 1 x exp(-0.05 x 5/365).
    const last = path[path.length - 1]!;
    expect(last[at('wstETH')]! / (1.215 * last[at('ETH')]!)).toBeGreaterThan(0.98);
  });

  it("cuts Hyperliquid's bad debt below the $164M of a market without a USDC mint link", () => {
    // On 10 Oct 2025 Hyperliquid liquidated $10.2B with no bad debt (hyperliquid-oct10).
    const hl = result.protocols.find((p) => p.id === 'hyperliquid')!;
    expect(Number(hl.badDebtUsd)).toBeLessThan(50e6);
  });
});

describe("an 8.25% reserve loss at Circle (March 2023's SVB share, usdc-svb-nansen)", () => {
  const DATA = join(__dirname, '..', '..', 'data');
  const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
  const run = (redemptionsOpen: boolean, extra: { type: string; [key: string]: unknown }[] = []) => {
    const raw = readJsonFile(join(DATA, 'scenarios', 'usdc-issuer-loss.json')) as {
      events: { type: string }[];
    };
    if (redemptionsOpen) raw.events = raw.events.filter((e) => e.type !== 'link');
    raw.events.push(...extra);
    const { ctx, result } = simulate(net, parseScenario(raw, 'usdc-issuer-loss.json', net));
    const ids = ctx.s.names.assets;
    const last = ctx.stats.pricePath[ctx.stats.pricePath.length - 1]!;
    const P = ctx.s.protocols;
    const holding = (protocol: string, asset: string) => {
      const p = ctx.s.names.protocols.indexOf(protocol);
      for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++)
        if (P.holdAsset[h] === ids.indexOf(asset)) return P.holdAmount[h]!;
      return NaN;
    };
    const issued = (protocol: string, asset: string) => {
      const p = ctx.s.names.protocols.indexOf(protocol);
      for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++)
        if (P.issueAsset[k] === ids.indexOf(asset)) return P.issueSupply[k]!;
      return NaN;
    };
    return { price: (id: string) => last[ids.indexOf(id)]!, holding, issued, result };
  };

  it('with redemptions suspended for the weekend, USDC and DAI fall together below what Circle recovers', () => {
    // Circle: $76.15B of reserves less the $6.27B loss, against 76.0B USDC: (76.15 - 6.27) / 76 = 0.919474.
    // Closed, holders sell 4.3% below that (the scenario's discount, docs/model.md §16): 0.919474 x 0.957 =
    // 0.879937, inside the measured 0.88 +/- 0.03 of March 2023 (Nansen: USDC and DAI at $0.88).
    const r = run(false);
    expect(r.price('USDC')).toBeCloseTo(((76.15 - 6.27) / 76) * (1 - 0.043), 6);
    expect(r.price('DAI')).toBeCloseTo(r.price('USDC'), 6);
    for (const id of ['USDC', 'DAI', 'USDS']) {
      expect(r.result.assets.find((a) => a.id === id)!.minPriceUsd).toBeGreaterThan(0.85);
      expect(r.result.assets.find((a) => a.id === id)!.minPriceUsd).toBeLessThan(0.91);
    }
    // The PSM takes the falling USDC in for DAI (3.3B before), as $2.2B went into Maker's PSM in 2023 (Nansen).
    expect(r.holding('sky', 'USDC')).toBeGreaterThan(3.3e9);
  });

  it("with redemptions open, USDC is redeemed at par and Circle's cash drains by the arbitrage volume", () => {
    const r = run(true);
    expect(r.price('USDC')).toBeCloseTo(1, 9);
    expect(r.price('DAI')).toBeCloseTo(1, 9);
    // The redeem bound lifts USDC from Circle's recovery to par with D x mu x ln(1 / rec) USD (docs/model.md
    // §3.8): D = ($45M + $38M + $150M) / -ln(0.98), mu = 0.454 (Gauntlet's depth fall), each unit paid from
    // Circle's USD-cash (17.5B before). Paying at par lowers the recovery further; the final one gives the total.
    const rec = r.result.protocols.find((p) => p.id === 'circle')!.recovery;
    const volume = (233e6 / -Math.log(0.98)) * 0.454 * Math.log(1 / rec);
    expect((17.5e9 - r.holding('circle', 'USD-cash')) / volume).toBeCloseTo(1, 2);
    // DAI never trades below USDC, so nothing is redeemed at the PSM: its USDC is what it was.
    expect(r.holding('sky', 'USDC')).toBe(3.3e9);
  });

  it('with redemptions open and DAI sold 3% below USDC, the PSM pays the redemptions out of its USDC', () => {
    const r = run(true, [{ type: 'price', asset: 'DAI', atStep: 6, path: { shape: 'gap', change: -0.03 } }]);
    const paid = 3.3e9 - r.holding('sky', 'USDC');
    // Booked against its reserve: the USDC paid out is the DAI and USDS the PSM burned (1:1, no fee).
    const burned = 4.6e9 - r.issued('sky', 'DAI') + (5e9 - r.issued('sky', 'USDS'));
    expect(paid).toBeCloseTo(burned, 0);
    // At least the volume that closes DAI's gap through this link alone, x = ln(1 / 0.97) / (1/D_DAI +
    // 1/D_USDC) USD at 0.97 (§3.11): D_DAI = $35M x 0.5 / -ln(0.98), D_USDC = $233M x 0.454 / -ln(0.98); the
    // DAI<->USDS converter carries part of USDS's arbitrage to DAI as well.
    const d = (usd2pct: number) => usd2pct / -Math.log(0.98);
    const x = Math.log(1 / 0.97) / (1 / d(35e6 * 0.5) + 1 / d(233e6 * 0.454));
    expect(paid).toBeGreaterThan(x / 0.97);
    expect(paid).toBeLessThan(3.3e9);
  });
});
