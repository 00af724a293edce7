// The file formats contagion/scenario@1 and contagion/breakers@1: events of docs/model.md §3.1 and breakers of §4.
import { z } from 'zod';
import { SIGNAL_KINDS } from '../signal-kinds';
import { Count, Id, NonNegAmount, Note, PositiveAmount, PositiveCount, Rate, Ratio, Seconds } from './common';
import { Controller, DEFENCE_LIMITS, DynamicMargin } from './defences';

/** Limits of a run, so that a valid scenario also runs in bounded time and memory. */
export const SCENARIO_LIMITS = {
  /** Most steps of a run (about 35 days of 12-second blocks). */
  horizonSteps: 250_000,
  /** Most events of a scenario, breakers of a scenario or file, and points of a series. */
  events: 10_000,
  breakers: 1_000,
  seriesPoints: 250_000,
  /** Largest rise of a price path: tenfold (a change of 9), so USD values stay within the cents ledger. */
  change: 9,
  /** Largest congestion level of a chain event (gas a thousand times its normal price). */
  congestion: 1000,
} as const;

export const SCENARIO_FORMAT = 'contagion/scenario@1';
export const BREAKERS_FORMAT = 'contagion/breakers@1';

const Change = z
  .number()
  .min(-1, 'a price cannot fall more than 100%')
  .max(SCENARIO_LIMITS.change, 'a price can rise at most tenfold (a change of 9)')
  .describe('Relative change, -0.3 is -30%.');

export const PricePath = z.discriminatedUnion('shape', [
  z.strictObject({ shape: z.literal('gap'), change: Change }),
  z.strictObject({
    shape: z.literal('linear'),
    change: Change,
    overSteps: PositiveCount.describe('Steps over which the change is spread evenly.'),
  }),
  z.strictObject({
    shape: z.literal('series'),
    everySteps: PositiveCount.default(1).describe('Steps between points.'),
    changes: z
      .array(Change)
      .min(1)
      .max(SCENARIO_LIMITS.seriesPoints, 'at most 250000 points')
      .describe('Cumulative change from the level at `atStep`, one per point.'),
  }),
]);

const at = { atStep: Count.describe('Step at which the event starts (0 is the first step).') };
const during = {
  durationSteps: PositiveCount.optional().describe('How long it lasts; absent means to the horizon.'),
};

