// Adaptive defences of a scenario (docs/model.md §20): dynamic margins that scale a market's liquidation
// threshold by realised volatility, and risk controllers that set thresholds by rules, with injectable failures.
import { z } from 'zod';
import { Count, Id, NonNegAmount, Note, PositiveAmount, PositiveCount, Ratio } from './common';

/** Most dynamic margins and controllers of a scenario. */
export const DEFENCE_LIMITS = { dynamicMargins: 1_000, controllers: 1_000, rules: 100 } as const;

/** An EWMA decay per step: the weight of the previous variance, in [0, 1). */
const Decay = z
  .number()
  .min(0, 'must be in [0, 1)')
  .lt(1, 'must be below 1 (1 would never update)')
  .describe('EWMA decay per step: v_t = lambda v_{t-1} + (1 - lambda) r_t^2.');

/** A volatility per square root of an hour, as the Monte Carlo calibration gives it. */
const VolPerSqrtHour = z
  .number()
  .positive('must be positive')
  .max(100, 'must be at most 100 per root hour')
  .describe('Volatility of log returns per square root of an hour.');

export const MarginRule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('power'),
    exponent: z
      .number()
      .min(0, 'must not be negative')
      .max(10, 'must be at most 10')
      .describe('k in LT_t = LT_0 (sigmaRef / sigma_t)^k.'),
  }),
  z.strictObject({
    kind: z.literal('linear'),
    slope: z
      .number()
      .min(0, 'must not be negative')
      .max(1000, 'must be at most 1000')
      .describe('s in LT_t = LT_0 - s (sigma_t - sigmaRef), sigma per root hour.'),
  }),
]);

export const DynamicMargin = z.strictObject({
  id: Id.describe('Id of the rule; forced liquidations are booked from `margins:<id>`.'),
  market: Id.describe('Market whose liquidation threshold and loan-to-value it sets.'),
  lambda: Decay,
  sigmaRef: VolPerSqrtHour.describe("Volatility at which the threshold is the market's own (per root hour)."),
  initialSigma: VolPerSqrtHour.optional().describe('Volatility the EWMA starts from; sigmaRef when absent.'),
  rule: MarginRule.describe('How the threshold follows the volatility.'),
  floor: Ratio.describe('Lowest threshold the rule sets.'),
  ceiling: Ratio.describe('Highest threshold the rule sets.'),
  lagSteps: Count.default(0).describe('Steps between a threshold being computed and taking effect.'),
  appliesTo: z
    .enum(['all-positions', 'new-borrowing'])
    .default('all-positions')
    .describe(
      '`all-positions`: the threshold of every cohort moves; `new-borrowing`: only the loan-to-value moves.',
    ),
  note: Note.optional(),
});

export const ControllerSignal = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('drawdown'),
    oracle: Id.describe('Oracle whose reading the controller reads.'),
    windowSteps: PositiveCount.describe('Steps looked back for the high of its input.'),
  }),
  z.strictObject({
    kind: z.literal('volatility'),
    oracle: Id.describe('Oracle whose reading the controller reads.'),
    lambda: Decay,
    initialSigma: VolPerSqrtHour.optional().describe('Volatility the EWMA starts from; 0 when absent.'),
  }),
  z.strictObject({
    kind: z.literal('depeg'),
    oracle: Id.describe('Oracle whose reading the controller reads.'),
    targetUsd: PositiveAmount.optional().describe('Price the reading is compared with; 1 when absent.'),
  }),
]);

/** A breaker action a controller's rule takes while it applies (docs/model.md §20.6). */
export const ControllerAction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pause-market'),
    market: Id.optional().describe(
      "Market paused (no liquidation, no new borrowing); every market of the controller's list when absent.",
    ),
  }),
  z.strictObject({
    kind: z.literal('suspend-link'),
    link: Id.describe('Convertibility link suspended (it bounds nothing) while the rule applies.'),
    discount: z
      .number()
      .min(0, 'must not be negative')
      .max(1, 'must be at most 1')
      .default(0)
      .describe(
        "While suspended, holders of its `to` sell at this discount below the issuer's reserve cover (§16).",
      ),
  }),
]);

export const ControllerRule = z.strictObject({
  above: z
    .number()
    .min(0, 'must not be negative')
    .max(1000, 'must be at most 1000')
    .describe('The rule applies when the signal is at or above this value.'),
  liquidationThreshold: Ratio.optional().describe(
    "Threshold it sets on the controller's markets; absent: the market's own.",
  ),
  borrowCap: NonNegAmount.optional().describe(
    "Most units of its debt asset each market of the controller's list may owe after new borrowing; absent: no cap.",
  ),
  supplyCap: NonNegAmount.optional().describe(
    "Most units of its collateral each market of the controller's list may hold after new supply; absent: no cap.",
  ),
  actions: z
    .array(ControllerAction)
    .max(DEFENCE_LIMITS.rules, 'at most 100 actions')
    .default([])
    .describe('Breaker actions in force while the rule applies.'),
});

const Window = {
  atStep: Count.describe('First step of the failure.'),
  durationSteps: PositiveCount.optional().describe('How long it lasts; absent means to the horizon.'),
};

export const ControllerFailure = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('lag'),
    steps: PositiveCount.describe('The controller reads its input as it was this many steps ago.'),
  }),
  z.strictObject({
    kind: z.literal('noise'),
    sd: z
      .number()
      .min(0, 'must not be negative')
      .max(1, 'must be at most 1')
      .describe('Each reading is multiplied by exp(sd Z), Z standard normal.'),
    seed: z
      .number()
      .int('must be an integer')
      .optional()
      .describe("Seed of the draws; the scenario's seed when absent."),
  }),
  z.strictObject({
    kind: z.literal('stale'),
    ...Window,
  }),
  z.strictObject({
    kind: z.literal('manipulated'),
    ...Window,
    priceUsd: PositiveAmount.describe('Reading the controller is fed.'),
  }),
  z.strictObject({
    kind: z.literal('gain'),
    factor: z
      .number()
      .positive('must be positive')
      .max(100, 'must be at most 100')
      .describe("The change a rule asks from the market's own threshold is multiplied by this."),
  }),
  z.strictObject({
    kind: z.literal('wrong-model'),
    lambda: Decay.describe("EWMA decay the controller uses instead of its signal's (volatility signals)."),
  }),
]);

export const Controller = z.strictObject({
  id: Id.describe('Id of the controller; forced liquidations are booked from `controller:<id>`.'),
  signal: ControllerSignal.describe('What it reads each step.'),
  markets: z.array(Id).min(1).describe('Markets whose liquidation threshold (and loan-to-value) it sets.'),
  rules: z
    .array(ControllerRule)
    .min(1)
    .max(DEFENCE_LIMITS.rules, 'at most 100 rules')
    .describe("The rule with the highest `above` the signal reaches applies; none: the market's own."),
  floor: Ratio.default(0).describe('Lowest threshold it sets.'),
  ceiling: Ratio.default(1).describe('Highest threshold it sets.'),
  maxChangePerUpdate: Ratio.optional().describe(
    'Largest change of a threshold in one update; unbounded when absent.',
  ),
  cooldownSteps: Count.default(0).describe('Steps after an update before the next one.'),
  failures: z.array(ControllerFailure).default([]).describe('Failure modes injected into the controller.'),
  note: Note.optional(),
});

export type DynamicMarginParsed = z.output<typeof DynamicMargin>;
export type ControllerParsed = z.output<typeof Controller>;
export type ControllerFailureParsed = z.output<typeof ControllerFailure>;
export type ControllerActionParsed = z.output<typeof ControllerAction>;
