// The file format contagion/network@1: the DeFi network of MODEL.md §1 as a zod schema.
import { z } from 'zod';
import { Id, NonNegAmount, Note, PositiveAmount, Ratio, Ref } from './common';

export const NETWORK_FORMAT = 'contagion/network@1';

export const SourceKind = z.enum(['primary', 'press', 'weak', 'data', 'estimate', 'derived']);

export const Source = z.strictObject({
  title: z.string().min(1),
  url: z.string().optional(),
  kind: SourceKind.describe(
    'primary: protocol doc/forum/repo; press; weak: aggregator or mirror; data: dashboard snapshot; ' +
      'estimate: our own estimate (the note says how); derived: computed from other sources (the note says how).',
  ),
  asOf: z.string().optional().describe('Date the figures refer to.'),
  note: Note.optional(),
});

export const Peg = z.strictObject({
  target: z.union([z.literal('USD'), Id]).describe('`USD` or the id of the asset this one is pegged to.'),
  issuer: Id.describe('Protocol whose balance sheet backs the asset (it must list the asset in `issues`).'),
  rate: z
    .number()
    .positive('must be positive')
    .default(1)
    .describe('Units of target one unit is redeemable for at full backing (wstETH: stETH per wstETH).'),
});

export const Asset = z.strictObject({
  id: Id,
  name: z.string().optional(),
  priceUsd: PositiveAmount.describe('Initial market price in USD per token.'),
  peg: Peg.optional().describe('Absent for a base asset, whose fundamental follows the scenario.'),
  ref: Ref,
  note: Note.optional(),
});

export const Convertibility = z.strictObject({
  from: Id.describe('Asset paid in to mint, or paid out on redeem.'),
  to: Id.describe('Asset minted or redeemed.'),
  rate: z.number().positive('must be positive').describe('Units of `from` per unit of `to`.'),
  fee: Ratio.default(0),
  direction: z.enum(['mint', 'redeem', 'both']),
  converter: Id.optional().describe('Protocol that runs the conversion; its holdings of `from` bound redemptions.'),
  capacity: NonNegAmount.optional().describe('Most units of `to` that can be converted over a run; absent means unbounded.'),
  ref: Ref,
  note: Note.optional(),
});

export const Liquidity = z.strictObject({
  asset: Id,
  depthUsd2pct: NonNegAmount.describe('USD of net selling that moves the price 2%.'),
  resilienceHalfLifeSec: z.number().positive('must be positive').describe('Half-life of price impact, seconds.'),
  ref: Ref,
});

export const Venue = z.strictObject({
  id: Id,
  name: z.string().optional(),
  kind: z.enum(['dex', 'cex', 'otc']),
  operator: Id.optional().describe('Protocol that runs the venue, if it is modelled.'),
  liquidity: z.array(Liquidity).min(1),
  ref: Ref,
  note: Note.optional(),
});

export const OracleSource = z.enum(['market', 'exchange-rate', 'proxy', 'fixed']);

export const Oracle = z.strictObject({
  id: Id,
  name: z.string().optional(),
  asset: Id.describe('Asset whose price the oracle reports.'),
  source: OracleSource,
  heartbeatSec: z.number().positive('must be positive'),
  deviation: Ratio.describe('Relative move that triggers an update.'),
  latencySec: z.number().min(0, 'must not be negative').describe('Delay before an update becomes visible.'),
  proxyAsset: Id.optional().describe('For `proxy`: the asset whose price is reported instead.'),
  fixedPriceUsd: PositiveAmount.optional().describe('For `fixed`: the hard-coded price.'),
  ref: Ref,
  note: Note.optional(),
});

export const Holding = z.strictObject({
  asset: Id,
  amount: NonNegAmount.describe('Tokens held.'),
  ref: Ref,
  note: Note.optional(),
});

