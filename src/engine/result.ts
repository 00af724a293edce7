// The run's output, format contagion/run@1: summary, per-protocol, per-asset and per-market results,
// breaker activations, failures with their realised paths, series, and the event ledger.
import { InternalError } from '../model/errors';
import { CHANNELS, type Channel, type Ledger } from './ledger';
import { type RunContext, STATUS_INSOLVENT, STATUS_PAPER_LOSS, STATUS_STRESSED } from './context';
import { latentBadDebtUsd, paperLossUsd } from './own-marks';
import { backstopValue, loansValue, makerValue, type PerpBookState } from './perp-state';
import { RATE_NONE } from './pool-state';
import { poolUtilization } from './pools';
import { supplyRate } from './rates';
import { CausalIndex, type PathHop } from './realised-paths';
import { runSignals, type RunSignals } from './signal-result';
import { auctionKindName } from './auction-book';
import type { EngineState } from './state';
import { bookPrice, hasBooks } from './venue-books';
import { equitySeriesUsd } from './equity-series';

import type { Equal } from '../model/schema/conformance';
import { RUN_FORMAT, type RunDocument } from '../model/schema/run';

export { RUN_FORMAT };

/** USD amounts in the output are decimal strings with two decimals (exact from the ledger's cents). */
export type Usd = string;

export interface ProtocolResult {
  id: string;
  /** The worst status reached; `paper-loss`: short or stressed at market prices only (docs/model.md §16). */
  status: 'healthy' | 'paper-loss' | 'stressed' | 'insolvent';
  firstStressedStep: number | null;
  firstInsolventStep: number | null;
  firstPaperLossStep: number | null;
  /** Within that step, 0 when reached on the protocol's own losses, 1 on claims marked down in the step's clearing. */
  firstStressedRound: 0 | 1 | null;
  firstInsolventRound: 0 | 1 | null;
  equityStartUsd: Usd;
  equityEndUsd: Usd;
  /** Equity lost (positive) or gained (negative) over the run. */
  lossUsd: Usd;
  lossByChannel: Record<Channel, Usd>;
  /** Realised bad debt: debt written off in its markets. */
  badDebtUsd: Usd;
  /** Latent bad debt as the run ends: debt above collateral of positions still open, at oracle and at market prices. */
  latentBadDebtOracleUsd: Usd;
  latentBadDebtMarketUsd: Usd;
  /** The part of the loss at market prices that the protocol's own marks (its oracles) do not see, as the run ends. */
  paperLossUsd: Usd;
  /** Losses passed to the protocol's users by its own rules (perp venues' auto-deleveraging); 0 without such rules. */
  socializedLossUsd: Usd;
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
  /** Only for an asset priced per venue (docs/model.md §22): each venue's price as the run ends and its lowest. */
  venues?: { venue: string; finalPriceUsd: number; minPriceUsd: number }[] | undefined;
}

export interface MarketResult {
  id: string;
  protocol: string;
  liquidatedUsd: Usd;
  badDebtUsd: Usd;
}

/** What liquidation auctions add up to over the run (counts in auctions of the market's lot size). */
export interface AuctionCounts {
  started: number;
  closed: number;
  /** Still in progress at the end of the run. */
  open: number;
  /** Closed with nothing paid for the collateral. */
  zeroBid: number;
  proceedsUsd: Usd;
  /** Debt the auctions did not recover (bad debt). */
  shortfallUsd: Usd;
  /** The winning keepers' gain over what they paid and spent. */
  keeperProfitUsd: Usd;
}

/** One market's liquidation auctions over the run. */
export interface MarketAuctions extends AuctionCounts {
  market: string;
  protocol: string;
  kind: 'dutch' | 'english';
}

/** The run's liquidation auctions (docs/model.md §17): totals and, per market with an auction rule, its own. */
export interface AuctionsResult extends AuctionCounts {
  markets: MarketAuctions[];
}