export const ScenarioEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('price'),
    asset: Id.describe(
      "Asset whose price moves: a base asset's fundamental, or a pegged asset's market price.",
    ),
    ...at,
    path: PricePath.describe('Shape of the move.'),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('depth'),
    asset: Id.describe('Asset whose depth changes on every venue.'),
    ...at,
    ...during,
    multiplier: Rate.describe('Factor on the asset depth (0.2 = 80% of it gone), within 1e-9 to 1e9.'),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('oracle-freeze'),
    oracle: Id.describe('Oracle that stops updating.'),
    ...at,
    ...during,
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('oracle-stale'),
    oracle: Id.describe('Oracle whose updates arrive later.'),
    ...at,
    ...during,
    extraLatencySec: Seconds.positive('must be positive').describe('Seconds added to the oracle latency.'),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('oracle-manipulate'),
    oracle: Id.describe('Oracle that reports a forced value.'),
    ...at,
    ...during,
    priceUsd: PositiveAmount.describe('Value the oracle reports while manipulated.'),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('exploit'),
    protocol: Id.describe('Protocol that loses assets.'),
    ...at,
    lossUsd: NonNegAmount.optional().describe(
      'USD taken from other assets first, then from holdings pro rata.',
    ),
    share: Ratio.optional().describe('Share of every holding taken.'),
    holdings: z
      .array(z.strictObject({ asset: Id, amount: NonNegAmount }))
      .min(1)
      .optional()
      .describe('Exact tokens taken.'),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('link'),
    link: Id.describe('Id of the convertibility link that is suspended, reopened or resized.'),
    open: z
      .boolean()
      .optional()
      .describe('false suspends the link (it bounds nothing), true reopens it; absent: unchanged.'),
    capacityPerDay: NonNegAmount.optional().describe(
      'Units of `to` the link converts per day while the event lasts (a withdrawal queue resized); absent: unchanged.',
    ),
    delaySec: Seconds.optional().describe(
      'Seconds a redemption takes while the event lasts (a longer queue or cooldown); absent: unchanged.',
    ),
    discount: z
      .number()
      .min(0, 'must be in [0, 1)')
      .lt(1, 'must be in [0, 1)')
      .optional()
      .describe(
        "Only when suspending: while the link is closed, holders of its `to` sell at this discount below the share of the issuer's liabilities its reserves cover (docs/model.md §16). Absent: the token keeps its issuer's recovery.",
      ),
    ...at,
    ...during,
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('chain'),
    chain: Id.optional().describe(
      'Chain congested (an id of the network `chains`, docs/model.md §23); absent, every chain.',
    ),
    ...at,
    ...during,
    blockTimeSec: Seconds.positive('must be positive').describe('Seconds between blocks.'),
    congestion: z
      .strictObject({
        everySteps: PositiveCount.default(1).describe('Steps between levels.'),
        levels: z
          .array(
            z
              .number()
              .min(1, 'a congestion level is at least 1 (normal gas)')
              .max(SCENARIO_LIMITS.congestion, 'a congestion level is at most 1000'),
          )
          .min(1)
          .max(SCENARIO_LIMITS.seriesPoints, 'at most 250000 points')
          .describe('Gas price over its normal level, one per point; the last holds to the end.'),
      })
      .describe('The congestion path.'),
    inclusionDelaySecPerLevel: Seconds.describe(
      'Seconds a transaction waits for inclusion beyond one block, per congestion level above 1.',
    ),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('bridge-exploit'),
    bridge: Id.describe('Bridge whose escrow is drained (an id of the network `bridges`).'),
    ...at,
    share: Ratio.optional().describe('Share of the escrow holdings of the canonical taken (0 to 1).'),
    amount: NonNegAmount.optional().describe('Units of the canonical taken from the escrow.'),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('sale'),
    asset: Id.describe('Asset sold by sellers outside the network.'),
    venue: Id.optional().describe(
      'Venue the sale lands on, for an asset priced per venue; absent, spread over its venues pro rata by depth.',
    ),
    ...at,
    usd: PositiveAmount.describe('USD sold at atStep, at the price before the sale.'),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('buy'),
    asset: Id.describe('Asset bought by buyers outside the network.'),
    venue: Id.optional().describe(
      'Venue the buy lands on, for an asset priced per venue; absent, spread over its venues pro rata by depth.',
    ),
    ...at,
    usd: PositiveAmount.describe('USD bought at atStep, at the price before the buy.'),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('perp-borrow'),
    book: Id.describe('Perp book whose venue lends against the cohort (the book must have `lending`).'),
    cohort: z
      .string()
      .min(1)
      .describe("Label of the book's cohort that borrows (labels must then be unique)."),
    ...at,
    assets: z
      .array(Id)
      .min(1)
      .describe("Assets borrowed, in this order, each up to the venue's holding of it."),
    share: Ratio.default(1).describe("Share of the cohort's borrowing power left that it draws."),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('borrow'),
    market: Id.describe('Market whose borrowers draw new debt against new collateral (docs/model.md §20.6).'),
    ...at,
    ...during,
    debtPerStep: PositiveAmount.describe(
      "Units of the market's debt asset borrowed per step, spread over its cohorts pro rata by collateral.",
    ),
    collateralPerStep: NonNegAmount.optional().describe(
      'Units of collateral the borrowers supply with it per step, spread the same way; absent: none.',
    ),
    note: Note.optional(),
  }),
  z.strictObject({
    type: z.literal('run'),
    protocol: Id.describe('Protocol whose depositors withdraw.'),
    ...at,
    share: Ratio.describe(
      'Share withdrawn of what is owed to depositors who are not modelled (external liabilities and issued tokens no modelled protocol holds).',
    ),
    note: Note.optional(),
  }),
]);

