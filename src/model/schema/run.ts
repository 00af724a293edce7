// The contagion/run@1 output (`contagion shock --json`) as a zod schema: what a saved run must be when it is
// read back (reports, the store's write-back). The engine's RunResult is proved equal to it at compile time.
import { z } from 'zod';
import { SIGNAL_KINDS } from '../signal-kinds';

export const RUN_FORMAT = 'contagion/run@1';

export const Usd = z
  .string()
  .regex(/^-?\d+\.\d\d$/, 'must be a USD amount with two decimals such as "-1234.56"');
const Channel = z.enum(['price', 'liquidation', 'counterparty', 'peg', 'exogenous', 'interest']);
/** A realised path's hop also names `run`: stuck depositors selling a receipt token (docs/model.md §19). */
const HopChannel = z.enum(['price', 'liquidation', 'counterparty', 'peg', 'exogenous', 'interest', 'run']);
const Step = z.number().int().min(-1);
const Status = z.enum(['stressed', 'insolvent']);

const PathHop = z.object({
  step: Step,
  from: z.string(),
  to: z.string(),
  channel: HopChannel,
  amountUsd: z.number(),
  priceChange: z.number(),
});

const SignalKind = z.enum(SIGNAL_KINDS);

/** The early-warning signals of a run (docs/model.md §21), present when the run was asked to keep them. */
const RunSignals = z.object({
  thresholds: z.record(SignalKind, z.number()),
  compositeWeights: z.record(SignalKind.exclude(['composite']), z.number()),
  series: z.array(
    z.object({
      signal: SignalKind,
      on: z.enum(['asset', 'oracle', 'market', 'protocol', 'perp-book']),
      target: z.string(),
      peak: z.number(),
      peakStep: Step,
      crossedStep: Step.nullable(),
      values: z.array(z.number()),
    }),
  ),
});

/** What a run's liquidation auctions add up to, in total and per market (docs/model.md §17). */
const auctionCounts = {
  started: z.number().nonnegative(),
  closed: z.number().nonnegative(),
  open: z.number().nonnegative(),
  zeroBid: z.number().nonnegative(),
  proceedsUsd: Usd,
  shortfallUsd: Usd,
  keeperProfitUsd: Usd,
};

