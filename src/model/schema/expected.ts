// The file format contagion/expected@1: the measured outcomes of a historical event, each with its band.
import { z } from 'zod';
import { Id, Note } from './common';
import { SourceKind } from './network';

export const EXPECTED_FORMAT = 'contagion/expected@1';

const Status = z
  .enum(['stressed', 'insolvent'])
  .describe('Status counted as failed (insolvent also counts as stressed).');

/** What is measured; each kind reads one field of the run@1 output (docs/formats.md). */
export const Quantity = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('bad-debt'),
    protocol: Id.optional().describe('Protocol whose bad debt is read; absent means the whole run.'),
  }),
  z.strictObject({
    kind: z.literal('liquidated'),
    protocol: Id.optional().describe('Protocol whose liquidated debt is read; absent means the whole run.'),
  }),
  z.strictObject({
    kind: z.literal('loss'),
    protocol: Id.describe('Protocol whose equity loss over the run is read.'),
  }),
  z.strictObject({
    kind: z.literal('min-price'),
    asset: Id.describe('Asset whose lowest market price over the run is read.'),
  }),
  z.strictObject({
    kind: z.literal('max-price'),
    asset: Id.describe('Asset whose highest market price over the run is read.'),
  }),
  z.strictObject({
    kind: z.literal('seized'),
    asset: Id.describe(
      'Asset whose collateral seized by liquidations over the run is read (USD at seizure).',
    ),
  }),
  z.strictObject({
    kind: z.literal('failed'),
    protocols: z
      .array(Id)
      .min(1)
      .describe('Protocols looked at; the value is the subset of them that failed.'),
    status: Status,
  }),
  z.strictObject({
    kind: z.literal('order'),
    first: Id.describe('Protocol measured to fail first.'),
    second: Id.describe('Protocol measured to fail after it (or not at all).'),
    status: Status,
  }),
  z.strictObject({
    kind: z.literal('adl-volume'),
    protocol: Id.describe(
      'Perp venue whose auto-deleveraging volume (notional of opposite positions closed, all its books) is read.',
    ),
  }),
  z.strictObject({
    kind: z.literal('pnl-collateral'),
    protocol: Id.describe(
      'Perp venue that lends against its cohorts: the largest unrealised PnL a borrow counted as collateral (its books summed) is read.',
    ),
  }),
]);

export const Quality = z
  .enum(['measured', 'estimated', 'reported'])
  .describe(
    'measured: counted from chain data or by the protocol; estimated: an analyst estimate or a figure derived from others; reported: press or aggregator figure.',
  );

export const OutcomeSource = z.strictObject({
  title: z.string().min(1).describe('What the source is.'),
  url: z.string().optional().describe('Where to read it.'),
  kind: SourceKind.describe('Kind of source, as in a network file.'),
});

const Measured = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    value,
    unit: z.string().optional().describe('Unit the value is written in (USD, USD per token...).'),
    window: z.string().optional().describe('Time window of the measurement.'),
    quality: Quality,
    sources: z.array(OutcomeSource).min(1).describe('Where the value comes from.'),
    note: Note.optional(),
  });

/** Bands of a number. */
export const NumberBand = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('interval'),
    low: z.number().describe('Lowest model value inside the band.'),
    high: z.number().describe('Highest model value inside the band.'),
  }),
  z.strictObject({
    kind: z.literal('factor'),
    factor: z
      .number()
      .min(1, 'must be at least 1')
      .describe('Inside when model/measured is in [1/factor, factor].'),
  }),
  z.strictObject({
    kind: z.literal('order-of-magnitude'),
    decades: z
      .number()
      .positive('must be positive')
      .default(0.5)
      .describe('Inside when |log10(model/measured)| is at most this (0.5: within x/÷3.16).'),
  }),
  z.strictObject({
    kind: z.literal('direction'),
    direction: z
      .enum(['zero', 'positive', 'below', 'above'])
      .describe('zero: |model| <= tolerance; positive: model > tolerance; below/above: model < or > `than`.'),
    than: z.number().optional().describe('Reference value of below/above (required for them).'),
    tolerance: z.number().min(0).default(0).describe('Absolute slack of zero and positive.'),
  }),
]);

/** Band of a set or an ordering: the model must give exactly the measured value. */
export const ExactBand = z.strictObject({ kind: z.literal('exact') });

const base = {
  id: Id.describe('Outcome id, unique in the file.'),
  description: z.string().optional().describe('What the outcome is, in words.'),
};

export const NumberOutcome = z.strictObject({
  ...base,
  quantity: z.union([
    Quantity.options[0],
    Quantity.options[1],
    Quantity.options[2],
    Quantity.options[3],
    Quantity.options[4],
    Quantity.options[5],
    Quantity.options[8],
    Quantity.options[9],
  ]),
  measured: Measured(z.number().describe('The measured number, in USD or USD per token.')),
  band: NumberBand,
});

export const SetOutcome = z.strictObject({
  ...base,
  quantity: Quantity.options[6],
  measured: Measured(z.array(Id).describe('Protocols of `quantity.protocols` that failed.')),
  band: ExactBand,
});

export const OrderOutcome = z.strictObject({
  ...base,
  quantity: Quantity.options[7],
  measured: Measured(
    z.boolean().describe('True: `first` failed strictly before `second` (or `second` not at all).'),
  ),
  band: ExactBand,
});

export const Outcome = z.union([NumberOutcome, SetOutcome, OrderOutcome]);

export const ExpectedFile = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
  format: z.literal(EXPECTED_FORMAT).describe('Format tag and version.'),
  event: Id.describe('Event id: the name of its folder under data/events/.'),
  name: z.string().min(1).describe('Name of the event.'),
  date: z.string().describe('When the event happened.'),
  passing: z
    .boolean()
    .describe('True when every outcome is inside its band: the test suite then fails if one leaves it.'),
  outcomes: z
    .array(Outcome)
    .min(3, 'an event needs at least three measured outcomes')
    .describe('Measured outcomes.'),
});

export type ExpectedFileParsed = z.output<typeof ExpectedFile>;
export type OutcomeParsed = z.output<typeof Outcome>;
export type NumberBandParsed = z.output<typeof NumberBand>;
export type QuantityParsed = z.output<typeof Quantity>;
