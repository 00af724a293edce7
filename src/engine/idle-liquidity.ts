// What a protocol can pay withdrawals with right now: its idle liquidity in the deposit asset (docs/model.md
// §19). One small reading, kept behind these functions so that another reading (a lending pool's cash net of
// what borrowers hold) can replace it without touching the run rule.
import type { RunContext } from './context';

/** Every holding slot of every asset (no deposit asset named). */
export const ANY_ASSET = -1;

/** The holding slots of protocol p that count as idle: its holding of the deposit asset, or every holding. */
export function idleSlots(ctx: RunContext, p: number, depositAsset: number): number[] {
  const P = ctx.s.protocols;
  const slots: number[] = [];
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++)
    if (depositAsset === ANY_ASSET || P.holdAsset[h] === depositAsset) slots.push(h);
  return slots;
}

/** USD protocol p could pay out now, at market prices: the value of its idle holding slots. */
export function idleLiquidityUsd(ctx: RunContext, slots: readonly number[]): number {
  let usd = 0;
  for (const h of slots) usd += ctx.ledger.holdingValue(h);
  return usd;
}
