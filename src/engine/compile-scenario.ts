// A scenario and its breakers compiled against a run's state: every id (asset, oracle, protocol, breaker scope,
// trigger and action target) resolved to its index once, every threshold and amount turned into a number.
// The stages read only the compiled form, so no id is looked up while the steps run.
import { InputError, type InputIssue, jsonPath, unhandled } from '../model/errors';
import type { Scenario } from '../model/parse-scenario';
import type { BreakerParsed, ScenarioEventParsed } from '../model/schema/scenario';
import { SIGNAL_THRESHOLDS, type SignalKind } from '../model/signal-kinds';
import { compileDefences, type CompiledDefences } from './compile-defences';
import type { EngineState } from './state';
import { findBook } from './venue-books';

type PriceEventParsed = Extract<ScenarioEventParsed, { type: 'price' }>;

/** A scenario event with its targets as indices and its amounts as numbers. */
export type CompiledEvent =
  | { type: 'price'; def: PriceEventParsed; asset: number }
  | { type: 'depth'; asset: number; multiplier: number }
  | { type: 'oracle-freeze'; oracle: number }
  | { type: 'oracle-stale'; oracle: number; extraLatencySec: number }
  | { type: 'oracle-manipulate'; oracle: number; priceUsd: number }
  | {
      type: 'exploit';
      protocol: number;
      lossUsd: number | undefined;
      share: number | undefined;
      /** Units taken per asset index (exact holdings), summed in file order. */
      holdings: Map<number, number>;
    }
  | { type: 'run'; protocol: number; share: number }
  /** `book`: the venue book the sale lands on (docs/model.md §22), or -1 for the asset's pooled flow. */
  | { type: 'sale'; asset: number; book: number; usd: number }
  | {
      type: 'chain';
      atStep: number;
      everySteps: number;
      levels: readonly number[];
      blockTimeSec: number;
      inclusionDelaySecPerLevel: number;
    }
  /** New borrowing (docs/model.md §20.6): units per step over [atStep, until). */
  | {
      type: 'borrow';
      market: number;
      debtPerStep: number;
      collateralPerStep: number;
      from: number;
      until: number;
    }
  | {
      type: 'link';
      link: number;
      /** undefined: the event leaves these as they are. */
      open: boolean | undefined;
      capacityPerDay: number | undefined;
      delaySec: number | undefined;
      /** The closed-redemption discount while the link is suspended (0 when none is stated). */
      discount: number;
    };

/** A breaker trigger with its targets as indices (`any` resolved to the breaker's scope) and thresholds as numbers. */
export type CompiledTrigger =
  | { kind: 'drawdown'; asset: number; windowSteps: number; threshold: number }
  | { kind: 'oracle-deviation'; oracles: number[]; threshold: number }
  | { kind: 'bad-debt'; protocols: number[]; thresholdUsd: number }
  | { kind: 'loss-ratio'; protocols: number[]; threshold: number }
  | { kind: 'failures'; insolventOnly: boolean; count: number }
  | { kind: 'insurance-depletion'; protocols: number[]; threshold: number }
  /** `signal` is the kind read on each protocol (docs/model.md §21); `threshold` the default one when not given. */
  | { kind: 'signal'; signal: SignalKind; protocols: number[]; threshold: number }
  | { kind: 'liquidation-volume'; windowSteps: number; thresholdUsd: number };

/** A breaker action with its targets as indices and amounts as numbers. */
export type CompiledAction =
  | { kind: 'pause-liquidations' }
  | { kind: 'pause-borrowing' }
  | { kind: 'pause-withdrawals' }
  /** `asset` -1: every asset. */
  | { kind: 'pause-trading'; asset: number }
  | { kind: 'cap-liquidations'; maxUsdPerStep: number }
  | { kind: 'twap'; steps: number }
  | { kind: 'freeze-oracle'; oracles: number[] };

export interface CompiledBreaker {
  id: string;
  /** Protocols in scope, in index order. */
  scope: number[];
  /** Oracles read by the markets in scope, in index order. */
  readOracles: number[];
  trigger: CompiledTrigger;
  actions: CompiledAction[];
  durationSteps: number;
  cooldownSteps: number;
}

export interface CompiledScenario {
  scenario: Scenario;
  /** The breakers of the run as given (their ids are reported). */
  breakerDefs: readonly BreakerParsed[];
  /** Per scenario event, in file order. */
  events: CompiledEvent[];
  breakers: CompiledBreaker[];
  /** Scenario events by starting step, and ends of timed events by step. */
  eventsAt: Map<number, number[]>;
  endsAt: Map<number, number[]>;
  /** The last step at which an event starts or ends. */
  lastEventStep: number;
  /** The longest liquidation-volume window of any breaker (at least 1). */
  liquidationWindowSteps: number;
  /** Dynamic margins and risk controllers (docs/model.md §20). */
  defences: CompiledDefences;
}

