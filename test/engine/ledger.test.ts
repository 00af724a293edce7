// The ledger: rows merge per step, cancelled rows drop out, and the end-of-run check catches any change of
// state that was not booked.
import { checkLedger } from '../../src/engine/ledger-check';
import { InternalError } from '../../src/model/errors';
import { idx, labContext } from '../helpers/lab';

describe('ledger', () => {
  it('merges changes of one protocol from one cause through one channel within a step', () => {
    const ctx = labContext();
    const a = idx(ctx, 'assets', 'COL');
    const P = ctx.s.protocols;
    const h = P.holdStart[idx(ctx, 'protocols', 'issuer')]!;
    P.holdAmount[h] = 900;
    ctx.ledger.revalueHolding(h, 'exogenous', ctx.ledger.event(0));
    P.holdAmount[h] = 800;
    ctx.ledger.revalueHolding(h, 'exogenous', ctx.ledger.event(0));
    P.holdAmount[h] = 850;
    ctx.ledger.revalueHolding(h, 'price', ctx.ledger.asset(a));
    ctx.ledger.flush();
    const rows = ctx.ledger.events.rows(ctx.ledger.causeNames);
    expect(rows.map((r) => [r.channel, r.from, r.cents])).toEqual([
      ['exogenous', 'event:0', -20000 * 100],
      ['price', 'asset:COL', 5000 * 100],
    ]);
    expect(() => checkLedger(ctx)).not.toThrow();
  });

  it('drops rows whose changes cancel out within the step', () => {
    const ctx = labContext();
    const P = ctx.s.protocols;
    const h = P.holdStart[idx(ctx, 'protocols', 'issuer')]!;
    P.holdAmount[h] = 900;
    ctx.ledger.revalueHolding(h, 'exogenous', ctx.ledger.event(0));
    P.holdAmount[h] = 1000;
    ctx.ledger.revalueHolding(h, 'exogenous', ctx.ledger.event(0));
    ctx.ledger.flush();
    expect(ctx.ledger.events.length).toBe(0);
  });

  it('fails the run, naming what, when state changed without being booked', () => {
    const ctx = labContext();
    const P = ctx.s.protocols;
    P.holdAmount[P.holdStart[idx(ctx, 'protocols', 'lender')]!] = 1;
    expect(() => checkLedger(ctx)).toThrow(InternalError);
    expect(() => checkLedger(ctx)).toThrow(/missed a change of the holding of USD by "lender"/);
    const ctx2 = labContext();
    ctx2.s.cohorts.debt[0] = 1;
    expect(() => checkLedger(ctx2)).toThrow(/loans of market "lender\/m"/);
  });
});