export const Claim = z.strictObject({
  on: Id.describe('Protocol the claim is on (the debtor).'),
  amountUsd: NonNegAmount.describe('Nominal value of the claim in USD.'),
  kind: z.enum(['deposit', 'vault-share', 'loan', 'other']).default('deposit'),
  ref: Ref,
  note: Note.optional(),
});

export const Cohort = z.strictObject({
  label: z.string().optional(),
  collateralAmount: NonNegAmount.describe('Collateral tokens of the positions in the cohort.'),
  debtAmount: NonNegAmount.describe('Debt tokens owed by the positions in the cohort.'),
});

export const Market = z.strictObject({
  id: Id,
  name: z.string().optional(),
  collateral: Id,
  debt: Id,
  loanToValue: Ratio.describe('Largest debt/collateral value at which new borrowing is allowed.'),
  liquidationThreshold: Ratio.describe('Debt/collateral value at which a position can be liquidated.'),
  liquidationBonus: z.number().min(0, 'must not be negative').max(1, 'must be at most 1').describe('Liquidator bonus on seized collateral.'),
  closeFactor: Ratio.default(0.5).describe('Share of debt one liquidation may repay while HF >= fullLiquidationHf.'),
  fullLiquidationHf: z.number().min(0).max(1).default(0.95).describe('Below this health factor all debt may be repaid.'),
  collateralOracle: Id,
  debtOracle: Id,
  cohorts: z.array(Cohort).default([]),
  ref: Ref,
  note: Note.optional(),
});

export const Issue = z.strictObject({
  asset: Id,
  supply: NonNegAmount.describe('Tokens outstanding.'),
  ref: Ref,
});

export const OnDefault = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('clearing') }),
  z.strictObject({ mode: z.literal('loss-given-default'), lossGivenDefault: Ratio }),
]);

export const DefaultCost = z.strictObject({
  externalAssets: Ratio.describe('Share of non-claim assets lost when the protocol defaults (1 - alpha).'),
  claims: Ratio.describe('Share of claims on others lost when the protocol defaults (1 - beta).'),
});

export const ProtocolKind = z.enum([
  'lending',
  'cdp',
  'stablecoin-issuer',
  'lst-issuer',
  'synthetic-dollar',
  'perp',
  'vault',
  'dex',
  'bank',
  'other',
]);

export const Protocol = z.strictObject({
  id: Id,
  name: z.string().optional(),
  kind: ProtocolKind,
  holdings: z.array(Holding).default([]),
  otherAssetsUsd: NonNegAmount.prefault('0').describe('USD assets outside the modelled tokens (T-bills, bank deposits).'),
  claims: z.array(Claim).default([]),
  markets: z.array(Market).default([]),
  issues: z.array(Issue).default([]),
  externalLiabilitiesUsd: NonNegAmount.prefault('0').describe('USD owed to depositors not modelled as protocols.'),
  insuranceFundUsd: NonNegAmount.prefault('0'),
  keeperCapacityUsdPerStep: NonNegAmount.optional().describe('Liquidation throughput per step; absent means unbounded.'),
  mevLoss: Ratio.default(0).describe('Share of seized collateral value lost to auction inefficiency.'),
  onDefault: OnDefault.default({ mode: 'clearing' }),
  defaultCost: DefaultCost.optional(),
  ref: Ref,
  note: Note.optional(),
});

export const NetworkFile = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
  format: z.literal(NETWORK_FORMAT),
  name: z.string().min(1),
  description: z.string().optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  sources: z.record(Id, Source).default({}),
  assets: z.array(Asset).min(1, 'a network needs at least one asset'),
  convertibility: z.array(Convertibility).default([]),
  venues: z.array(Venue).default([]),
  oracles: z.array(Oracle).default([]),
  protocols: z.array(Protocol).default([]),
});

export type NetworkFileInput = z.input<typeof NetworkFile>;
export type NetworkFileParsed = z.output<typeof NetworkFile>;
