// The early-warning signal kinds (docs/model.md §21): their names, what each is measured on, the default
// threshold of each and the weights of the composite. Read by the scenario format (signal triggers) and the engine.

/** Every signal kind, in report order; `composite` is last and reads the others. */
export const SIGNAL_KINDS = [
  'peg-discount',
  'backing-spread',
  'oracle-gap',
  'depth-lost',
  'utilization',
  'liquidations',
  'insurance-drawdown',
  'funding-deviation',
  'composite',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** What a signal is measured on. */
export type SignalTargetKind = 'asset' | 'oracle' | 'market' | 'protocol' | 'perp-book';

export const SIGNAL_TARGET: Record<SignalKind, SignalTargetKind> = {
  'peg-discount': 'asset',
  'backing-spread': 'asset',
  'oracle-gap': 'oracle',
  'depth-lost': 'asset',
  utilization: 'market',
  liquidations: 'protocol',
  'insurance-drawdown': 'protocol',
  'funding-deviation': 'perp-book',
  composite: 'protocol',
};

/** The level at or above which a signal is said to have crossed (docs/model.md §21 gives each its reason). */
export const SIGNAL_THRESHOLDS: Record<SignalKind, number> = {
  'peg-discount': 0.02,
  'backing-spread': 0.02,
  'oracle-gap': 0.02,
  'depth-lost': 0.5,
  utilization: 0.9,
  liquidations: 0.01,
  'insurance-drawdown': 0.5,
  'funding-deviation': 0.0005,
  composite: 0.5,
};

/**
 * Weights of the composite: the sum of w_k · min(1, x_k / threshold_k) over the other kinds (they sum to 1). The
 * funding deviation has weight 0: only protocols with perp books have it, and a weight taken from the others
 * would cap every other protocol's composite below 1.
 */
export const COMPOSITE_WEIGHTS: Record<Exclude<SignalKind, 'composite'>, number> = {
  'peg-discount': 0.2,
  'backing-spread': 0.1,
  'oracle-gap': 0.15,
  'depth-lost': 0.05,
  utilization: 0.15,
  liquidations: 0.2,
  'insurance-drawdown': 0.15,
  'funding-deviation': 0,
};