export const RunDocument = z.object({
  format: z.literal(RUN_FORMAT),
  network: z.object({ name: z.string(), asOf: z.string() }),
  scenario: z.object({
    name: z.string(),
    stepSeconds: z.number().positive(),
    horizonSteps: z.number().int().nonnegative(),
    stepsRun: z.number().int().nonnegative(),
    seed: z.number(),
  }),
  breakers: z.array(z.string()),
  summary: z.object({
    badDebtUsd: Usd,
    // The loss measures (docs/model.md §16) default so that a run saved before they existed still reads.
    latentBadDebtOracleUsd: Usd.default('0.00'),
    latentBadDebtMarketUsd: Usd.default('0.00'),
    paperLossUsd: Usd.default('0.00'),
    socializedLossUsd: Usd.default('0.00'),
    insuranceFundUsedUsd: Usd.default('0.00'),
    liquidatedUsd: Usd,
    lossUsd: Usd,
    insolventProtocols: z.array(z.string()),
    stressedProtocols: z.array(z.string()),
    paperLossProtocols: z.array(z.string()).default([]),
    pricesSettled: z.boolean().default(true),
    worstPrices: z.array(z.object({ asset: z.string(), minPriceUsd: z.number(), maxDrawdown: z.number() })),
    liquidityFrozenPeakUsd: Usd,
    unprofitablePeakUsd: Usd,
    throttledPeakUsd: Usd,
    /** Only for a scenario with dynamic margins or controllers (docs/model.md §20). */
    forcedLiquidatedUsd: Usd.optional(),
    defences: z
      .array(
        z.object({
          id: z.string(),
          kind: z.enum(['dynamic-margin', 'controller']),
          cause: z.string(),
          forcedLiquidatedUsd: Usd,
          updates: z.number().int().nonnegative(),
          lowestLiquidationThreshold: z.number().nullable(),
          actionSteps: z.number().int().nonnegative().optional(),
        }),
      )
      .optional(),
  }),
  protocols: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['healthy', 'paper-loss', 'stressed', 'insolvent']),
      firstStressedStep: Step.nullable(),
      firstInsolventStep: Step.nullable(),
      firstPaperLossStep: Step.nullable().default(null),
      firstStressedRound: z.union([z.literal(0), z.literal(1)]).nullable(),
      firstInsolventRound: z.union([z.literal(0), z.literal(1)]).nullable(),
      equityStartUsd: Usd,
      equityEndUsd: Usd,
      lossUsd: Usd,
      lossByChannel: z.object({
        price: Usd,
        liquidation: Usd,
        counterparty: Usd,
        peg: Usd,
        exogenous: Usd,
        // Interest accrued (docs/model.md §18); a run saved before the channel existed reads as 0.
        interest: Usd.default('0.00'),
      }),
      badDebtUsd: Usd,
      latentBadDebtOracleUsd: Usd.default('0.00'),
      latentBadDebtMarketUsd: Usd.default('0.00'),
      paperLossUsd: Usd.default('0.00'),
      socializedLossUsd: Usd.default('0.00'),
      liquidatedUsd: Usd,
      recovery: z.number(),
      insuranceFundUsedUsd: Usd,
    }),
  ),
  assets: z.array(
    z.object({
      id: z.string(),
      initialPriceUsd: z.number(),
      finalPriceUsd: z.number(),
      minPriceUsd: z.number(),
      maxDrawdown: z.number(),
      seizedUsd: Usd,
      /** Only for an asset priced per venue (docs/model.md §22): each venue's price as the run ends and its lowest. */
      venues: z
        .array(z.object({ venue: z.string(), finalPriceUsd: z.number(), minPriceUsd: z.number() }))
        .optional(),
    }),
  ),
  markets: z.array(z.object({ id: z.string(), protocol: z.string(), liquidatedUsd: Usd, badDebtUsd: Usd })),
  auctions: z
    .object({
      ...auctionCounts,
      markets: z.array(
        z.object({
          market: z.string(),
          protocol: z.string(),
          kind: z.enum(['dutch', 'english']),
          ...auctionCounts,
        }),
      ),
    })
    .optional(),
  perps: z
    .array(
      z.object({
        id: z.string(),
        protocol: z.string(),
        backstop: z.string().nullable(),
        liquidatedUsd: Usd,
        bookLiquidatedUsd: Usd,
        backstopTakeoverUsd: Usd,
        backstopPnlUsd: Usd,
        backstopOpenUsd: Usd,
        insuranceFundUsedUsd: Usd,
        adlVolumeUsd: Usd,
        backstopDeleveragedUsd: Usd,
        socializedLossUsd: Usd,
        badDebtUsd: Usd,
        fundingPaidByLongsUsd: Usd,
        bookDiscountUsd: Usd,
        partialOrderUsd: Usd.optional(),
        makerFilledUsd: Usd.optional(),
        makerDiscountUsd: Usd.optional(),
        makerPnlUsd: Usd.optional(),
        finalMarkUsd: z.number(),
        loans: z
          .object({
            borrowedUsd: Usd,
            pnlCountedUsd: Usd,
            recoveredUsd: Usd,
            badDebtUsd: Usd,
            outstandingUsd: Usd,
            outstandingValueUsd: Usd,
          })
          .optional(),
      }),
    )
    .optional(),
  pools: z
    .array(
      z.object({
        protocol: z.string(),
        asset: z.string(),
        utilization: z.number(),
        peakUtilization: z.number(),
        borrowRate: z.number(),
        supplyRate: z.number(),
        peakBorrowRate: z.number(),
        interestUsd: Usd,
      }),
    )
    .optional(),
  breakerActivations: z.array(
    z.object({ breaker: z.string(), startStep: Step, endStep: Step, liquidityFrozenPeakUsd: Usd }),
  ),
  depositorRuns: z
    .array(z.object({ protocol: z.string(), requestedUsd: Usd, paidUsd: Usd, stuckUsd: Usd }))
    .optional(),
  failures: z.array(
    z.object({
      protocol: z.string(),
      status: Status,
      step: Step,
      round: z.union([z.literal(0), z.literal(1)]),
      path: z.array(PathHop),
      /** Only for a network with chains (docs/model.md §23): the chains the path's nodes live on, as met from the failure back. */
      chains: z.array(z.string()).optional(),
    }),
  ),
  series: z.object({
    step: z.array(z.number().int()),
    priceUsd: z.record(z.string(), z.array(z.number())),
    equityUsd: z.record(z.string(), z.array(z.number())),
  }),
  signals: RunSignals.optional(),
  ledger: z.array(
    z.object({ step: Step, from: z.string(), to: z.string(), channel: Channel, amountUsd: Usd }),
  ),
});

/** A saved run, as parsed. */
export type RunDocument = z.infer<typeof RunDocument>;
