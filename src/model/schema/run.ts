// The contagion/run@1 output (`contagion shock --json`) as a zod schema: what a saved run must be when it is
// read back (reports, the store's write-back). The engine's RunResult is proved equal to it at compile time.
import { z } from 'zod';

export const RUN_FORMAT = 'contagion/run@1';

export const Usd = z
  .string()
  .regex(/^-?\d+\.\d\d$/, 'must be a USD amount with two decimals such as "-1234.56"');
const Channel = z.enum(['price', 'liquidation', 'counterparty', 'peg', 'exogenous']);
const Step = z.number().int().min(-1);
const Status = z.enum(['stressed', 'insolvent']);

const PathHop = z.object({
  step: Step,
  from: z.string(),
  to: z.string(),
  channel: Channel,
  amountUsd: z.number(),
  priceChange: z.number(),
});

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
    liquidatedUsd: Usd,
    lossUsd: Usd,
    insolventProtocols: z.array(z.string()),
    stressedProtocols: z.array(z.string()),
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
        }),
      )
      .optional(),
  }),
  protocols: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['healthy', 'stressed', 'insolvent']),
      firstStressedStep: Step.nullable(),
      firstInsolventStep: Step.nullable(),
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
      }),
      badDebtUsd: Usd,
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
    }),
  ),
  markets: z.array(z.object({ id: z.string(), protocol: z.string(), liquidatedUsd: Usd, badDebtUsd: Usd })),
  breakerActivations: z.array(
    z.object({ breaker: z.string(), startStep: Step, endStep: Step, liquidityFrozenPeakUsd: Usd }),
  ),
  failures: z.array(
    z.object({
      protocol: z.string(),
      status: Status,
      step: Step,
      round: z.union([z.literal(0), z.literal(1)]),
      path: z.array(PathHop),
    }),
  ),
  series: z.object({
    step: z.array(z.number().int()),
    priceUsd: z.record(z.string(), z.array(z.number())),
    equityUsd: z.record(z.string(), z.array(z.number())),
  }),
  ledger: z.array(
    z.object({ step: Step, from: z.string(), to: z.string(), channel: Channel, amountUsd: Usd }),
  ),
});

/** A saved run, as parsed. */
export type RunDocument = z.infer<typeof RunDocument>;
