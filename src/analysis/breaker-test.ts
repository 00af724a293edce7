// Breaker A/B test (docs/model.md §4.5): no breaker, each alone, all; worse runs explained by their new failures.
import type { PathHop } from '../engine/realised-paths';
import type { Failure, RunResult } from '../engine/result';
import { type RunOptions, runScenario } from '../engine/run';
import { scopeProtocolIds } from '../model/breaker-scope';
import { UsageError } from '../model/errors';
import type { Network } from '../model/network';
import type { Scenario } from '../model/parse-scenario';
import type { BreakerParsed } from '../model/schema/scenario';

export interface WorstPrice {
  asset: string;
  minPriceUsd: number;
  maxDrawdown: number;
}

export interface AddedFailure {
  protocol: string;
  /** Status with the breaker(s), and without any. */
  status: 'stressed' | 'insolvent';
  statusWithout: 'healthy' | 'paper-loss' | 'stressed' | 'insolvent';
  step: number;
  /** The realised path of the failure in the run with the breaker(s). */
  path: PathHop[];
}

export interface MarketBadDebt {
  market: string;
  protocol: string;
  badDebtUsd: number;
  badDebtWithoutUsd: number;
}

export interface BreakerRunSummary {
  /** `none`, a breaker id, or `all`. */
  label: string;
  breakers: string[];
  badDebtUsd: number;
  /** Bad debt left in loans at the end, valued at market prices (run@1's `summary.latentBadDebtMarketUsd`). */
  latentBadDebtUsd: number;
  /**
   * Who its breakers stopped: the protocols in the scope of every breaker that switched on, and `bridge:ID`
   * for a bridge it halted (docs/model.md §24), sorted; `all` for a breaker over every protocol.
   */
  stopped: string[];
  liquidatedUsd: number;
  lossUsd: number;
  insolventProtocols: string[];
  stressedProtocols: string[];
  worstPrice: WorstPrice | null;
  /** The most liquidity its breakers held back together in any one step, USD. */
  liquidityFrozenPeakUsd: number;
  activations: number;
  /** Differences from the run without any breaker (positive: more with the breaker). */
  badDebtChangeUsd: number;
  insolventChange: number;
  /** More bad debt or more insolvent protocols than the run without any breaker. */
  worse: boolean;
  /** Protocols that fail, or fail worse, only with the breaker(s), with their paths. */
  addedFailures: AddedFailure[];
  /** Protocols that fail without any breaker but not (or less) with the breaker(s). */
  avoidedFailures: string[];
  /** Markets with more bad debt than without any breaker, largest increase first. */
  badDebtIncreases: MarketBadDebt[];
}

export interface BreakerComparison {
  network: RunResult['network'];
  scenario: RunResult['scenario'];
  runs: BreakerRunSummary[];
}

const RANK = { healthy: 0, 'paper-loss': 1, stressed: 2, insolvent: 3 } as const;
const cents = (usd: string): number => Math.round(Number(usd) * 100);
const dollars = (c: number): number => c / 100;

/**
 * Runs the scenario without its own breakers and without any, with each of `breakers` alone, and (when
 * there are several) with all of them, and compares every run with the one without any breaker.
 */
export function compareBreakers(
  network: Network,
  scenario: Scenario,
  breakers: readonly BreakerParsed[],
  run: (n: Network, s: Scenario, o: RunOptions) => RunResult = runScenario,
): BreakerComparison {
  if (breakers.length === 0)
    throw new UsageError('no breakers to compare: give a breakers file or a scenario with breakers');
  const seen = new Set<string>();
  for (const b of breakers) {
    if (seen.has(b.id))
      throw new UsageError(`breaker "${b.id}" is defined twice (in the scenario and the breakers file?)`);
    seen.add(b.id);
  }
  const go = (extra: readonly BreakerParsed[]) =>
    run(network, scenario, { withoutScenarioBreakers: true, extraBreakers: extra });
  const base = go([]);
  const variants: { label: string; result: RunResult }[] = [{ label: 'none', result: base }];
  for (const b of breakers) variants.push({ label: b.id, result: go([b]) });
  if (breakers.length > 1) variants.push({ label: 'all', result: go(breakers) });
  const stops = new Map(breakers.map((b) => [b.id, stoppedBy(network, b)] as const));
  return {
    network: base.network,
    scenario: base.scenario,
    runs: variants.map((v) => summarise(v.label, v.result, base, stops)),
  };
}

