// The run's output, format contagion/run@1: summary, per-protocol, per-asset and per-market results,
// breaker activations, failures with their realised paths, series, and the event ledger.
import { InternalError } from '../model/errors';
import { CHANNELS, type Channel, type Ledger } from './ledger';
import { type RunContext, STATUS_INSOLVENT, STATUS_STRESSED } from './context';
import { CausalIndex, type PathHop } from './realised-paths';

import type { Equal } from '../model/schema/conformance';
import { RUN_FORMAT, type RunDocument } from '../model/schema/run';

export { RUN_FORMAT };

/** USD amounts in the output are decimal strings with two decimals (exact from the ledger's cents). */
export type Usd = string;

export interface ProtocolResult {
  id: string;
  status: 'healthy' | 'stressed' | 'insolvent';
  firstStressedStep: number | null;
  firstInsolventStep: number | null;
  /** Within that step, 0 when reached on the protocol's own losses, 1 on claims marked down in the step's clearing. */
  firstStressedRound: 0 | 1 | null;
  firstInsolventRound: 0 | 1 | null;
  equityStartUsd: Usd;
  equityEndUsd: Usd;
  /** Equity lost (positive) or gained (negative) over the run. */
  lossUsd: Usd;
  lossByChannel: Record<Channel, Usd>;
  badDebtUsd: Usd;
  liquidatedUsd: Usd;
  recovery: number;
  insuranceFundUsedUsd: Usd;
}

export interface AssetResult {
  id: string;
  initialPriceUsd: number;
  finalPriceUsd: number;
  minPriceUsd: number;
  /** Largest fall from the initial price, as a fraction. */
  maxDrawdown: number;
  seizedUsd: Usd;
}

export interface MarketResult {
  id: string;
  protocol: string;
  liquidatedUsd: Usd;
  badDebtUsd: Usd;
}

export interface Failure {
  protocol: string;
  status: 'stressed' | 'insolvent';
  step: number;
  /** The clearing round of that step that reached the status (see ProtocolResult). */
  round: 0 | 1;
  path: PathHop[];
}

/** What one dynamic margin or controller did in a run (docs/model.md §20). */
export interface DefenceResult {
  id: string;
  kind: 'dynamic-margin' | 'controller';
  /** The ledger cause its forced liquidations are booked from: `margins:<id>` or `controller:<id>`. */
  cause: string;
  forcedLiquidatedUsd: Usd;
  /** Steps in which it changed a threshold. */
  updates: number;
  /** The lowest threshold it set, or null when it set none. */
  lowestLiquidationThreshold: number | null;
}

export interface LedgerRow {
  step: number;
  from: string;
  to: string;
  channel: Channel;
  amountUsd: Usd;
}

export interface RunResult {
  format: typeof RUN_FORMAT;
  network: { name: string; asOf: string };
  scenario: { name: string; stepSeconds: number; horizonSteps: number; stepsRun: number; seed: number };
  breakers: string[];
  summary: {
    badDebtUsd: Usd;
    liquidatedUsd: Usd;
    lossUsd: Usd;
    insolventProtocols: string[];
    stressedProtocols: string[];
    worstPrices: { asset: string; minPriceUsd: number; maxDrawdown: number }[];
    liquidityFrozenPeakUsd: Usd;
    unprofitablePeakUsd: Usd;
    throttledPeakUsd: Usd;
    /** Debt repaid by liquidations only a defence's tightening made possible (runs with defences, §20). */
    forcedLiquidatedUsd?: Usd | undefined;
    defences?: DefenceResult[] | undefined;
  };
  protocols: ProtocolResult[];
  assets: AssetResult[];
  markets: MarketResult[];
  breakerActivations: { breaker: string; startStep: number; endStep: number; liquidityFrozenPeakUsd: Usd }[];
  failures: Failure[];
  series: { step: number[]; priceUsd: Record<string, number[]>; equityUsd: Record<string, number[]> };
  ledger: LedgerRow[];
}

/** Compile-time proof that the result is exactly what the run@1 schema parses (reports and the store read it). */
export const runMatchesFormat: Equal<RunResult, RunDocument> = true;

const usdFromCents = (cents: number): Usd => {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
};
const usd = (x: number): Usd => usdFromCents(Math.round(x * 100));
/** The sum of amounts each rounded to whole cents, as each is printed. */
const sumOfCents = (xs: ArrayLike<number>): number => {
  let cents = 0;
  for (let i = 0; i < xs.length; i++) cents += Math.round(xs[i]! * 100);
  return cents;
};
const statusName = (s: number): ProtocolResult['status'] =>
  s >= STATUS_INSOLVENT ? 'insolvent' : s >= STATUS_STRESSED ? 'stressed' : 'healthy';

/**
 * The run's ledger rows read straight from the booked events' columns: row i is made only when asked for,
 * so a run with millions of rows can be written out without holding an object per row.
 */
