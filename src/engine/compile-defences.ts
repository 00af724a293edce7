// A scenario's dynamic margins and risk controllers (docs/model.md §20) compiled against a run's state: markets
// and oracles resolved to indices once, volatilities in the run's step length, failures as plain numbers.
import type { InputIssue } from '../model/errors';
import { InternalError, jsonPath } from '../model/errors';
import type { Scenario } from '../model/parse-scenario';
import type { EngineState } from './state';

/** How a dynamic margin's threshold follows the volatility. */
export type CompiledMarginRule = { kind: 'power'; exponent: number } | { kind: 'linear'; slope: number };

export interface CompiledMargin {
  id: string;
  market: number;
  lambda: number;
  /** Reference volatility per root hour. */
  sigmaRef: number;
  /** Variance per step the EWMA starts from. */
  initialVariance: number;
  rule: CompiledMarginRule;
  floor: number;
  ceiling: number;
  lagSteps: number;
  /** Every position's threshold moves (else only the loan-to-value). */
  allPositions: boolean;
}

export type CompiledSignal =
  | { kind: 'drawdown'; oracle: number; windowSteps: number }
  | { kind: 'volatility'; oracle: number; lambda: number; initialVariance: number }
  | { kind: 'depeg'; oracle: number; targetUsd: number };

/** A step window [from, until) of a failure; until is Infinity to the horizon. */
export interface StepWindow {
  from: number;
  until: number;
}

/** The failure modes of a controller, each off at its neutral value. */
export interface CompiledFailures {
  lagSteps: number;
  noiseSd: number;
  noiseSeed: number;
  stale: StepWindow | undefined;
  manipulated: (StepWindow & { priceUsd: number }) | undefined;
  gain: number;
  /** The EWMA decay the controller uses instead of its signal's, or undefined. */
  modelLambda: number | undefined;
}

/** A breaker action of a controller's rule (docs/model.md §20.6), its targets as indices. */
export type CompiledControllerAction =
  { kind: 'pause-market'; markets: number[] } | { kind: 'suspend-link'; link: number; discount: number };

export interface CompiledRule {
  above: number;
  /** The threshold it asks, or undefined for the market's own. */
  liquidationThreshold: number | undefined;
  /** Caps in units of each market's debt and collateral assets; Infinity when none. */
  borrowCap: number;
  supplyCap: number;
  actions: CompiledControllerAction[];
}

export interface CompiledController {
  id: string;
  signal: CompiledSignal;
  markets: number[];
  /** Rules by level, highest first. */
  rules: CompiledRule[];
  floor: number;
  ceiling: number;
  maxChangePerUpdate: number;
  cooldownSteps: number;
  failures: CompiledFailures;
}

export interface CompiledDefences {
  margins: CompiledMargin[];
  controllers: CompiledController[];
}

/** Variance per step of a volatility per root hour. */
export function variancePerStep(sigmaPerSqrtHour: number, stepSeconds: number): number {
  return sigmaPerSqrtHour * sigmaPerSqrtHour * (stepSeconds / 3600);
}

