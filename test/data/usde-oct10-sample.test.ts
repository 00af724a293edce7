// USDe sold into the exchanges' book on the sample network, shaped like 10 Oct 2025 (docs/model.md §22): the
// book falls to about 0.65 while the Ethereum pools stay near peg, and no lender's USDe or sUSDe position is
// liquidated. Measured (event-outcomes A11 rows 9, 10, 14; Ethena forum
// https://gov.ethenafoundation.com/t/usde-analysis-during-the-oct-10th-11th-volatility-event/706): USDe 0.65 on
// Binance only, Curve/Uniswap/Fluid within 0.3% of peg, Aave's oracle 0.99-1.00, about $50k of USDe/sUSDe
// liquidations on Aave.
import { join } from 'node:path';
import { runSimulation } from '../../src/engine/run';
import { findBook } from '../../src/engine/venue-books';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile } from '../../src/model/read-file';

const NETWORK = join(__dirname, '..', '..', 'data', 'networks', 'ethereum-2025-10.json');
const raw = () => readJsonFile(NETWORK) as Record<string, any>;

/**
 * The sale: $640M of USDe at once on the exchanges' book, the amount that takes a $30M-at-2% book to 0.65
 * (ln(1 / 0.65) x 30M / -ln(0.98) = $640M; an input sized on row 9, below the more than 780M USDe traded in the
 * window, row 11). 90 one-minute steps (the depeg lasted about 90 min, row 11). Arbitrage from the book to the
 * pools: $250k (Curve) and $100k (Uniswap) a step, 15 steps in transit (est-usde-venue-arbitrage, assumptions).
 */
function run(net: Record<string, any>) {
  const network = parseNetwork(net, 'ethereum-2025-10.json');
  const scenario = parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'USDe sold into the exchanges, 10 Oct 2025',
      stepSeconds: 60,
      horizonSteps: 90,
      quietSteps: 0,
      events: [{ type: 'sale', asset: 'USDe', atStep: 0, usd: '640000000', venue: 'cex-aggregate' }],
    },
    'usde-oct10.json',
    network,
  );
  const { ctx } = runSimulation(network, scenario);
  const s = ctx.s;
  const usde = s.names.assets.indexOf('USDe');
  const low = (venue: string) => s.venues.minPrice[findBook(s.venues, usde, venue)]!;
  const protocol = (id: string) => s.names.protocols.indexOf(id);
  const liquidated = (id: string) => ctx.stats.liquidatedUsd[protocol(id)]!;
  const badDebt = s.names.protocols.map((id, p) => [id, ctx.stats.badDebtUsd[p]!] as const);
  const assetLow = (id: string) => s.assets.minPrice[s.names.assets.indexOf(id)]!;
  return { low, liquidated, badDebt, assetLow };
}

describe('USDe sold into the exchanges on the sample network (10 Oct 2025, A11)', () => {
  const r = run(raw());

  it('takes the exchanges to about 0.65 and leaves the Ethereum pools near peg', () => {
    // Row 9: 0.65 on Binance (x/÷1.3; the sale is sized on it, so the band is kept tight).
    expect(r.low('cex-aggregate')).toBeGreaterThan(0.6);
    expect(r.low('cex-aggregate')).toBeLessThan(0.7);
    // Row 10: within 0.3% on-chain (±3 pp); the run gives 0.9974 on both pools.
    expect(r.low('curve')).toBeGreaterThanOrEqual(0.98);
    expect(r.low('uniswap')).toBeGreaterThanOrEqual(0.98);
  });

  it("liquidates almost nothing of Aave's USDe and sUSDe positions, and no lender has bad debt", () => {
    // Row 14: about $50k (x/÷3, near 0); bound $5M. Aave reads USDe as USDT and sUSDe as rate x USDT/USD
    // (aave-usde-oracle): the exchanges' price never reaches it.
    expect(r.liquidated('aave-v3-core')).toBeLessThan(5e6);
    expect(r.liquidated('morpho-susde-usdc-915')).toBeLessThan(5e6);
    expect(r.badDebt.filter(([, usd]) => usd > 0)).toEqual([]);
  });

  it("keeps sUSDe at its rate over the pools' USDe: its links trade USDe on-chain", () => {
    // 1.19 x the pools' price (>= 0.997) less the cooldown's 0.1%: above 1.18.
    expect(r.assetLow('sUSDe')).toBeGreaterThan(1.18);
    // Without venues on the links, sUSDe's par reads USDe's market price, the depth-weighted mean over all
    // books (the exchanges' book weighs 30 / 85): 1.19 x 0.876 = 1.04 before the cooldown floor lifts it.
    const net = raw();
    for (const c of net.convertibility) delete c.venues;
    expect(run(net).assetLow('sUSDe')).toBeLessThan(1.1);
  });

  it("with Aave's sUSDe feed read as rate x USDe's market price instead, Aave's sUSDe e-mode is liquidated", () => {
    // The difference a rate over a proxy makes: 1.19 x 0.876 is 12% below the feed's 1.19, past the e-mode's
    // 92% threshold for every cohort up to health 1.07.
    const net = raw();
    for (const o of net.oracles)
      if (o.id === 'aave-capo-susde' || o.id === 'aave-pt-susde-linear') delete o.proxyAsset;
    expect(run(net).liquidated('aave-v3-core')).toBeGreaterThan(1e8);
  });
});
