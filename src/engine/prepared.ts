// A network made ready for many runs: its typed-array state and valued ledger built once, copied for each run.
import { mapFloat64 } from './typed-columns';
import type { Network } from '../model/network';
import { Ledger } from './ledger';
import { buildState, type EngineState } from './state';

/**
 * The pristine state and ledger of a network at a step length. Never run itself: each run that is given it
 * starts from copies (typed arrays copied, index tables shared), which skips sorting, id lookups, decimal
 * conversions and the first valuation of every balance sheet.
 */
export interface PreparedNetwork {
  readonly network: Network;
  readonly stepSeconds: number;
  readonly state: EngineState;
  readonly ledger: Ledger;
  /** Per protocol: assets at initial prices (USD), shared read-only by the runs. */
  readonly initialAssetsUsd: Float64Array;
}

/** Assets of each protocol at initial prices: equity + liabilities (booked components, in USD). */
export function initialAssets(ledger: Ledger, s: EngineState): Float64Array {
  const P = s.protocols;
  return mapFloat64({ length: P.n }, (_, p) => {
    let issued = 0;
    for (let k = P.issueStart[p]!; k < P.issueStart[p + 1]!; k++) issued += ledger.issueCents[k]!;
    return (ledger.initialEquityCents[p]! - ledger.fixedCents[p]! + ledger.extCents[p]! + issued) / 100;
  });
}

export function prepareNetwork(network: Network, stepSeconds: number): PreparedNetwork {
  const state = buildState(network, { stepSeconds });
  const ledger = new Ledger(state, 0);
  ledger.loans.sortAll();
  return { network, stepSeconds, state, ledger, initialAssetsUsd: initialAssets(ledger, state) };
}
