// Price impact (docs/model.md §3.6) and its decay (§3.2): exact values of the formulas.
import { createImpactDecayStage } from '../../src/engine/stages/impact-decay';
import { createPriceImpactStage } from '../../src/engine/stages/price-impact';

const applyPriceImpact = createPriceImpactStage();
import { checkLedger } from '../../src/engine/ledger-check';
import { idx, labContext } from '../helpers/lab';

describe('price impact', () => {
  it('moves the price exactly 2% when the net sale equals depthUsd2pct', () => {
    const ctx = labContext({ depthCol: '250000' });
    const a = idx(ctx, 'assets', 'COL');
    ctx.s.assets.flow[a] = 250000;
    applyPriceImpact(ctx);
    expect(ctx.s.assets.price[a]).toBeCloseTo(98, 10);
  });

  it('compounds: two equal sales move it to 0.98^2, and buying moves it up', () => {
    const ctx = labContext({ depthCol: '250000' });
    const a = idx(ctx, 'assets', 'COL');
    ctx.s.assets.flow[a] = 500000;
    applyPriceImpact(ctx);
    expect(ctx.s.assets.price[a]).toBeCloseTo(100 * 0.98 * 0.98, 10);
    ctx.s.assets.flow[a] = -500000;
    applyPriceImpact(ctx);
    expect(ctx.s.assets.price[a]).toBeCloseTo(100, 10);
  });

  it('scales with the scenario depth multiplier', () => {
    const ctx = labContext({ depthCol: '250000' });
    const a = idx(ctx, 'assets', 'COL');
    ctx.s.assets.depthMultiplier[a] = 0.5;
    ctx.s.assets.flow[a] = 125000;
    applyPriceImpact(ctx);
    expect(ctx.s.assets.price[a]).toBeCloseTo(98, 10);
  });

  it("books the holders' loss to the price channel and keeps the ledger reconciled", () => {
    const ctx = labContext({ depthCol: '250000' });
    const a = idx(ctx, 'assets', 'COL');
    ctx.s.assets.flow[a] = 250000;
    applyPriceImpact(ctx);
    ctx.ledger.flush();
    const issuerLoss = ctx.ledger.events
      .rows(ctx.ledger.causeNames)
      .filter((e) => e.to === idx(ctx, 'protocols', 'issuer'));
    // The issuer holds 1000 COL (-2000 USD) and owes 990 LST at par in COL (+1980 USD).
    expect(issuerLoss.reduce((t, e) => t + e.cents, 0)).toBe(-2000 * 100 + 1980 * 100);
    expect(issuerLoss.every((e) => e.channel === 'price' && e.from === 'asset:COL')).toBe(true);
    expect(() => checkLedger(ctx)).not.toThrow();
  });
});

describe('impact decay', () => {
  it('halves the gap to the fundamental every half-life', () => {
    const ctx = labContext({ halfLifeSec: 12 }); // the lab steps are 12 s
    const a = idx(ctx, 'assets', 'COL');
    ctx.s.assets.impact[a] = 0.9;
    createImpactDecayStage(ctx)(ctx);
    expect(ctx.s.assets.impact[a]).toBeCloseTo(0.95, 12);
    createImpactDecayStage(ctx)(ctx);
    expect(ctx.s.assets.impact[a]).toBeCloseTo(0.975, 12);
    expect(ctx.s.assets.price[a]).toBeCloseTo(97.5, 10);
  });
});
