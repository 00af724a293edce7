// What a clearing house's sale of a defaulter's book does to the rest of the network (docs/model.md §25.6):
// the engine runs the shock alone, the shock with the orderly sale, and with the chaotic sale, each sale an
// outside seller's `sale` events (§3.1) of the USD the house sells at each step.
import { runScenario } from '../../engine/run';
import type { Network } from '../../model/network';
import type { ClearingSetup } from '../../model/parse-clearing';
import { parseScenario } from '../../model/parse-scenario';
import type { ClearingComparison, ResolutionCase } from './clearing-house';

export interface SpilloverRun {
  case: 'shock alone' | 'orderly' | 'chaotic';
  /** Realised bad debt of the network's protocols over the run. */
  badDebtUsd: number;
  liquidatedUsd: number;
  insolventProtocols: string[];
  /** Lowest market price over the run of each asset the house sells. */
  minPriceUsd: Record<string, number>;
}

export interface Spillover {
  horizonSteps: number;
  runs: SpilloverRun[];
}

/** The scenario of one case: the shock's price events at step 0, then the house's sales, step by step. */
function scenarioOf(setup: ClearingSetup, rc: ResolutionCase | undefined, horizonSteps: number): unknown {
  const events: unknown[] = setup.shock.map((s) => ({
    type: 'price',
    asset: s.asset,
    atStep: 0,
    path: s.path,
  }));
  for (const m of rc?.sale.markets ?? [])
    m.soldUsd.forEach((usd, k) => {
      // A cent or less sold is no sale (and below the smallest amount a scenario takes).
      if (usd >= 0.01)
        events.push({ type: 'sale', asset: m.asset, atStep: k, usd: Number(usd.toPrecision(15)) });
    });
  // The engine needs one event; a shock-free set-up with nothing sold gets a move of nothing.
  if (events.length === 0)
    events.push({
      type: 'price',
      asset: setup.settlementAsset,
      atStep: 0,
      path: { shape: 'gap', change: 0 },
    });
  return {
    format: 'contagion/scenario@1',
    name: `${setup.name}: ${rc?.kind ?? 'shock alone'}`,
    stepSeconds: setup.resolution.stepSeconds,
    horizonSteps,
    events,
  };
}

/**
 * Runs the network under the shock alone and with each sale, over twice the orderly sale's steps (so both
 * sales are seen over the same horizon, with time for the impact to decay), and reports each run.
 */
export function spillover(
  setup: ClearingSetup,
  cmp: ClearingComparison,
  net: Network,
  file: string,
): Spillover {
  const horizonSteps = 2 * setup.resolution.steps;
  const sold = cmp.orderly.sale.markets.filter((m) => m.units > 0).map((m) => m.asset);
  const cases: [SpilloverRun['case'], ResolutionCase | undefined][] = [
    ['shock alone', undefined],
    ['orderly', cmp.orderly],
    ['chaotic', cmp.chaotic],
  ];
  const runs = cases.map(([kind, rc]): SpilloverRun => {
    const scenario = parseScenario(scenarioOf(setup, rc, horizonSteps), `${file} (${kind})`, net);
    const r = runScenario(net, scenario, { scenarioFile: file });
    const prices = new Map(r.assets.map((a) => [a.id, a.minPriceUsd]));
    return {
      case: kind,
      badDebtUsd: Number(r.summary.badDebtUsd),
      liquidatedUsd: Number(r.summary.liquidatedUsd),
      insolventProtocols: r.summary.insolventProtocols,
      minPriceUsd: Object.fromEntries(sold.map((a) => [a, prices.get(a) ?? NaN])),
    };
  });
  return { horizonSteps, runs };
}
