// The file format contagion/clearing@1: a clearing house over members of a network (docs/model.md §25).
import { z } from 'zod';
import { Id, NonNegAmount, Note, PositiveCount, Ref } from './common';
import { PricePath } from './scenario';
import { Source } from './network';

export const CLEARING_FORMAT = 'contagion/clearing@1';

/** Most members, obligations and margin items of a clearing file, so that it resolves in bounded time. */
export const CLEARING_LIMITS = {
  members: 1_000,
  obligations: 100_000,
  marginItems: 1_000,
  steps: 10_000,
} as const;

export const MarginItem = z.strictObject({
  asset: Id.describe('Asset posted (an asset of the network).'),
  amount: NonNegAmount.describe('Units of the asset posted.'),
});

const MarginItems = z.array(MarginItem).max(CLEARING_LIMITS.marginItems, 'at most 1000 items');

export const ClearingMember = z.strictObject({
  protocol: Id.describe('The member: a protocol of the network.'),
  chain: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Chain the member lives on: on a network with chains, a chain of the network and the member protocol's own (absent: the protocol's); otherwise carried into the output only.",
    ),
  initialMargin: MarginItems.default([]).describe('Initial margin posted, in stated assets.'),
  variationMargin: MarginItems.default([]).describe(
    'Variation margin posted, in stated assets (collected at the last mark before the default step).',
  ),
  defaultFund: NonNegAmount.prefault('0').describe(
    "The member's contribution to the default fund, USD (held in the settlement asset).",
  ),
  ref: Ref,
  note: Note.optional(),
});

export const Obligation = z.strictObject({
  from: Id.describe('Member that owes (its protocol id).'),
  to: Id.describe('Member that is owed (its protocol id).'),
  amountUsd: NonNegAmount.describe('USD owed at the default step, before netting.'),
  ref: Ref,
  note: Note.optional(),
});

export const ClearingHouse = z.strictObject({
  id: Id.describe(
    'Id of the clearing house: an id of its own, or a protocol of kind clearing-house of the network (its capital and chain are read from there).',
  ),
  name: z.string().optional().describe('Display name.'),
  chain: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Chain the clearing house lives on: on a network with chains, one of them (absent: the first), where margin must be brought; otherwise carried into the output only.',
    ),
  skinInTheGameUsd: NonNegAmount.optional().describe(
    "The clearing house's own contribution, USD (absent: 0, or the capital of the network protocol the house is).",
  ),
  skinInTheGame: z
    .enum(['first', 'after-members'])
    .default('first')
    .describe(
      "first: the house's contribution is used before the surviving members' contributions; " +
        'after-members: after them, before socialization.',
    ),
  ref: Ref,
  note: Note.optional(),
});

export const Resolution = z.strictObject({
  steps: PositiveCount.max(CLEARING_LIMITS.steps, 'at most 10000 steps').describe(
    "Steps over which the defaulter's book is sold evenly (orderly resolution).",
  ),
  stepSeconds: z
    .number()
    .min(0.001, 'must be positive, at least 0.001')
    .max(86_400, 'must be at most 86400 (one day)')
    .describe(
      'Length of one step in seconds: price impact decays with each asset’s half-life between steps.',
    ),
  depthMultiplier: z
    .number()
    .min(0.001, 'must be at least 0.001')
    .max(1000, 'must be at most 1000')
    .default(1)
    .describe('Multiplier of every venue depth during the resolution (0.5 = half the depth gone).'),
});

export const ClearingShock = z.strictObject({
  asset: Id.describe('Base asset whose price moves (an asset of the network without a peg).'),
  path: PricePath.describe('Price path from the default step (step 0) on, as in a scenario price event.'),
});

export const ClearingFile = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
  format: z.literal(CLEARING_FORMAT).describe('Format tag and version.'),
  name: z.string().min(1).describe('Name of the clearing set-up.'),
  description: z.string().optional().describe('What it asks.'),
  network: z
    .string()
    .optional()
    .describe('Network file, relative to this file; the sample network when absent.'),
  sources: z.record(Id, Source).default({}).describe('Sources of the figures, by id.'),
  note: Note.optional(),
  house: ClearingHouse.describe('The clearing house.'),
  settlementAsset: Id.describe(
    'Asset obligations are settled in; margin in it counts at its price and is not sold.',
  ),
  shock: z
    .array(ClearingShock)
    .max(100, 'at most 100 shocks')
    .default([])
    .describe('Price moves of base assets from the default step on.'),
  resolution: Resolution.describe("How the defaulter's book is sold in the orderly case."),
  members: z
    .array(ClearingMember)
    .min(2, 'a clearing house needs at least two members')
    .max(CLEARING_LIMITS.members, 'at most 1000 members')
    .describe('Member protocols, with their margin and default-fund contributions.'),
  obligations: z
    .array(Obligation)
    .max(CLEARING_LIMITS.obligations, 'at most 100000 obligations')
    .describe('Gross claims between members at the default step; netted multilaterally.'),
});

export type ClearingFileParsed = z.output<typeof ClearingFile>;
