// Static against dynamic margins and risk controllers (docs/model.md §20): the same scenario with the network's
// own thresholds, with its dynamic margins, with each controller alone and with all of them, on one run or on
// the same seeded Monte Carlo price paths; bad debt beside the liquidations the defences' tightening forced.
import type { RunResult } from '../engine/result';
import { runScenario } from '../engine/run';
import { UsageError } from '../model/errors';
import type { AddedFailure } from './breaker-test';
import type { Severity } from './jump-diffusion';
import { monteCarloPaths, PathRunner, planMonteCarlo, tail } from './monte-carlo';
import { outcomeOf, parseJob, type RunOutcome, type SweepBase } from './sweep';

export const DEFENCES_FORMAT = 'contagion/defences-test@1';

export interface DefenceMonteCarlo {
  paths: number;
  seed: number;
  asset: string;
  severity: Severity;
}

/** One variant of the comparison over its runs (one run, or every Monte Carlo path). */
export interface DefenceRow {
  /** `static`, `margins`, a controller id, or `all`. */
  label: string;
  /** Causes of the defences on in this variant (`margins:<id>`, `controller:<id>`). */
  defences: string[];
  runs: number;
  badDebtMeanUsd: number;
  /** Value at risk of bad debt at 95% (the one run's bad debt without Monte Carlo). */
  badDebtVar95Usd: number;
  liquidatedMeanUsd: number;
  /** Debt repaid by liquidations only the defences' tightening made possible, mean over runs. */
  forcedLiquidatedMeanUsd: number;
  /** Share of runs in which some protocol ends insolvent, and stressed or insolvent. */
  pInsolvent: number;
  pStressed: number;
  /** Mean bad debt against the static variant's (positive: more with the defences). */
  badDebtChangeUsd: number;
  /** More mean bad debt, or a higher chance of an insolvency, than with static margins. */
  worse: boolean;
  /**
   * Without Monte Carlo: protocols that fail, or fail worse, only with this variant's defences, with their
   * realised paths (a path ending at `margins:<id>` or `controller:<id>` is one the defence's action caused).
   */
  addedFailures: AddedFailure[];
}

export interface DefenceComparison {
  format: typeof DEFENCES_FORMAT;
  network: string;
  scenario: string;
  monteCarlo: DefenceMonteCarlo | null;
  rows: DefenceRow[];
}

interface RawDefences {
  dynamicMargins?: { id: string }[];
  controllers?: { id: string }[];
}

interface Variant {
  label: string;
  margins: boolean;
  controllers: string[];
}

/** The base scenario with only the defences of a variant kept. */
function variantBase(base: SweepBase, v: Variant): SweepBase {
  const raw = base.scenario as RawDefences & Record<string, unknown>;
  return {
    ...base,
    scenario: {
      ...raw,
      dynamicMargins: v.margins ? (raw.dynamicMargins ?? []) : [],
      controllers: (raw.controllers ?? []).filter((c) => v.controllers.includes(c.id)),
    },
  };
}

/** Every variant: static, the dynamic margins, each controller alone, and all (when there are several parts). */
function variantsOf(raw: RawDefences): { variants: Variant[]; causes: Map<string, string[]> } {
  const margins = (raw.dynamicMargins ?? []).map((d) => d.id);
  const controllers = (raw.controllers ?? []).map((c) => c.id);
  if (margins.length + controllers.length === 0)
    throw new UsageError('no defences to compare: give a scenario with dynamicMargins or controllers');
  const variants: Variant[] = [{ label: 'static', margins: false, controllers: [] }];
  if (margins.length > 0) variants.push({ label: 'margins', margins: true, controllers: [] });
  for (const c of controllers) variants.push({ label: c, margins: false, controllers: [c] });
  if ((margins.length > 0 ? 1 : 0) + controllers.length > 1)
    variants.push({ label: 'all', margins: true, controllers });
  const causes = new Map(
    variants.map((v) => [
      v.label,
      [
        ...(v.margins ? margins.map((id) => `margins:${id}`) : []),
        ...v.controllers.map((id) => `controller:${id}`),
      ],
    ]),
  );
  return { variants, causes };
}