/** Compiles the defences, pushing an issue for every id that names nothing. */
export function compileDefences(
  s: EngineState,
  scenario: Scenario,
  file: string,
  issues: InputIssue[],
): CompiledDefences {
  const table = (ids: readonly string[]) => new Map(ids.map((id, i) => [id, i] as const));
  const markets = table(s.names.markets);
  const oracles = table(s.names.oracles);
  const resolve = (kind: string, t: Map<string, number>) => (id: string, at: PropertyKey[]) => {
    const i = t.get(id);
    if (i !== undefined) return i;
    issues.push({ file, path: jsonPath(at), reason: `unknown ${kind} "${id}"` });
    return -1;
  };
  const market = resolve('market', markets);
  const oracle = resolve('oracle', oracles);
  const links = new Map<string, number>();
  s.names.links.forEach((id, k) => id !== undefined && links.set(id, k));
  const link = resolve('link', links);
  const step = s.stepSeconds;

  const margins = scenario.dynamicMargins.map((d, i): CompiledMargin => {
    let rule: CompiledMarginRule;
    switch (d.rule.kind) {
      case 'power':
        rule = { kind: 'power', exponent: d.rule.exponent };
        break;
      case 'linear':
        rule = { kind: 'linear', slope: d.rule.slope };
        break;
      default:
        rule = unhandledDefence(d.rule);
    }
    return {
      id: d.id,
      market: market(d.market, ['dynamicMargins', i, 'market']),
      lambda: d.lambda,
      sigmaRef: d.sigmaRef,
      initialVariance: variancePerStep(d.initialSigma ?? d.sigmaRef, step),
      rule,
      floor: d.floor,
      ceiling: d.ceiling,
      lagSteps: d.lagSteps,
      allPositions: d.appliesTo === 'all-positions',
    };
  });

  const controllers = scenario.controllers.map((c, i): CompiledController => {
    const at = (...keys: PropertyKey[]) => ['controllers', i, ...keys];
    const sig = c.signal;
    const o = oracle(sig.oracle, at('signal', 'oracle'));
    let signal: CompiledSignal;
    switch (sig.kind) {
      case 'drawdown':
        signal = { kind: 'drawdown', oracle: o, windowSteps: sig.windowSteps };
        break;
      case 'volatility':
        signal = {
          kind: 'volatility',
          oracle: o,
          lambda: sig.lambda,
          initialVariance: variancePerStep(sig.initialSigma ?? 0, step),
        };
        break;
      case 'depeg':
        signal = { kind: 'depeg', oracle: o, targetUsd: sig.targetUsd?.toNumber() ?? 1 };
        break;
      default:
        signal = unhandledDefence(sig);
    }
    const failures: CompiledFailures = {
      lagSteps: 0,
      noiseSd: 0,
      noiseSeed: scenario.seed,
      stale: undefined,
      manipulated: undefined,
      gain: 1,
      modelLambda: undefined,
    };
    const window = (w: { atStep: number; durationSteps?: number | undefined }): StepWindow => ({
      from: w.atStep,
      until: w.durationSteps === undefined ? Infinity : w.atStep + w.durationSteps,
    });
    for (const f of c.failures) {
      switch (f.kind) {
        case 'lag':
          failures.lagSteps = f.steps;
          break;
        case 'noise':
          failures.noiseSd = f.sd;
          failures.noiseSeed = f.seed ?? scenario.seed;
          break;
        case 'stale':
          failures.stale = window(f);
          break;
        case 'manipulated':
          failures.manipulated = { ...window(f), priceUsd: f.priceUsd.toNumber() };
          break;
        case 'gain':
          failures.gain = f.factor;
          break;
        case 'wrong-model':
          failures.modelLambda = f.lambda;
          break;
        default:
          unhandledDefence(f);
      }
    }
    const own = c.markets.map((m, k) => market(m, at('markets', k))).sort((a, b) => a - b);
    return {
      id: c.id,
      signal,
      markets: own,
      rules: c.rules
        .map((r, k): CompiledRule => {
          const actions = r.actions.map((a, j): CompiledControllerAction => {
            switch (a.kind) {
              case 'pause-market':
                return {
                  kind: a.kind,
                  markets:
                    a.market === undefined ? own : [market(a.market, at('rules', k, 'actions', j, 'market'))],
                };
              case 'suspend-link':
                return {
                  kind: a.kind,
                  link: link(a.link, at('rules', k, 'actions', j, 'link')),
                  discount: a.discount,
                };
              default:
                return unhandledDefence(a);
            }
          });
          return {
            above: r.above,
            liquidationThreshold: r.liquidationThreshold,
            borrowCap: r.borrowCap?.toNumber() ?? Infinity,
            supplyCap: r.supplyCap?.toNumber() ?? Infinity,
            actions,
          };
        })
        .sort((a, b) => b.above - a.above),
      floor: c.floor,
      ceiling: c.ceiling,
      maxChangePerUpdate: c.maxChangePerUpdate ?? Infinity,
      cooldownSteps: c.cooldownSteps,
      failures,
    };
  });
  return { margins, controllers };
}

function unhandledDefence(x: never): never {
  throw new InternalError(`unhandled case ${JSON.stringify(x)}`);
}