/** What a breaker stops while on: `all`, the protocols of its scope, and the bridge it halts. */
function stoppedBy(network: Network, b: BreakerParsed): string[] {
  if (b.scope === 'all') return ['all'];
  const protocols = scopeProtocolIds(network, b.scope);
  return 'bridge' in b.scope ? [`bridge:${b.scope.bridge}`, ...protocols] : protocols;
}

function summarise(
  label: string,
  r: RunResult,
  base: RunResult,
  stops: ReadonlyMap<string, readonly string[]>,
): BreakerRunSummary {
  const stopped = new Set<string>();
  for (const a of r.breakerActivations) for (const x of stops.get(a.breaker) ?? []) stopped.add(x);
  const s = r.summary;
  const badDebtChange = cents(s.badDebtUsd) - cents(base.summary.badDebtUsd);
  const insolventChange = s.insolventProtocols.length - base.summary.insolventProtocols.length;
  const statusWithout = new Map(base.protocols.map((p) => [p.id, p.status] as const));
  const status = new Map(r.protocols.map((p) => [p.id, p.status] as const));
  const addedFailures: AddedFailure[] = r.failures
    .filter((f: Failure) => RANK[f.status] > RANK[statusWithout.get(f.protocol) ?? 'healthy'])
    .map((f) => ({
      protocol: f.protocol,
      status: f.status,
      statusWithout: statusWithout.get(f.protocol) ?? 'healthy',
      step: f.step,
      path: f.path,
    }));
  const avoidedFailures = base.failures
    .filter((f) => RANK[status.get(f.protocol) ?? 'healthy'] < RANK[f.status])
    .map((f) => f.protocol);
  const without = new Map(base.markets.map((m) => [m.id, cents(m.badDebtUsd)] as const));
  const badDebtIncreases = r.markets
    .map((m) => ({ m, up: cents(m.badDebtUsd) - (without.get(m.id) ?? 0) }))
    .filter((x) => x.up > 0)
    .sort((a, b) => b.up - a.up || (a.m.id < b.m.id ? -1 : 1))
    .map(({ m }) => ({
      market: m.id,
      protocol: m.protocol,
      badDebtUsd: dollars(cents(m.badDebtUsd)),
      badDebtWithoutUsd: dollars(without.get(m.id) ?? 0),
    }));
  const worst = s.worstPrices[0];
  return {
    label,
    breakers: label === 'none' ? [] : r.breakers,
    badDebtUsd: dollars(cents(s.badDebtUsd)),
    latentBadDebtUsd: dollars(cents(s.latentBadDebtMarketUsd)),
    stopped: [...stopped].sort(),
    liquidatedUsd: dollars(cents(s.liquidatedUsd)),
    lossUsd: dollars(cents(s.lossUsd)),
    insolventProtocols: s.insolventProtocols,
    stressedProtocols: s.stressedProtocols,
    worstPrice: worst
      ? { asset: worst.asset, minPriceUsd: worst.minPriceUsd, maxDrawdown: worst.maxDrawdown }
      : null,
    liquidityFrozenPeakUsd: dollars(cents(s.liquidityFrozenPeakUsd)),
    activations: r.breakerActivations.length,
    badDebtChangeUsd: dollars(badDebtChange),
    insolventChange,
    worse: label !== 'none' && (badDebtChange > 0 || insolventChange > 0),
    addedFailures: label === 'none' ? [] : addedFailures,
    avoidedFailures: label === 'none' ? [] : avoidedFailures,
    badDebtIncreases: label === 'none' ? [] : badDebtIncreases,
  };
}
