// The engine's fixed conventions, each in one place.

/**
 * Tie rule: a protocol whose resources exactly equal its liabilities is solvent (recovery 1), and a
 * position whose health factor is exactly 1 is not liquidatable. Defaults and liquidations need a strict
 * shortfall. Kept as one constant so tests and docs point here.
 */
export const TIE_IS_DEFAULT = false;

/** -ln(0.98): the depth that moves a price 2% is D * 0.0202..., so D = depthUsd2pct / DEPTH_LN. */
export const DEPTH_LN = -Math.log(0.98);

/** Half-life used for an asset traded on no venue (its price gaps still decay). */
export const DEFAULT_HALF_LIFE_SEC = 600;

/** An impact multiplier within this of 1 is 1: moves below a billionth are dropped (they cost a revaluation of
 * every holder and loan of the asset, and are worth less than a dollar per billion). */
export const IMPACT_NOISE = 1e-9;

/** Relative tolerance of the clearing iteration. */
export const CLEARING_TOLERANCE = 1e-12;

/** Most rounds of the clearing iteration before it reports non-convergence. */
export const CLEARING_MAX_ITERATIONS = 100_000;

/** Collateral below this share of the original is treated as gone (bad debt is written off). */
export const DUST = 1e-12;

/** The ledger counts in cents: every balance-sheet component is rounded to whole cents. */
export const CENTS = 100;

/**
 * A protocol is stressed once it has bad debt, or once its loss beyond its insurance fund exceeds both this
 * share of its initial equity and STRESS_ASSET_SHARE of its initial assets (so that equity held in a
 * volatile asset moving with that asset's price, or a sliver of equity of a pass-through vault, is not by
 * itself stress).
 */
export const STRESS_EQUITY_SHARE = 0.05;
export const STRESS_ASSET_SHARE = 0.001;
