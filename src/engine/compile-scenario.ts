// A scenario and its breakers compiled against a run's state: every id (asset, oracle, protocol, breaker scope,
// trigger and action target) resolved to its index once, every threshold and amount turned into a number.
// The stages read only the compiled form, so no id is looked up while the steps run.
import { InputError, type InputIssue, jsonPath, unhandled } from '../model/errors';
import type { Scenario } from '../model/parse-scenario';
import type { BreakerParsed, ScenarioEventParsed } from '../model/schema/scenario';
import { SIGNAL_THRESHOLDS, type SignalKind } from '../model/signal-kinds';
import { compileDefences, type CompiledDefences } from './compile-defences';
import { type EngineState, PEG_NONE } from './state';
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
  /** A buy (docs/model.md §22): `usd` bought, a negative flow; `book` as for a sale. */
  | { type: 'buy'; asset: number; book: number; usd: number }
  /**
   * A borrow against a perp position (docs/model.md §15.8): `book` indexes the perp books, `cohort` its cohorts,
   * `holdings` the venue's holding slots of the assets borrowed, in the file's order.
   */
  | { type: 'perp-borrow'; book: number; cohort: number; holdings: Int32Array; share: number }
  /** A bridge's escrow drained of its canonical (docs/model.md §23): `share` of its holding, or `amount` units. */
  | {
      type: 'bridge-exploit';
      bridge: number;
      escrow: number;
      canonical: number;
      /** The bridge's conversion link, suspended by the exploit (docs/model.md §23.3). */
      link: number;
      share: number | undefined;
      amount: number | undefined;
    }
  | {
      type: 'chain';
      /** Chain congested (docs/model.md §23), or -1: every chain. */
      chain: number;
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
  | { kind: 'liquidation-volume'; windowSteps: number; thresholdUsd: number }
  /**
   * Canonical leaving a bridge's escrow over the window (docs/model.md §24): `holding` is the escrow's slot of
   * the canonical (-1: it holds none, so nothing can leave); one threshold is set, the other undefined.
   */
  | {
      kind: 'bridge-outflow';
      holding: number;
      canonical: number;
      windowSteps: number;
      thresholdUsd: number | undefined;
      thresholdShare: number | undefined;
    }
  /** The watched asset's market price below its par (peg rate x target price) by `threshold` or more (§24). */
  | { kind: 'depeg'; asset: number; threshold: number };

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
  /** Conversion links suspended while it is on (a chain or a bridge scope, docs/model.md §24), in index order. */
  links: number[];
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
  const known = (
    table: Map<string, number>,
    kind: string,
    id: string,
    file: string,
    at: readonly PropertyKey[],
  ): number => {
    const i = table.get(id);
    if (i !== undefined) return i;
    issues.push({ file, path: jsonPath(at), reason: `unknown ${kind} "${id}"` });
    return -1;
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
      case 'sale':
      case 'buy': {
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
        return { type: e.type, asset: a, book, usd: e.usd.toNumber() };
      }
      case 'perp-borrow':
        return compileBorrow(s, e, f, i, asset, issues);
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
      case 'bridge-exploit': {
        const b = s.bridges.ids.indexOf(e.bridge);
        if (b < 0)
          issues.push({ file: f, path: jsonPath(at('bridge')), reason: `unknown bridge "${e.bridge}"` });
        return {
          type: 'bridge-exploit',
          bridge: b,
          escrow: b < 0 ? -1 : s.bridges.escrow[b]!,
          canonical: b < 0 ? -1 : s.bridges.canonical[b]!,
          link: b < 0 ? -1 : s.bridges.link[b]!,
          share: e.share,
          amount: e.amount?.toNumber(),
        };
      }
      case 'chain': {
        const c = e.chain === undefined ? -1 : s.chains.ids.indexOf(e.chain);
        if (e.chain !== undefined && c < 0)
          issues.push({ file: f, path: jsonPath(at('chain')), reason: `unknown chain "${e.chain}"` });
        return {
          type: 'chain',
          chain: c,
          atStep: e.atStep,
          everySteps: e.congestion.everySteps,
          levels: e.congestion.levels,
          blockTimeSec: e.blockTimeSec,
          inclusionDelaySecPerLevel: e.inclusionDelaySecPerLevel,
        };
      }
      default:
        return unhandled(e);
    }
  });

  const allProtocols = s.names.protocols.map((_, p) => p);
  const assetIndex = tableOf(s.names.assets);
  const chainIndex = tableOf(s.chains.ids);
  const bridgeIndex = tableOf(s.bridges.ids);
  const compiledBreakers = breakers.map(({ def, file, at }): CompiledBreaker => {
    const { scope, links } = compileScope(s, def.scope, {
      all: allProtocols,
      protocol: (id, j) => protocol(id, file, [...at, 'scope', 'protocols', j]),
      chain: (id) => known(chainIndex, 'chain', id, file, [...at, 'scope', 'chain']),
      bridge: (id) => known(bridgeIndex, 'bridge', id, file, [...at, 'scope', 'bridge']),
    });
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
      case 'bridge-outflow': {
        const b = known(bridgeIndex, 'bridge', t.bridge, file, tAt('bridge'));
        if ((t.thresholdUsd === undefined) === (t.thresholdShare === undefined))
          issues.push({
            file,
            path: jsonPath([...at, 'trigger']),
            reason: 'a bridge-outflow trigger needs exactly one of thresholdUsd or thresholdShare',
          });
        const canonical = b < 0 ? -1 : s.bridges.canonical[b]!;
        trigger = {
          kind: t.kind,
          holding: b < 0 ? -1 : holdingSlot(s, s.bridges.escrow[b]!, canonical),
          canonical,
          windowSteps: t.windowSteps,
          thresholdUsd: t.thresholdUsd?.toNumber(),
          thresholdShare: t.thresholdShare,
        };
        break;
      }
      case 'depeg':
        trigger = {
          kind: t.kind,
          asset: depegWatched(s, t.asset, t.chain, assetIndex, chainIndex, (reason) =>
            issues.push({ file, path: jsonPath(tAt('asset')), reason }),
          ),
          threshold: t.threshold,
        };
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
      links,
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

type ScopeParsed = BreakerParsed['scope'];

/**
 * The protocols of a breaker's scope and the conversion links it suspends while on (docs/model.md §24): a
 * chain scope covers the protocols on the chain and the links run on it (by their converter, else by the
 * chain of the token they make); a bridge scope covers its escrow and the links between its canonical and its
 * copy (and the link the bridge runs, once the state has one).
 */
function compileScope(
  s: EngineState,
  scope: ScopeParsed,
  resolve: {
    all: number[];
    protocol: (id: string, j: number) => number;
    chain: (id: string) => number;
    bridge: (id: string) => number;
  },
): { scope: number[]; links: number[] } {
  const L = s.links;
  const C = s.chains;
  if (scope === 'all') return { scope: resolve.all, links: [] };
  if ('protocols' in scope)
    return { scope: scope.protocols.map(resolve.protocol).sort((a, b) => a - b), links: [] };
  if ('chain' in scope) {
    const c = resolve.chain(scope.chain);
    if (c < 0) return { scope: [], links: [] };
    const protocols = resolve.all.filter((p) => C.protocolChain[p] === c);
    const links: number[] = [];
    for (let k = 0; k < L.n; k++) {
      const conv = L.converter[k]!;
      if ((conv >= 0 ? C.protocolChain[conv] : C.assetChain[L.to[k]!]) === c) links.push(k);
    }
    return { scope: protocols, links };
  }
  if ('bridge' in scope) {
    const b = resolve.bridge(scope.bridge);
    if (b < 0) return { scope: [], links: [] };
    const B = s.bridges;
    const [canonical, copy] = [B.canonical[b]!, B.copy[b]!];
    const links: number[] = [];
    for (let k = 0; k < L.n; k++) {
      const [f, t] = [L.from[k]!, L.to[k]!];
      if ((f === canonical && t === copy) || (f === copy && t === canonical) || k === B.link[b])
        links.push(k);
    }
    return { scope: [B.escrow[b]!], links };
  }
  return unhandled(scope);
}

/** A protocol's holding slot of an asset, or -1. */
function holdingSlot(s: EngineState, p: number, a: number): number {
  const P = s.protocols;
  for (let h = P.holdStart[p]!; h < P.holdStart[p + 1]!; h++) if (P.holdAsset[h] === a) return h;
  return -1;
}

/**
 * The asset a depeg trigger watches (docs/model.md §24): `id` itself, or, when `chain` is another chain than
 * its own, the copy a bridge with `id` as canonical issues there. -1 (with a reason) when there is none or it
 * has no peg.
 */
function depegWatched(
  s: EngineState,
  id: string,
  chain: string | undefined,
  assetIndex: Map<string, number>,
  chainIndex: Map<string, number>,
  fail: (reason: string) => void,
): number {
  const a = assetIndex.get(id);
  if (a === undefined) {
    fail(`unknown asset "${id}"`);
    return -1;
  }
  let watched = a;
  if (chain !== undefined) {
    const c = chainIndex.get(chain);
    if (c === undefined) {
      fail(`unknown chain "${chain}"`);
      return -1;
    }
    if (c !== s.chains.assetChain[a]) {
      const B = s.bridges;
      let b = 0;
      while (b < B.n && !(B.canonical[b] === a && B.to[b] === c)) b++;
      if (b === B.n) {
        fail(`no bridge issues a copy of "${id}" on chain "${chain}"`);
        return -1;
      }
      watched = B.copy[b]!;
    }
  }
  if (s.assets.pegTarget[watched] === PEG_NONE) {
    fail(`"${s.names.assets[watched]}" has no peg, so it cannot depeg`);
    return -1;
  }
  return watched;
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

/** A perp-borrow event's book, cohort and the venue's holding slots of its assets; problems go to `issues`. */
function compileBorrow(
  s: EngineState,
  e: Extract<ScenarioEventParsed, { type: 'perp-borrow' }>,
  file: string,
  i: number,
  asset: (id: string, file: string, at: readonly PropertyKey[]) => number,
  issues: InputIssue[],
): CompiledEvent {
  const issue = (key: PropertyKey[], reason: string) =>
    issues.push({ file, path: jsonPath(['events', i, ...key]), reason });
  const book = s.perps.books.findIndex((b) => b.id === e.book);
  const b = s.perps.books[book];
  let cohort = -1;
  if (!b) issue(['book'], `unknown perp book "${e.book}"`);
  else if (b.lending.length === 0)
    issue(['book'], `perp book "${e.book}" does not lend (it has no "lending")`);
  else {
    cohort = b.labels.indexOf(e.cohort);
    if (cohort < 0 || b.labels.lastIndexOf(e.cohort) !== cohort)
      issue(['cohort'], `perp book "${e.book}" needs exactly one cohort labelled "${e.cohort}"`);
  }
  const P = s.protocols;
  const holdings = e.assets.map((id, k) => {
    const a = asset(id, file, ['events', i, 'assets', k]);
    if (!b || a < 0) return -1;
    for (let h = P.holdStart[b.venue]!; h < P.holdStart[b.venue + 1]!; h++)
      if (P.holdAsset[h] === a) return h;
    issue(['assets', k], `"${s.names.protocols[b.venue]}" holds no "${id}" to lend`);
    return -1;
  });
  return { type: 'perp-borrow', book, cohort, holdings: Int32Array.from(holdings), share: e.share };
}