export class LedgerRowColumns {
  constructor(
    private readonly ledger: Ledger,
    private readonly protocolNames: readonly string[],
  ) {}
  get length(): number {
    return this.ledger.events.length;
  }
  row(i: number): LedgerRow {
    const ev = this.ledger.events;
    return {
      step: ev.step.data[i]!,
      from: this.ledger.causeNames[ev.from.data[i]!]!,
      to: this.protocolNames[ev.to.data[i]!]!,
      channel: ev.channelOf(i),
      amountUsd: usdFromCents(ev.cents.data[i]!),
    };
  }
  /** Every row as an object (the whole result). */
  rows(): LedgerRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }
}

/** The run@1 result of a finished run. */
export function buildResult(ctx: RunContext, stepsRun: number): RunResult {
  const { result, ledger } = buildResultParts(ctx, stepsRun);
  return { ...result, ledger: ledger.rows() };
}

/** The result without its ledger rows, and those rows as columns (for a streamed output of a large run). */
export function buildResultParts(
  ctx: RunContext,
  stepsRun: number,
): { result: Omit<RunResult, 'ledger'>; ledger: LedgerRowColumns } {
  if (!ctx.keepTrace) throw new InternalError('a summary-only run has no full result');
  const { s, ledger, stats, scenario, network } = ctx;
  const P = s.protocols;
  const names = s.names;
  const byChannel = names.protocols.map(
    () => Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>,
  );
  const ev = ledger.events;
  for (let i = 0; i < ev.length; i++) byChannel[ev.to.data[i]!]![ev.channelOf(i)] -= ev.cents.data[i]!;

  const protocols: ProtocolResult[] = names.protocols.map((id, p) => {
    const lossCents = ledger.initialEquityCents[p]! - ledger.equityCents[p]!;
    const worst =
      stats.firstInsolvent[p]! >= 0 ? STATUS_INSOLVENT : stats.firstStressed[p]! >= 0 ? STATUS_STRESSED : 0;
    return {
      id,
      status: statusName(worst),
      firstStressedStep: stats.firstStressed[p]! >= 0 ? stats.firstStressed[p]! : null,
      firstInsolventStep: stats.firstInsolvent[p]! >= 0 ? stats.firstInsolvent[p]! : null,
      firstStressedRound: stats.firstStressed[p]! >= 0 ? roundOf(stats.firstStressedRound[p]!) : null,
      firstInsolventRound: stats.firstInsolvent[p]! >= 0 ? roundOf(stats.firstInsolventRound[p]!) : null,
      equityStartUsd: usdFromCents(ledger.initialEquityCents[p]!),
      equityEndUsd: usdFromCents(ledger.equityCents[p]!),
      lossUsd: usdFromCents(lossCents),
      lossByChannel: Object.fromEntries(CHANNELS.map((c) => [c, usdFromCents(byChannel[p]![c])])) as Record<
        Channel,
        Usd
      >,
      badDebtUsd: usd(stats.badDebtUsd[p]!),
      liquidatedUsd: usd(stats.liquidatedUsd[p]!),
      recovery: P.recovery[p]!,
      insuranceFundUsedUsd: usd(Math.min(P.insuranceFund[p]!, Math.max(0, lossCents / 100))),
    };
  });

  const A = s.assets;
  const assets: AssetResult[] = names.assets.map((id, a) => ({
    id,
    initialPriceUsd: A.initialPrice[a]!,
    finalPriceUsd: A.price[a]!,
    minPriceUsd: A.minPrice[a]!,
    maxDrawdown: A.initialPrice[a]! > 0 ? Math.max(0, 1 - A.minPrice[a]! / A.initialPrice[a]!) : 0,
    seizedUsd: usd(stats.seizedUsdByAsset[a]!),
  }));

  const marketCollateral = new Map(
    names.markets.map((m, i) => [m, names.assets[s.markets.collateral[i]!]!] as const),
  );
  const failStep = new Map<string, number>();
  names.protocols.forEach((id, p) => {
    const step = stats.firstInsolvent[p]! >= 0 ? stats.firstInsolvent[p]! : stats.firstStressed[p]!;
    if (step >= 0) failStep.set(`protocol:${id}`, step);
  });
  const index = new CausalIndex(
    ledger,
    stats.causes,
    marketCollateral,
    (node) => failStep.get(node) ?? Infinity,
  );
  const failures: Failure[] = [];
  names.protocols.forEach((id, p) => {
    const insolvent = stats.firstInsolvent[p]! >= 0;
    const step = insolvent ? stats.firstInsolvent[p]! : stats.firstStressed[p]!;
    if (step < 0) return;
    failures.push({
      protocol: id,
      status: insolvent ? 'insolvent' : 'stressed',
      step,
      round: roundOf(insolvent ? stats.firstInsolventRound[p]! : stats.firstStressedRound[p]!),
      path: index.trace(`protocol:${id}`),
    });
  });
  failures.sort((x, y) => x.step - y.step || x.round - y.round || (x.protocol < y.protocol ? -1 : 1));

  const moved = names.assets.map((_, a) => stats.pricePath.some((row) => row[a] !== A.initialPrice[a]));
  const changed = names.protocols.map((_, p) =>
    stats.equityPathCents.some((row) => row[p] !== ledger.initialEquityCents[p]),
  );
  const series = {
    step: stats.pricePath.map((_, t) => t),
    priceUsd: Object.fromEntries(
      names.assets.flatMap((id, a) => (moved[a] ? [[id, stats.pricePath.map((row) => row[a]!)]] : [])),
    ),
    equityUsd: Object.fromEntries(
      names.protocols.flatMap((id, p) =>
        changed[p] ? [[id, stats.equityPathCents.map((row) => row[p]! / 100)]] : [],
      ),
    ),
  };

  const result: Omit<RunResult, 'ledger'> = {
    format: RUN_FORMAT,
    network: { name: network.name, asOf: network.asOf },
    scenario: {
      name: scenario.name,
      stepSeconds: scenario.stepSeconds,
      horizonSteps: scenario.horizonSteps,
      stepsRun,
      seed: scenario.seed,
    },
    breakers: ctx.compiled.breakers.map((b) => b.id),
    summary: buildSummary(ctx),
    protocols,
    assets,
    markets: names.markets.map((id, m) => ({
      id,
      protocol: names.protocols[s.markets.protocol[m]!]!,
      liquidatedUsd: usd(stats.liquidatedUsdByMarket[m]!),
      badDebtUsd: usd(stats.badDebtUsdByMarket[m]!),
    })),
    breakerActivations: stats.activations.map((x) => ({
      breaker: x.breaker,
      startStep: x.startStep,
      endStep: x.endStep,
      liquidityFrozenPeakUsd: usd(x.liquidityFrozenPeakUsd),
    })),
    failures,
    series,
  };
  return { result, ledger: new LedgerRowColumns(ledger, names.protocols) };
}