/** What one perp book's liquidations did (docs/model.md §15). */
export interface PerpResult {
  id: string;
  /** The venue that clears the book. */
  protocol: string;
  backstop: string | null;
  /** Notional closed by liquidation and auto-deleveraging, at the mark. */
  liquidatedUsd: Usd;
  bookLiquidatedUsd: Usd;
  backstopTakeoverUsd: Usd;
  /** The backstop vault's account on this book at the end: cash received plus open positions at the mark. */
  backstopPnlUsd: Usd;
  /** Notional the vault still holds at the end, at the mark. */
  backstopOpenUsd: Usd;
  insuranceFundUsedUsd: Usd;
  /** Notional of opposite positions closed by auto-deleveraging, at the bankruptcy prices. */
  adlVolumeUsd: Usd;
  /** The part of it that closed the backstop sub-vault's own positions, at the mark. */
  backstopDeleveragedUsd: Usd;
  /** What those positions got less than at the mark. */
  socializedLossUsd: Usd;
  badDebtUsd: Usd;
  fundingPaidByLongsUsd: Usd;
  /** What the positions sold into the book filled below the index (bought: above): its liquidity providers' gain. */
  bookDiscountUsd: Usd;
  /** Only with partial liquidation: notional of large positions' partial market orders, at the mark. */
  partialOrderUsd?: Usd;
  /** Only with maker quotes: liquidation sales that filled against the vault's quotes, at the fill. */
  makerFilledUsd?: Usd;
  /** Only with maker quotes: the part of bookDiscountUsd those fills bought below the index. */
  makerDiscountUsd?: Usd;
  /** Only with maker quotes: the account of what the quotes bought at the end (at the mark, with its funding). */
  makerPnlUsd?: Usd;
  finalMarkUsd: number;
  /** Only for a book whose venue lends against its cohorts (§15.8). */
  loans?: PerpLoansResult;
}

/** The venue's loans against a book's cohorts (docs/model.md §15.8). */
export interface PerpLoansResult {
  /** USD of assets drawn by borrow events. */
  borrowedUsd: Usd;
  /** The largest unrealised PnL at the mark a draw counted as collateral. */
  pnlCountedUsd: Usd;
  /** Debt repaid from the equity of closed accounts, and the debt their equity could not repay. */
  recoveredUsd: Usd;
  badDebtUsd: Usd;
  /** Debt still owed at the end, and what it is worth at the final mark. */
  outstandingUsd: Usd;
  outstandingValueUsd: Usd;
}

export interface Failure {
  protocol: string;
  status: 'stressed' | 'insolvent';
  step: number;
  /** The clearing round of that step that reached the status (see ProtocolResult). */
  round: 0 | 1;
  path: PathHop[];
  /** Only for a network with chains (docs/model.md §23): the chains the path's nodes live on, as met from the failure back. */
  chains?: string[] | undefined;
}

export interface DepositorRunResult {
  protocol: string;
  /** USD its depositors asked to withdraw over the run. */
  requestedUsd: Usd;
  /** USD paid out of idle liquidity. */
  paidUsd: Usd;
  /** USD asked and not paid at the end: the queue, still owed. */
  stuckUsd: Usd;
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
  /** Steps in which one of its rules' breaker actions was in force; only for a controller with actions. */
  actionSteps?: number | undefined;
}

export interface LedgerRow {
  step: number;
  from: string;
  to: string;
  channel: Channel;
  amountUsd: Usd;
}

/** A lending pool with a rate curve at the end of a run. */
export interface PoolResult {
  protocol: string;
  asset: string;
  /** Borrowed over supplied (borrowed + idle), at the end and the highest seen before any step's accrual. */
  utilization: number;
  peakUtilization: number;
  /** Yearly rates in force at the end: borrow, and supply (borrow x U x (1 - reserve factor)). */
  borrowRate: number;
  supplyRate: number;
  peakBorrowRate: number;
  /** Interest borrowers accrued over the run, USD at each step's price. */
  interestUsd: Usd;
}

