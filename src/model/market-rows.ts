// Markets read without the schema when they are plain, the way their cohorts are (model/cohort-rows.ts): a
// generated network has fifty thousand markets, and the schema's object per market, its checks and its
// defaults cost more than everything else a parse does. A plain market has only the fields below (no
// auction), each of the type and in the range the schema accepts; it comes out as the schema would give it:
// the same fields in the schema's order, the same defaults. Anything else, and the caller lets the schema
// parse every market (so every message is the schema's).
import { type CohortTable, defineCohortRows } from './cohort-rows';
import type { Market } from './network';
import { hasOnly, isId, isNote, isRecord, isRef, isUnit, refOf } from './plain-values';
import { Market as MarketSchema } from './schema/network';

/** The schema's own defaults, read from it (so they cannot drift apart). */
const CLOSE_FACTOR = MarketSchema.shape.closeFactor.parse(undefined);
const FULL_LIQUIDATION_HF = MarketSchema.shape.fullLiquidationHf.parse(undefined);

/** The fields of a plain market, in the schema's order (`Market` in schema/network.ts). */
const PLAIN_KEYS = new Set([
  'id',
  'name',
  'collateral',
  'debt',
  'loanToValue',
  'liquidationThreshold',
  'liquidationBonus',
  'closeFactor',
  'fullLiquidationHf',
  'collateralOracle',
  'debtOracle',
  'cohorts',
  'ref',
  'note',
]);

/**
 * The market `v` stands for, as the schema parses it, when it is plain and its cohorts have been split off
 * (absent or an empty list); undefined otherwise. With `rows`, the cohorts split off, its `cohorts` are
 * those rows (`defineCohortRows`).
 */
export function plainMarketOf(v: unknown, rows?: CohortTable): Market | undefined {
  if (!isRecord(v) || !hasOnly(v, PLAIN_KEYS)) return undefined;
  const m = v;
  if (!isId(m.id) || !isId(m.collateral) || !isId(m.debt)) return undefined;
  if (!isId(m.collateralOracle) || !isId(m.debtOracle)) return undefined;
  if (m.name !== undefined && typeof m.name !== 'string') return undefined;
  if (!isUnit(m.loanToValue) || !isUnit(m.liquidationThreshold) || !isUnit(m.liquidationBonus))
    return undefined;
  if (m.closeFactor !== undefined && !isUnit(m.closeFactor)) return undefined;
  if (m.fullLiquidationHf !== undefined && !isUnit(m.fullLiquidationHf)) return undefined;
  if (m.cohorts !== undefined && !(Array.isArray(m.cohorts) && m.cohorts.length === 0)) return undefined;
  if (!isRef(m.ref)) return undefined;
  if (!isNote(m.note)) return undefined;
  const out: Record<string, unknown> = { id: m.id };
  if (m.name !== undefined) out.name = m.name;
  out.collateral = m.collateral;
  out.debt = m.debt;
  out.loanToValue = m.loanToValue;
  out.liquidationThreshold = m.liquidationThreshold;
  out.liquidationBonus = m.liquidationBonus;
  out.closeFactor = m.closeFactor ?? CLOSE_FACTOR;
  out.fullLiquidationHf = m.fullLiquidationHf ?? FULL_LIQUIDATION_HF;
  out.collateralOracle = m.collateralOracle;
  out.debtOracle = m.debtOracle;
  if (rows) defineCohortRows(out as unknown as Market, rows);
  else out.cohorts = [];
  // No refs: one shared empty list (never written to), not a list per market.
  out.ref = refOf(m.ref);
  if (m.note !== undefined) out.note = m.note;
  return out as unknown as Market;
}