export type RunSummary = RunResult['summary'];

/** The run's summary alone (what sweeps and Monte Carlo keep of each run), from the final context. */
export function buildSummary(ctx: RunContext): RunSummary {
  const { s, ledger, stats } = ctx;
  const names = s.names;
  const A = s.assets;
  const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((t, x) => t + x, 0);
  const totalLossCents = sum(
    names.protocols.map((_, p) => Math.max(0, ledger.initialEquityCents[p]! - ledger.equityCents[p]!)),
  );
  const drawdown = (a: number) =>
    A.initialPrice[a]! > 0 ? Math.max(0, 1 - A.minPrice[a]! / A.initialPrice[a]!) : 0;
  const worst = names.assets
    .map((id, a) => ({ asset: id, minPriceUsd: A.minPrice[a]!, maxDrawdown: drawdown(a) }))
    .sort((x, y) => y.maxDrawdown - x.maxDrawdown || (x.asset < y.asset ? -1 : 1))
    .filter((x) => x.maxDrawdown > 0);
  const insolvent = names.protocols.filter((_, p) => stats.firstInsolvent[p]! >= 0);
  const stressed = names.protocols.filter(
    (_, p) => stats.firstInsolvent[p]! < 0 && stats.firstStressed[p]! >= 0,
  );
  return {
    // The totals are the sums of the per-protocol figures as printed (whole cents), not a float sum rounded once.
    badDebtUsd: usdFromCents(sumOfCents(stats.badDebtUsd)),
    liquidatedUsd: usdFromCents(sumOfCents(stats.liquidatedUsd)),
    lossUsd: usdFromCents(totalLossCents),
    insolventProtocols: insolvent,
    stressedProtocols: stressed,
    worstPrices: worst.slice(0, 10),
    liquidityFrozenPeakUsd: usd(stats.liquidityFrozenPeakUsd),
    unprofitablePeakUsd: usd(stats.unprofitablePeakUsd),
    throttledPeakUsd: usd(stats.throttledPeakUsd),
    ...defenceSummary(ctx),
  };
}

/** The defences' part of the summary: present only when the scenario has dynamic margins or controllers. */
function defenceSummary(ctx: RunContext): Pick<RunSummary, 'forcedLiquidatedUsd' | 'defences'> {
  const D = ctx.defences;
  if (D.ids.length === 0) return {};
  const defences = D.ids.map((id, d): DefenceResult => ({
    id,
    kind: D.kinds[d]!,
    cause: ctx.ledger.causeNames[D.cause[d]!]!,
    forcedLiquidatedUsd: usd(D.forcedLiquidatedUsd[d]!),
    updates: D.updates[d]!,
    lowestLiquidationThreshold: Number.isFinite(D.lowestThreshold[d]!) ? D.lowestThreshold[d]! : null,
  }));
  return { forcedLiquidatedUsd: usdFromCents(sumOfCents(D.forcedLiquidatedUsd)), defences };
}

function roundOf(r: number): 0 | 1 {
  return r === 0 ? 0 : 1;
}
