// Hyperliquid's perp books on the shipped sample network (docs/model.md §15), against what 10 Oct 2025
// measured (event A11): about $10.2B liquidated on Hyperliquid with no bad debt, HLP backstopping the
// positions the book could not take (team post, https://followin.io/feed/20737074; binance.bh,
// https://www.binance.bh/en-TR/square/post/31136358766305), and $1.52B of ETH positions force-closed between
// 21:15 and 21:27 UTC (ConejoCapital/HyperMultiAssetedADL, docs/analysis/TOTAL_IMPACT_ANALYSIS.md).
import { join } from 'node:path';
import type { RunResult } from '../../src/engine/result';
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../../src/model/read-file';

const DATA = join(__dirname, '..', '..', 'data');
const net = readNetworkFile(join(DATA, 'networks', 'ethereum-2025-10.json'));
const run = (name: string): RunResult =>
  runScenario(net, parseScenario(readJsonFile(join(DATA, 'scenarios', name)), name, net));
const protocol = (r: RunResult, id: string) => r.protocols.find((p) => p.id === id)!;
const book = (r: RunResult, id: string) => r.perps!.find((b) => b.id === id)!;

describe('the 10 Oct 2025 shape: BTC -12% and ETH -20% over 30 minutes', () => {
  let r: RunResult;
  beforeAll(() => {
    r = run('perp-cascade-2025-10-10.json');
  });

  it('keeps every liquid-staking token within 2% of its backing at every step', () => {
    // The worst on-chain stETH discount measured was about 6%, in June 2022, before Lido withdrawals existed
    // (event A3); on 10 Oct 2025, with withdrawals open, LSTs held their backing. Backing: peg rate x ETH,
    // with the issuers (Lido, ether.fi) recovering in full throughout.
    const { priceUsd, step } = r.series;
    for (const [lst, issuer] of [
      ['stETH', 'lido'],
      ['wstETH', 'lido'],
      ['weETH', 'etherfi'],
    ] as const) {
      expect(protocol(r, issuer).recovery).toBe(1);
      const rate = net.assets.find((a) => a.id === lst)!.peg!.rate;
      const ratio = step.map((_, k) => priceUsd[lst]![k]! / (rate * priceUsd.ETH![k]!));
      expect(Math.min(...ratio)).toBeGreaterThan(0.98);
    }
  });

  it("leaves Hyperliquid's own bad debt under $1M (measured: none)", () => {
    const hl = protocol(r, 'hyperliquid');
    expect(Number(hl.badDebtUsd)).toBeLessThan(1e6);
    expect(Number(hl.lossUsd)).toBeLessThan(1e6);
    for (const b of r.perps!) expect(Number(b.badDebtUsd)).toBeLessThan(1e6);
  });

  it('has HLP take over what the book cannot absorb, and reports its result and any ADL', () => {
    const eth = book(r, 'hyperliquid/eth-perp');
    const btc = book(r, 'hyperliquid/btc-perp');
    expect(eth.backstop).toBe('hlp');
    expect(Number(eth.backstopTakeoverUsd)).toBeGreaterThan(0);
    expect(Number(btc.backstopTakeoverUsd)).toBeGreaterThan(0);
    // HLP's equity moved by exactly its accounts on the two books (it starts with no position).
    const hlp = protocol(r, 'hlp');
    const pnl = Number(eth.backstopPnlUsd) + Number(btc.backstopPnlUsd);
    expect(-Number(hlp.lossUsd)).toBeCloseTo(pnl, 1);
    // The vault has worked every taken-over position out into the book by the end.
    expect(eth.backstopOpenUsd).toBe('0.00');
    expect(btc.backstopOpenUsd).toBe('0.00');
    // HLP never ran out of equity here, so nothing was deleveraged or socialized.
    expect(eth.adlVolumeUsd).toBe('0.00');
    expect(eth.socializedLossUsd).toBe('0.00');
  });

  it('force-closes ETH positions within x/÷1.5 of the $1.52B measured on Hyperliquid', () => {
    const liquidated = Number(book(r, 'hyperliquid/eth-perp').liquidatedUsd);
    expect(liquidated).toBeGreaterThan(1.52e9 / 1.5);
    expect(liquidated).toBeLessThan(1.52e9 * 1.5);
  });
});

describe('the same with HLP cut to $20M', () => {
  it('spends the vault, then deleverages profitable shorts at the bankruptcy price, with no bad debt', () => {
    const raw = readJsonFile(join(DATA, 'networks', 'ethereum-2025-10.json')) as {
      protocols: {
        id: string;
        holdings?: { amount: string }[];
        issues?: { asset: string; supply: string }[];
      }[];
    };
    const hlp = raw.protocols.find((p) => p.id === 'hlp')!;
    hlp.holdings![0]!.amount = '20000000';
    // The venue holds HLP's USDC and owes it back as USDC-HL: 360M less of both keeps its equity at 0.
    const venue = raw.protocols.find((p) => p.id === 'hyperliquid')!;
    venue.holdings![0]!.amount = '4840000000';
    venue.issues!.find((i) => i.asset === 'USDC-HL')!.supply = '4840000000';
    const small = parseNetwork(raw, 'small-hlp.json');
    const name = 'perp-cascade-2025-10-10.json';
    const r = runScenario(small, parseScenario(readJsonFile(join(DATA, 'scenarios', name)), name, small));
    const eth = book(r, 'hyperliquid/eth-perp');
    expect(Number(eth.backstopTakeoverUsd)).toBeGreaterThan(0);
    expect(Number(eth.adlVolumeUsd)).toBeGreaterThan(0);
    expect(Number(eth.socializedLossUsd)).toBeGreaterThan(0);
    expect(Number(protocol(r, 'hyperliquid').badDebtUsd)).toBeLessThan(1e6);
    // 10 Oct 2025: $2.10B of ADL against $5.51B of liquidations on Hyperliquid (A11): ADL is a large share.
    const adl = r.perps!.reduce((t, b) => t + Number(b.adlVolumeUsd), 0);
    const liquidated = r.perps!.reduce((t, b) => t + Number(b.liquidatedUsd), 0);
    expect(adl / liquidated).toBeGreaterThan(0.1);
  });
});

describe('the default run: ETH -30% over an hour', () => {
  it("leaves Hyperliquid's bad debt under $1M", () => {
    const r = run('eth-crash-30pct.json');
    const hl = protocol(r, 'hyperliquid');
    expect(Number(hl.badDebtUsd)).toBeLessThan(1e6);
    expect(hl.status).toBe('healthy');
    expect(Number(book(r, 'hyperliquid/eth-perp').liquidatedUsd)).toBeGreaterThan(0);
  });
});