/**
 * Runs every variant of the scenario's defences, once each, or on the same `monteCarlo.paths` seeded price paths
 * (path i is the same draw in every variant), and compares each with static margins.
 */
export function compareDefences(base: SweepBase, monteCarlo?: DefenceMonteCarlo): DefenceComparison {
  const { network, scenario } = parseJob(base);
  const { variants, causes } = variantsOf(base.scenario as RawDefences);
  const runs = variants.map((v) => runVariant(variantBase(base, v), monteCarlo));
  const rows = variants.map((v, i) => summarise(v.label, causes.get(v.label)!, runs[i]!.outcomes));
  const first = rows[0]!;
  const staticRun = runs[0]!.result;
  rows.forEach((r, i) => {
    r.badDebtChangeUsd = cents(r.badDebtMeanUsd - first.badDebtMeanUsd);
    r.worse = r.label !== 'static' && (r.badDebtChangeUsd > 0 || r.pInsolvent > first.pInsolvent);
    const result = runs[i]!.result;
    if (i > 0 && result && staticRun) r.addedFailures = addedFailures(result, staticRun);
  });
  return {
    format: DEFENCES_FORMAT,
    network: network.name,
    scenario: scenario.name,
    monteCarlo: monteCarlo ?? null,
    rows,
  };
}

/** The outcomes of one variant: its one run (with its result), or one per Monte Carlo path. */
function runVariant(
  base: SweepBase,
  mc: DefenceMonteCarlo | undefined,
): { outcomes: RunOutcome[]; result?: RunResult } {
  if (!mc) {
    const { network, scenario } = parseJob(base);
    const result = runScenario(network, scenario);
    return { outcomes: [outcomeOf(result.summary)], result };
  }
  const plan = planMonteCarlo(base, mc);
  const runner = new PathRunner(plan.spec);
  const outcomes: RunOutcome[] = [];
  let i = 0;
  for (const changes of monteCarloPaths(plan)) outcomes.push(runner.run(i++, changes));
  return { outcomes };
}

// A paper loss is no failure (docs/model.md §16): it ranks with healthy.
const RANK = { healthy: 0, 'paper-loss': 0, stressed: 1, insolvent: 2 } as const;

/** Failures of `r` worse than the protocol's status in the static run, in time order, with their paths. */
function addedFailures(r: RunResult, statics: RunResult): AddedFailure[] {
  const without = new Map(statics.protocols.map((p) => [p.id, p.status] as const));
  return r.failures
    .filter((f) => RANK[f.status] > RANK[without.get(f.protocol) ?? 'healthy'])
    .map((f) => ({
      protocol: f.protocol,
      status: f.status,
      statusWithout: without.get(f.protocol) ?? 'healthy',
      step: f.step,
      path: f.path,
    }));
}

const cents = (x: number) => Math.round(x * 100) / 100;

function summarise(label: string, defences: string[], outcomes: readonly RunOutcome[]): DefenceRow {
  const n = outcomes.length;
  const mean = (xs: number[]) => cents(xs.reduce((s, x) => s + x, 0) / n);
  const bad = outcomes.map((o) => Number(o.badDebtUsd));
  return {
    label,
    defences,
    runs: n,
    badDebtMeanUsd: mean(bad),
    badDebtVar95Usd: cents(tail(bad, 0.95).valueAtRisk),
    liquidatedMeanUsd: mean(outcomes.map((o) => Number(o.liquidatedUsd))),
    forcedLiquidatedMeanUsd: mean(outcomes.map((o) => Number(o.forcedLiquidatedUsd ?? 0))),
    pInsolvent: outcomes.filter((o) => o.insolventProtocols.length > 0).length / n,
    pStressed:
      outcomes.filter((o) => o.insolventProtocols.length + o.stressedProtocols.length > 0).length / n,
    badDebtChangeUsd: 0,
    worse: false,
    addedFailures: [],
  };
}