export const Scope = z.union([
  z.literal('all'),
  z.strictObject({ protocols: z.array(Id).min(1).describe('Protocols the breaker watches and acts on.') }),
  z.strictObject({
    chain: Id.describe(
      'Every protocol on this chain (an id of the network `chains`), and while on, every conversion link run on it is suspended (docs/model.md §24).',
    ),
  }),
  z.strictObject({
    bridge: Id.describe(
      'The escrow of this bridge (an id of the network `bridges`), and while on, its conversion links are suspended: the bridge is halted (docs/model.md §24).',
    ),
  }),
]);

export const Trigger = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('drawdown'),
    asset: Id.describe('Asset whose market price is watched.'),
    threshold: Ratio.describe('Fall from the window high, 0.05 = 5%.'),
    windowSteps: PositiveCount.describe('Steps looked back for the high.'),
  }),
  z.strictObject({
    kind: z.literal('oracle-deviation'),
    oracle: z
      .union([z.literal('any'), Id])
      .default('any')
      .describe('An oracle id, or `any` oracle read in scope.'),
    threshold: Ratio.describe('|reading - market| / market.'),
  }),
  z.strictObject({
    kind: z.literal('bad-debt'),
    protocol: z
      .union([z.literal('any'), Id])
      .default('any')
      .describe('A protocol id, or `any` protocol in scope.'),
    thresholdUsd: NonNegAmount.describe('Bad debt at or above which it fires.'),
  }),
  z.strictObject({
    kind: z.literal('loss-ratio'),
    protocol: z
      .union([z.literal('any'), Id])
      .default('any')
      .describe('A protocol id, or `any` protocol in scope.'),
    threshold: Ratio.describe('Loss since step 0 over initial assets.'),
  }),
  z.strictObject({
    kind: z.literal('failures'),
    status: z.enum(['stressed', 'insolvent']).describe('Status counted (insolvent also counts as stressed).'),
    count: PositiveCount.describe('Number of protocols in scope at or beyond `status`.'),
  }),
  z.strictObject({
    kind: z.literal('insurance-depletion'),
    protocol: z
      .union([z.literal('any'), Id])
      .default('any')
      .describe('A protocol id, or `any` protocol in scope.'),
    threshold: Ratio.describe('Share of the insurance fund used.'),
  }),
  z.strictObject({
    kind: z.literal('signal'),
    signal: z.enum(SIGNAL_KINDS).describe('Early-warning signal read, on each protocol (docs/model.md §21).'),
    protocol: z
      .union([z.literal('any'), Id])
      .default('any')
      .describe('A protocol id, or `any` protocol in scope.'),
    threshold: z
      .number()
      .min(0, 'must be at least 0')
      .optional()
      .describe("Level at or above which it fires; the signal's own threshold when absent."),
  }),
  z.strictObject({
    kind: z.literal('bridge-outflow'),
    bridge: Id.describe(
      'Bridge whose escrow is watched (an id of the network `bridges`, docs/model.md §24).',
    ),
    thresholdUsd: NonNegAmount.optional().describe(
      'Canonical leaving the escrow over the window, in USD at the current price, at or above which it fires.',
    ),
    thresholdShare: Ratio.optional().describe(
      'Canonical leaving the escrow over the window as a share of its holding at the window start.',
    ),
    windowSteps: PositiveCount.default(1).describe('Steps looked back (1: the outflow of this step).'),
  }),
  z.strictObject({
    kind: z.literal('depeg'),
    asset: Id.describe(
      'Pegged asset watched, or the canonical of a bridge when `chain` names the chain of its copy.',
    ),
    chain: Id.optional().describe(
      "Chain of the copy watched: the copy of `asset` a bridge issues on this chain; absent or the asset's own chain, the asset itself.",
    ),
    threshold: Ratio.describe('Fall of the market price below par (peg rate x target price), 0.02 = 2%.'),
  }),
  z.strictObject({
    kind: z.literal('liquidation-volume'),
    thresholdUsd: NonNegAmount.describe(
      'USD liquidated in scope over the window at or above which it fires.',
    ),
    windowSteps: PositiveCount.describe('Steps summed.'),
  }),
]);