/** A breaker and where it was read from (for messages about it). */
export interface SourcedBreaker {
  def: BreakerParsed;
  file: string;
  /** JSON path of the breaker in its file, e.g. ['breakers', 2]. */
  at: readonly PropertyKey[];
}

/**
 * Compiles a scenario and the run's breakers against a state. An id that names nothing in the network is an
 * InputError naming the file, the JSON path and the id (all such problems at once).
 */
export function compileScenario(
  s: EngineState,
  scenario: Scenario,
  breakers: readonly SourcedBreaker[],
  scenarioFile = 'scenario',
): CompiledScenario {
  const issues: InputIssue[] = [];
  const resolver = (kind: 'asset' | 'oracle' | 'protocol' | 'link', table: Map<string, number>) => {
    return (id: string, file: string, at: readonly PropertyKey[]): number => {
      const i = table.get(id);
      if (i !== undefined) return i;
      issues.push({ file, path: jsonPath(at), reason: `unknown ${kind} "${id}"` });
      return -1;
    };
  };
  const asset = resolver('asset', tableOf(s.names.assets));
  const oracle = resolver('oracle', tableOf(s.names.oracles));
  const protocol = resolver('protocol', tableOf(s.names.protocols));
  const linkTable = new Map<string, number>();
  s.names.links.forEach((id, k) => id !== undefined && linkTable.set(id, k));
  const link = resolver('link', linkTable);
  const marketTable = tableOf(s.names.markets);
  const unknownMarket = (id: string, file: string, at: readonly PropertyKey[]): number => {
    issues.push({ file, path: jsonPath(at), reason: `unknown market "${id}"` });
    return -1;
  };

  const events = scenario.events.map((e, i): CompiledEvent => {
    const at = (key: string) => ['events', i, key];
    const f = scenarioFile;
    switch (e.type) {
      case 'price':
        return { type: 'price', def: e, asset: asset(e.asset, f, at('asset')) };
      case 'depth':
        return { type: 'depth', asset: asset(e.asset, f, at('asset')), multiplier: e.multiplier };
      case 'oracle-freeze':
        return { type: 'oracle-freeze', oracle: oracle(e.oracle, f, at('oracle')) };
      case 'oracle-stale':
        return {
          type: 'oracle-stale',
          oracle: oracle(e.oracle, f, at('oracle')),
          extraLatencySec: e.extraLatencySec,
        };
      case 'oracle-manipulate':
        return {
          type: 'oracle-manipulate',
          oracle: oracle(e.oracle, f, at('oracle')),
          priceUsd: e.priceUsd.toNumber(),
        };
      case 'exploit': {
        const holdings = new Map<number, number>();
        (e.holdings ?? []).forEach((x, j) => {
          const a = asset(x.asset, f, ['events', i, 'holdings', j, 'asset']);
          holdings.set(a, (holdings.get(a) ?? 0) + x.amount.toNumber());
        });
        return {
          type: 'exploit',
          protocol: protocol(e.protocol, f, at('protocol')),
          lossUsd: e.lossUsd?.toNumber(),
          share: e.share,
          holdings,
        };
      }
      case 'run':
        return { type: 'run', protocol: protocol(e.protocol, f, at('protocol')), share: e.share };
      case 'sale': {
        const a = asset(e.asset, f, at('asset'));
        let book = -1;
        if (e.venue !== undefined && a >= 0) {
          book = findBook(s.venues, a, e.venue);
          if (book < 0)
            issues.push({
              file: f,
              path: jsonPath(at('venue')),
              reason: `venue "${e.venue}" has no price of its own for "${e.asset}"`,
            });
        }
        return { type: 'sale', asset: a, book, usd: e.usd.toNumber() };
      }
      case 'borrow':
        return {
          type: 'borrow',
          market: marketTable.get(e.market) ?? unknownMarket(e.market, f, at('market')),
          debtPerStep: e.debtPerStep.toNumber(),
          collateralPerStep: e.collateralPerStep?.toNumber() ?? 0,
          from: e.atStep,
          until: e.durationSteps === undefined ? Infinity : e.atStep + e.durationSteps,
        };
      case 'link':
        return {
          type: 'link',
          link: link(e.link, f, at('link')),
          open: e.open,
          capacityPerDay: e.capacityPerDay?.toNumber(),
          delaySec: e.delaySec,
          discount: e.discount ?? 0,
        };
      case 'chain':
        return {
          type: 'chain',
          atStep: e.atStep,
          everySteps: e.congestion.everySteps,
          levels: e.congestion.levels,
          blockTimeSec: e.blockTimeSec,
          inclusionDelaySecPerLevel: e.inclusionDelaySecPerLevel,
        };
      default:
        return unhandled(e);
    }
  });

  const allProtocols = s.names.protocols.map((_, p) => p);
  const compiledBreakers = breakers.map(({ def, file, at }): CompiledBreaker => {
    const scope =
      def.scope === 'all'
        ? allProtocols
        : def.scope.protocols
            .map((id, j) => protocol(id, file, [...at, 'scope', 'protocols', j]))
            .sort((a, b) => a - b);
    const readOracles = oraclesReadBy(s, scope);
    const t = def.trigger;
    const tAt = (key: string) => [...at, 'trigger', key];
    const pick = (id: string) => (id === 'any' ? scope : [protocol(id, file, tAt('protocol'))]);
    let trigger: CompiledTrigger;
    switch (t.kind) {
      case 'drawdown':
        trigger = {
          kind: t.kind,
          asset: asset(t.asset, file, tAt('asset')),
          windowSteps: t.windowSteps,
          threshold: t.threshold,
        };
        break;
      case 'oracle-deviation':
        trigger = {
          kind: t.kind,
          oracles: t.oracle === 'any' ? readOracles : [oracle(t.oracle, file, tAt('oracle'))],
          threshold: t.threshold,
        };
        break;
      case 'bad-debt':
        trigger = { kind: t.kind, protocols: pick(t.protocol), thresholdUsd: t.thresholdUsd.toNumber() };
        break;
      case 'loss-ratio':
      case 'insurance-depletion':
        trigger = { kind: t.kind, protocols: pick(t.protocol), threshold: t.threshold };
        break;
      case 'signal':
        trigger = {
          kind: t.kind,
          signal: t.signal,
          protocols: pick(t.protocol),
          threshold: t.threshold ?? SIGNAL_THRESHOLDS[t.signal],
        };
        break;
      case 'failures':
        trigger = { kind: t.kind, insolventOnly: t.status === 'insolvent', count: t.count };
        break;
      case 'liquidation-volume':
        trigger = { kind: t.kind, windowSteps: t.windowSteps, thresholdUsd: t.thresholdUsd.toNumber() };
        break;
      default:
        trigger = unhandled(t);
    }
    const actions = def.actions.map((a, k): CompiledAction => {
      const aAt = (key: string) => [...at, 'actions', k, key];
      switch (a.kind) {
        case 'pause-liquidations':
        case 'pause-borrowing':
        case 'pause-withdrawals':
          return { kind: a.kind };
        case 'pause-trading':
          return { kind: a.kind, asset: a.asset === undefined ? -1 : asset(a.asset, file, aAt('asset')) };
        case 'cap-liquidations':
          return { kind: a.kind, maxUsdPerStep: a.maxUsdPerStep.toNumber() };
        case 'twap':
          return { kind: a.kind, steps: a.steps };
        case 'freeze-oracle':
          return {
            kind: a.kind,
            oracles: a.oracle === 'all' ? readOracles : [oracle(a.oracle, file, aAt('oracle'))],
          };
        default:
          return unhandled(a);
      }
    });
    return {
      id: def.id,
      scope,
      readOracles,
      trigger,
      actions,
      durationSteps: def.durationSteps,
      cooldownSteps: def.cooldownSteps,
    };
  });
  const defences = compileDefences(s, scenario, scenarioFile, issues);
  if (issues.length > 0) throw new InputError(issues);

  const eventsAt = new Map<number, number[]>();
  const endsAt = new Map<number, number[]>();
  scenario.events.forEach((e, i) => {
    push(eventsAt, e.atStep, i);
    if ('durationSteps' in e && e.durationSteps !== undefined) push(endsAt, e.atStep + e.durationSteps, i);
  });
  return {
    scenario,
    breakerDefs: breakers.map((b) => b.def),
    events,
    breakers: compiledBreakers,
    eventsAt,
    endsAt,
    lastEventStep: Math.max(
      ...scenario.events.map(
        (e) => e.atStep + ('durationSteps' in e && e.durationSteps ? e.durationSteps : 0),
      ),
    ),
    liquidationWindowSteps: Math.max(
      1,
      ...compiledBreakers.map((b) => (b.trigger.kind === 'liquidation-volume' ? b.trigger.windowSteps : 1)),
    ),
    defences,
  };
}

export { unhandled };

function tableOf(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, i] as const));
}

/** Oracles read by the markets of the given protocols, in index order. */
function oraclesReadBy(s: EngineState, protocols: readonly number[]): number[] {
  const M = s.markets;
  const set = new Set<number>();
  const want = new Set(protocols);
  for (let m = 0; m < M.n; m++) {
    if (!want.has(M.protocol[m]!)) continue;
    set.add(M.collateralOracle[m]!);
    set.add(M.debtOracle[m]!);
  }
  return [...set].sort((a, b) => a - b);
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