export interface RunResult {
  format: typeof RUN_FORMAT;
  network: { name: string; asOf: string };
  scenario: { name: string; stepSeconds: number; horizonSteps: number; stepsRun: number; seed: number };
  breakers: string[];
  summary: {
    badDebtUsd: Usd;
    latentBadDebtOracleUsd: Usd;
    latentBadDebtMarketUsd: Usd;
    paperLossUsd: Usd;
    socializedLossUsd: Usd;
    insuranceFundUsedUsd: Usd;
    liquidatedUsd: Usd;
    lossUsd: Usd;
    insolventProtocols: string[];
    stressedProtocols: string[];
    /** Protocols whose worst status is a paper loss. */
    paperLossProtocols: string[];
    /** False when prices still moved in the run's last step: the figures are not settled. */
    pricesSettled: boolean;
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
  /** Present when some market liquidates by auction. */
  auctions?: AuctionsResult;
  /** Only when the network has perp books. */
  perps?: PerpResult[] | undefined;
  /** Lending pools with a rate curve (docs/model.md §18); absent when the network has none. */
  pools?: PoolResult[];
  breakerActivations: { breaker: string; startStep: number; endStep: number; liquidityFrozenPeakUsd: Usd }[];
  /** Per protocol with a depositor-run rule (docs/model.md §19); absent when no protocol has one. */
  depositorRuns?: DepositorRunResult[];
  failures: Failure[];
  series: { step: number[]; priceUsd: Record<string, number[]>; equityUsd: Record<string, number[]> };
  /** The early-warning signals, when the run kept them (docs/model.md §21). */
  signals?: RunSignals;
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
  s >= STATUS_INSOLVENT
    ? 'insolvent'
    : s >= STATUS_STRESSED
      ? 'stressed'
      : s >= STATUS_PAPER_LOSS
        ? 'paper-loss'
        : 'healthy';

/** The worst status protocol p reached over the run. */
function worstStatus(stats: RunContext['stats'], p: number): number {
  if (stats.firstInsolvent[p]! >= 0) return STATUS_INSOLVENT;
  if (stats.firstStressed[p]! >= 0) return STATUS_STRESSED;
  return stats.firstPaperLoss[p]! >= 0 ? STATUS_PAPER_LOSS : 0;
}

/** Per protocol, the loss measures as the run ends (docs/model.md §16), in USD. */
interface LossMeasures {
  latentOracle: Float64Array;
  latentMarket: Float64Array;
  paper: Float64Array;
  socialized: Float64Array;
  fundUsed: Float64Array;
}

/** Losses passed to users by a protocol's own rules: its perp books' auto-deleveraging (docs/model.md §15). */
function socializedLosses(ctx: RunContext): Float64Array {
  const out = Float64Array.from(ctx.stats.socializedLossUsd);
  for (const b of ctx.s.perps.books) out[b.venue]! += b.stats.socializedLossUsd;
  return out;
}

function lossMeasures(ctx: RunContext): LossMeasures {
  const { s, ledger } = ctx;
  ledger.sync();
  const nP = s.protocols.n;
  const m: LossMeasures = {
    latentOracle: new Float64Array(nP),
    latentMarket: new Float64Array(nP),
    paper: new Float64Array(nP),
    socialized: socializedLosses(ctx),
    fundUsed: new Float64Array(nP),
  };
  for (let p = 0; p < nP; p++) {
    const markets = ledger.marketsBy[p]!;
    for (let i = 0; i < markets.length; i++) {
      m.latentOracle[p]! += latentBadDebtUsd(ctx, markets[i]!, true);
      m.latentMarket[p]! += latentBadDebtUsd(ctx, markets[i]!, false);
    }
    m.paper[p] = paperLossUsd(ctx, p);
    const lossCents = ledger.initialEquityCents[p]! - ledger.equityCents[p]!;
    m.fundUsed[p] = Math.min(s.protocols.insuranceFund[p]!, Math.max(0, lossCents / 100));
  }
  return m;
}

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

  const measures = lossMeasures(ctx);
  const protocols: ProtocolResult[] = names.protocols.map((id, p) => {
    const lossCents = ledger.initialEquityCents[p]! - ledger.equityCents[p]!;
    return {
      id,
      status: statusName(worstStatus(stats, p)),
      firstStressedStep: stats.firstStressed[p]! >= 0 ? stats.firstStressed[p]! : null,
      firstInsolventStep: stats.firstInsolvent[p]! >= 0 ? stats.firstInsolvent[p]! : null,
      firstPaperLossStep: stats.firstPaperLoss[p]! >= 0 ? stats.firstPaperLoss[p]! : null,
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
      latentBadDebtOracleUsd: usd(measures.latentOracle[p]!),
      latentBadDebtMarketUsd: usd(measures.latentMarket[p]!),
      paperLossUsd: usd(measures.paper[p]!),
      socializedLossUsd: usd(measures.socialized[p]!),
      liquidatedUsd: usd(stats.liquidatedUsd[p]!),
      recovery: P.recovery[p]!,
      insuranceFundUsedUsd: usd(measures.fundUsed[p]!),
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
    ...venuePrices(s, a),
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
  const chainOfNode = s.chains.ids.length > 0 ? nodeChains(s) : undefined;
  names.protocols.forEach((id, p) => {
    const insolvent = stats.firstInsolvent[p]! >= 0;
    const step = insolvent ? stats.firstInsolvent[p]! : stats.firstStressed[p]!;
    if (step < 0) return;
    const path = index.trace(`protocol:${id}`);
    failures.push({
      protocol: id,
      status: insolvent ? 'insolvent' : 'stressed',
      step,
      round: roundOf(insolvent ? stats.firstInsolventRound[p]! : stats.firstStressedRound[p]!),
      path,
      ...(chainOfNode && { chains: pathChains(`protocol:${id}`, path, chainOfNode) }),
    });
  });
  failures.sort((x, y) => x.step - y.step || x.round - y.round || (x.protocol < y.protocol ? -1 : 1));

  const moved = names.assets.map((_, a) => stats.pricePath.some((row) => row[a] !== A.initialPrice[a]));
  const equity = equitySeriesUsd(ledger, stats.pricePath.length);
  const series = {
    step: stats.pricePath.map((_, t) => t),
    priceUsd: Object.fromEntries(
      names.assets.flatMap((id, a) => (moved[a] ? [[id, stats.pricePath.map((row) => row[a]!)]] : [])),
    ),
    equityUsd: Object.fromEntries([...equity].map(([p, usd]) => [names.protocols[p]!, usd])),
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
    summary: buildSummary(ctx, measures),
    protocols,
    assets,
    markets: names.markets.map((id, m) => ({
      id,
      protocol: names.protocols[s.markets.protocol[m]!]!,
      liquidatedUsd: usd(stats.liquidatedUsdByMarket[m]!),
      badDebtUsd: usd(stats.badDebtUsdByMarket[m]!),
    })),
    ...auctionsOf(ctx),
    ...(s.perps.books.length > 0 ? { perps: perpResults(ctx) } : {}),
    ...poolResults(ctx),
    breakerActivations: stats.activations.map((x) => ({
      breaker: x.breaker,
      startStep: x.startStep,
      endStep: x.endStep,
      liquidityFrozenPeakUsd: usd(x.liquidityFrozenPeakUsd),
    })),
    ...depositorRuns(ctx),
    failures,
    series,
    ...(ctx.signals ? { signals: runSignals(ctx.s, ctx.signals) } : {}),
  };
  return { result, ledger: new LedgerRowColumns(ledger, names.protocols) };
}

/** The depositor runs of the protocols with a run rule, in id order; nothing when none has one. */
function depositorRuns(ctx: RunContext): Pick<RunResult, 'depositorRuns'> {
  const { stats, s } = ctx;
  const ids = new Set(ctx.network.protocols.filter((p) => p.depositorRun).map((p) => p.id));
  if (ids.size === 0) return {};
  return {
    depositorRuns: s.names.protocols.flatMap((id, p) =>
      ids.has(id)
        ? [
            {
              protocol: id,
              requestedUsd: usd(stats.runRequestedUsd[p]!),
              paidUsd: usd(stats.runPaidUsd[p]!),
              stuckUsd: usd(stats.runStuckUsd[p]!),
            },
          ]
        : [],
    ),
  };
}

/** The `auctions` part of the result, only when some market liquidates by auction. */
function auctionsOf(ctx: RunContext): { auctions?: AuctionsResult } {
  const { s, stats } = ctx;
  const A = stats.auctions;
  const open = new Float64Array(s.markets.n);
  for (const a of s.auctions.open) open[a.market]! += a.lots;
  const markets: MarketAuctions[] = [];
  for (let m = 0; m < s.markets.n; m++) {
    const rule = s.markets.auction[m];
    if (!rule) continue;
    markets.push({
      market: s.names.markets[m]!,
      protocol: s.names.protocols[s.markets.protocol[m]!]!,
      kind: auctionKindName(rule),
      started: A.started[m]!,
      closed: A.closed[m]!,
      open: open[m]!,
      zeroBid: A.zeroBid[m]!,
      proceedsUsd: usd(A.proceedsUsd[m]!),
      shortfallUsd: usd(A.shortfallUsd[m]!),
      keeperProfitUsd: usd(A.keeperProfitUsd[m]!),
    });
  }
  if (markets.length === 0) return {};
  const total = (xs: Float64Array) => usdFromCents(sumOfCents(xs));
  const count = (xs: ArrayLike<number>) => Array.from(xs).reduce((t, x) => t + x, 0);
  return {
    auctions: {
      started: count(A.started),
      closed: count(A.closed),
      open: count(open),
      zeroBid: count(A.zeroBid),
      proceedsUsd: total(A.proceedsUsd),
      shortfallUsd: total(A.shortfallUsd),
      keeperProfitUsd: total(A.keeperProfitUsd),
      markets,
    },
  };
}

function perpResults(ctx: RunContext): PerpResult[] {
  const names = ctx.s.names.protocols;
  return ctx.s.perps.books.map((b) => {
    const st = b.stats;
    return {
      id: b.id,
      protocol: names[b.venue]!,
      backstop: b.backstop >= 0 ? names[b.backstop]! : null,
      liquidatedUsd: usd(st.liquidatedUsd),
      bookLiquidatedUsd: usd(st.bookLiquidatedUsd),
      backstopTakeoverUsd: usd(st.backstopTakeoverUsd),
      backstopPnlUsd: usd(backstopValue(b)),
      backstopOpenUsd: usd((b.backstopSize[0]! + b.backstopSize[1]!) * b.mark),
      insuranceFundUsedUsd: usd(st.insuranceFundUsedUsd),
      adlVolumeUsd: usd(st.adlVolumeUsd),
      backstopDeleveragedUsd: usd(st.backstopDeleveragedUsd),
      socializedLossUsd: usd(st.socializedLossUsd),
      badDebtUsd: usd(st.badDebtUsd),
      fundingPaidByLongsUsd: usd(st.fundingPaidByLongsUsd),
      bookDiscountUsd: usd(st.bookDiscountUsd),
      ...(b.partialShare > 0 ? { partialOrderUsd: usd(st.partialOrderUsd) } : {}),
      ...(b.makerShare > 0
        ? {
            makerFilledUsd: usd(st.makerFilledUsd),
            makerDiscountUsd: usd(st.makerDiscountUsd),
            makerPnlUsd: usd(makerValue(b)),
          }
        : {}),
      finalMarkUsd: b.mark,
      ...(b.lending.length > 0 ? { loans: loanResult(b) } : {}),
    };
  });
}

function loanResult(b: PerpBookState): PerpLoansResult {
  const st = b.stats;
  let owed = 0;
  for (let c = 0; c < b.debt.length; c++) owed += b.debt[c]!;
  return {
    borrowedUsd: usd(st.borrowedUsd),
    pnlCountedUsd: usd(st.pnlCountedUsd),
    recoveredUsd: usd(st.loanRecoveredUsd),
    badDebtUsd: usd(st.loanBadDebtUsd),
    outstandingUsd: usd(owed),
    outstandingValueUsd: usd(loansValue(b) - st.loanRecoveredUsd),
  };
}

/** `pools`, listed only when some pool has a rate curve (so a run without rates reads as before). */
function poolResults(ctx: RunContext): { pools?: PoolResult[] } {
  const { s } = ctx;
  const Q = s.pools;
  const pools: PoolResult[] = [];
  for (let k = 0; k < Q.n; k++) {
    if (Q.model[k] === RATE_NONE) continue;
    const u = poolUtilization(s, k);
    pools.push({
      protocol: s.names.protocols[Q.protocol[k]!]!,
      asset: s.names.assets[Q.asset[k]!]!,
      utilization: u,
      peakUtilization: Q.peakUtilization[k]!,
      borrowRate: Q.borrowRate[k]!,
      supplyRate: supplyRate(Q.borrowRate[k]!, u, Q.reserveFactor[k]!),
      peakBorrowRate: Q.peakBorrowRate[k]!,
      interestUsd: usd(Q.interestUsd[k]!),
    });
  }
  return pools.length > 0 ? { pools } : {};
}

export type RunSummary = RunResult['summary'];

/**
 * The run's summary alone (what sweeps and Monte Carlo keep of each run), from the final context (given the
 * loss measures when the caller has them already).
 */
export function buildSummary(ctx: RunContext, measures: LossMeasures = lossMeasures(ctx)): RunSummary {
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
  const paper = names.protocols.filter((_, p) => worstStatus(stats, p) === STATUS_PAPER_LOSS);
  return {
    // The totals are the sums of the per-protocol figures as printed (whole cents), not a float sum rounded once.
    badDebtUsd: usdFromCents(sumOfCents(stats.badDebtUsd)),
    latentBadDebtOracleUsd: usdFromCents(sumOfCents(measures.latentOracle)),
    latentBadDebtMarketUsd: usdFromCents(sumOfCents(measures.latentMarket)),
    paperLossUsd: usdFromCents(sumOfCents(measures.paper)),
    socializedLossUsd: usdFromCents(sumOfCents(measures.socialized)),
    insuranceFundUsedUsd: usdFromCents(sumOfCents(measures.fundUsed)),
    liquidatedUsd: usdFromCents(sumOfCents(stats.liquidatedUsd)),
    lossUsd: usdFromCents(totalLossCents),
    insolventProtocols: insolvent,
    stressedProtocols: stressed,
    paperLossProtocols: paper,
    // ctx.t is the last step run: a run whose last step moved ended before its prices settled.
    pricesSettled: stats.lastMovedStep < ctx.t,
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
  const margins = ctx.compiled.defences.margins.length;
  const withActions = (d: number) =>
    d >= margins && ctx.compiled.defences.controllers[d - margins]!.rules.some((r) => r.actions.length > 0);
  const defences = D.ids.map((id, d): DefenceResult => ({
    id,
    kind: D.kinds[d]!,
    cause: ctx.ledger.causeNames[D.cause[d]!]!,
    forcedLiquidatedUsd: usd(D.forcedLiquidatedUsd[d]!),
    updates: D.updates[d]!,
    lowestLiquidationThreshold: Number.isFinite(D.lowestThreshold[d]!) ? D.lowestThreshold[d]! : null,
    ...(withActions(d) ? { actionSteps: D.actionSteps[d]! } : {}),
  }));
  return { forcedLiquidatedUsd: usdFromCents(sumOfCents(D.forcedLiquidatedUsd)), defences };
}

function roundOf(r: number): 0 | 1 {
  return r === 0 ? 0 : 1;
}

/** The venues' prices of an asset priced per venue, as `{ venues }`; nothing for any other asset. */
function venuePrices(s: EngineState, a: number): Pick<AssetResult, 'venues'> {
  const B = s.venues;
  if (!hasBooks(B, a)) return {};
  const venues = [];
  for (let k = B.start[a]!; k < B.end[a]!; k++) {
    venues.push({
      venue: B.venue[k]!,
      finalPriceUsd: bookPrice(B, k, s.assets.fundamental[a]!, s.assets.impact[a]!),
      minPriceUsd: B.minPrice[k]!,
    });
  }
  return { venues };
}

/** The chain of every protocol, asset and market node of a network with chains (docs/model.md §23). */
function nodeChains(s: EngineState): Map<string, string> {
  const K = s.chains;
  const out = new Map<string, string>();
  s.names.protocols.forEach((id, p) => out.set(`protocol:${id}`, K.ids[K.protocolChain[p]!]!));
  s.names.assets.forEach((id, a) => out.set(`asset:${id}`, K.ids[K.assetChain[a]!]!));
  s.names.markets.forEach((id, m) =>
    out.set(`market:${id}`, K.ids[K.protocolChain[s.markets.protocol[m]!]!]!),
  );
  return out;
}

/** The distinct chains of a failed node and its path's nodes, in the order met from the failure back. */
function pathChains(failed: string, path: readonly PathHop[], chainOf: Map<string, string>): string[] {
  const seen: string[] = [];
  for (const node of [failed, ...path.flatMap((h) => [h.to, h.from])]) {
    const c = chainOf.get(node);
    if (c !== undefined && !seen.includes(c)) seen.push(c);
  }
  return seen;
}