export const Action = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pause-liquidations') }),
  z.strictObject({ kind: z.literal('pause-borrowing') }),
  z.strictObject({ kind: z.literal('pause-withdrawals') }),
  z.strictObject({
    kind: z.literal('pause-trading'),
    asset: Id.optional().describe('Only this asset; every asset when absent.'),
  }),
  z.strictObject({
    kind: z.literal('cap-liquidations'),
    maxUsdPerStep: NonNegAmount.describe('Most debt repaid by liquidations per step in scope.'),
  }),
  z.strictObject({
    kind: z.literal('twap'),
    steps: PositiveCount.describe('Steps over which seized collateral is sold.'),
  }),
  z.strictObject({
    kind: z.literal('freeze-oracle'),
    oracle: z
      .union([z.literal('all'), Id])
      .default('all')
      .describe('An oracle id, or `all` oracles read in scope.'),
  }),
]);

export const Breaker = z.strictObject({
  id: Id.describe('Breaker id.'),
  name: z.string().optional().describe('Display name.'),
  scope: Scope.default('all').describe('`all` protocols, a list, a chain or a bridge.'),
  trigger: Trigger.describe('When it fires.'),
  actions: z.array(Action).min(1).describe('What it does while on.'),
  durationSteps: PositiveCount.describe('How long the actions stay on once triggered.'),
  cooldownSteps: Count.default(0).describe('Steps after the actions end before the trigger is armed again.'),
  note: Note.optional(),
});

export const ScenarioFile = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
  format: z.literal(SCENARIO_FORMAT).describe('Format tag and version.'),
  name: z.string().min(1).describe('Name of the scenario.'),
  description: z.string().optional().describe('What it asks.'),
  network: z
    .string()
    .optional()
    .describe('Network file, relative to this file; the sample network when absent.'),
  stepSeconds: z
    .number()
    .min(0.001, 'must be positive, at least 0.001')
    .max(86_400, 'must be at most 86400 (one day)')
    .describe('Length of one step in seconds (12 = one block).'),
  horizonSteps: PositiveCount.max(SCENARIO_LIMITS.horizonSteps, 'must be at most 250000 steps').describe(
    'Number of steps simulated.',
  ),
  quietSteps: Count.default(0).describe(
    'Stop early after this many steps with nothing moving; 0 never stops early.',
  ),
  seed: z.number().int('must be an integer').default(0).describe('Seed of every random draw of the run.'),
  events: z
    .array(ScenarioEvent)
    .min(1, 'a scenario needs at least one event')
    .max(SCENARIO_LIMITS.events, 'at most 10000 events')
    .describe('Exogenous events.'),
  breakers: z
    .array(Breaker)
    .max(SCENARIO_LIMITS.breakers, 'at most 1000 breakers')
    .default([])
    .describe('Circuit breakers active in the run.'),
  dynamicMargins: z
    .array(DynamicMargin)
    .max(DEFENCE_LIMITS.dynamicMargins, 'at most 1000 dynamic margins')
    .default([])
    .describe('Liquidation thresholds scaled by realised volatility (docs/model.md §20).'),
  controllers: z
    .array(Controller)
    .max(DEFENCE_LIMITS.controllers, 'at most 1000 controllers')
    .default([])
    .describe('Risk controllers that set liquidation thresholds by rules (docs/model.md §20).'),
});

export const BreakersFile = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
  format: z.literal(BREAKERS_FORMAT).describe('Format tag and version.'),
  name: z.string().optional().describe('Name of the set.'),
  description: z.string().optional().describe('What the breakers are for.'),
  breakers: z
    .array(Breaker)
    .min(1)
    .max(SCENARIO_LIMITS.breakers, 'at most 1000 breakers')
    .describe('The breakers.'),
});

export type ScenarioFileParsed = z.output<typeof ScenarioFile>;
export type BreakersFileParsed = z.output<typeof BreakersFile>;
export type ScenarioEventParsed = z.output<typeof ScenarioEvent>;
export type BreakerParsed = z.output<typeof Breaker>;
