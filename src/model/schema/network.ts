// The file format contagion/network@1: the DeFi network of docs/model.md §1 as a zod schema.
import { z } from 'zod';
import { Id, NonNegAmount, Note, PositiveAmount, Rate, Ratio, Ref, Seconds } from './common';

export const NETWORK_FORMAT = 'contagion/network@1';

export const SourceKind = z.enum(['primary', 'press', 'weak', 'data', 'estimate', 'derived']);

export const Source = z.strictObject({
  title: z.string().min(1).describe('What the source is.'),
  url: z.string().optional().describe('Where to read it.'),
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
  rate: Rate.default(1).describe(
    'Units of target one unit is worth at full backing (wstETH pegged to ETH: ETH per wstETH).',
  ),
});

export const Asset = z.strictObject({
  id: Id.describe('Asset id, usually the token symbol.'),
  name: z.string().optional().describe('Display name.'),
  priceUsd: PositiveAmount.describe('Initial market price in USD per token.'),
  peg: Peg.optional().describe('Absent for a base asset, whose fundamental follows the scenario.'),
  ref: Ref,
  note: Note.optional(),
});

export const Convertibility = z.strictObject({
  id: Id.optional().describe('Link id, named by scenario events that suspend or reopen the link.'),
  from: Id.describe('Asset paid in to mint, or paid out on redeem.'),
  to: Id.describe('Asset minted or redeemed.'),
  rate: Rate.describe('Units of `from` per unit of `to`.'),
  fee: Ratio.default(0).describe('Conversion fee as a fraction; widens the arbitrage band.'),
  direction: z
    .enum(['mint', 'redeem', 'both'])
    .describe('mint bounds the price of `to` from above, redeem from below, both is a PSM.'),
  converter: Id.optional().describe(
    'Protocol that runs the conversion; its holdings of `from` bound redemptions.',
  ),
  capacity: NonNegAmount.optional().describe(
    'Most units of `to` that can be converted over a run; absent means unbounded.',
  ),
  capacityPerDay: NonNegAmount.optional().describe(
    'Most units of `to` that arbitrage can convert per day (spread evenly over steps); absent means unbounded.',
  ),
  delaySec: Seconds.default(0).describe(
    'Seconds a redemption takes to pay out; 0 is instant. The redeem floor is discounted over it.',
  ),
  costOfCapital: Ratio.default(0).describe(
    'Yearly cost of the capital an arbitrageur locks up over `delaySec` (0.1 = 10% a year).',
  ),
  open: z
    .boolean()
    .default(true)
    .describe('Whether the link converts at the start; a suspended link bounds nothing.'),
  ref: Ref,
  note: Note.optional(),
});

export const Liquidity = z.strictObject({
  asset: Id.describe('Asset traded.'),
  depthUsd2pct: NonNegAmount.describe('USD of net selling that moves the price 2%.'),
  resilienceHalfLifeSec: Seconds.positive('must be positive').describe('Half-life of price impact, seconds.'),
  ref: Ref,
});

export const Venue = z.strictObject({
  id: Id.describe('Venue id.'),
  name: z.string().optional().describe('Display name.'),
  kind: z.enum(['dex', 'cex', 'otc']).describe('Kind of venue.'),
  operator: Id.optional().describe('Protocol that runs the venue, if it is modelled.'),
  liquidity: z
    .array(Liquidity)
    .min(1)
    .describe('Depth per asset; depths of several venues of one asset add up.'),
  ref: Ref,
  note: Note.optional(),
});

export const OracleSource = z.enum(['market', 'exchange-rate', 'proxy', 'fixed']);

export const Oracle = z.strictObject({
  id: Id.describe('Oracle id.'),
  name: z.string().optional().describe('Display name.'),
  asset: Id.describe('Asset whose price the oracle reports.'),
  source: OracleSource.describe(
    'market: follows the market price; exchange-rate: issuer rate x target price (ignores market discounts); ' +
      'proxy: reports another asset (proxyAsset); fixed: a hard-coded value (fixedPriceUsd).',
  ),
  heartbeatSec: Seconds.positive('must be positive').describe('Longest time between updates, seconds.'),
  deviation: Ratio.describe('Relative move that triggers an update.'),
  latencySec: Seconds.describe('Delay before an update becomes visible.'),
  proxyAsset: Id.optional().describe('For `proxy`: the asset whose price is reported instead.'),
  fixedPriceUsd: PositiveAmount.optional().describe('For `fixed`: the hard-coded price.'),
  ref: Ref,
  note: Note.optional(),
});

export const Holding = z.strictObject({
  asset: Id.describe('Asset held.'),
  amount: NonNegAmount.describe('Tokens held.'),
  oracle: Id.optional().describe(
    "Oracle the protocol's own books mark this holding at (a PSM counting USDC at $1); absent, only the market price marks it.",
  ),
  ref: Ref,
  note: Note.optional(),
});

export const Claim = z.strictObject({
  on: Id.describe('Protocol the claim is on (the debtor).'),
  amountUsd: NonNegAmount.describe('Nominal value of the claim in USD.'),
  kind: z.enum(['deposit', 'vault-share', 'loan', 'other']).default('deposit').describe('What the claim is.'),
  ref: Ref,
  note: Note.optional(),
});

export const Cohort = z.strictObject({
  label: z.string().optional().describe('Name of the cohort, e.g. its health factor band.'),
  collateralAmount: NonNegAmount.describe('Collateral tokens of the positions in the cohort.'),
  debtAmount: NonNegAmount.describe('Debt tokens owed by the positions in the cohort.'),
});

export const Market = z.strictObject({
  id: Id.describe('Market id, unique across all protocols.'),
  name: z.string().optional().describe('Display name.'),
  collateral: Id.describe('Collateral asset.'),
  debt: Id.describe('Debt asset (borrowed, or the quote of a perp long).'),
  loanToValue: Ratio.describe('Largest debt/collateral value at which new borrowing is allowed.'),
  liquidationThreshold: Ratio.describe('Debt/collateral value at which a position can be liquidated.'),
  liquidationBonus: z
    .number()
    .min(0, 'must not be negative')
    .max(1, 'must be at most 1')
    .describe('Liquidator bonus on seized collateral.'),
  closeFactor: Ratio.default(0.5).describe(
    'Share of debt one liquidation may repay while HF >= fullLiquidationHf.',
  ),
  fullLiquidationHf: z
    .number()
    .min(0)
    .max(1)
    .default(0.95)
    .describe('Below this health factor all debt may be repaid.'),
  collateralOracle: Id.describe(
    'Oracle the market reads for the collateral (it must report the collateral asset).',
  ),
  debtOracle: Id.describe('Oracle the market reads for the debt (it must report the debt asset).'),
  cohorts: z
    .array(Cohort)
    .default([])
    .describe('Groups of positions standing for the distribution of health factors.'),
  ref: Ref,
  note: Note.optional(),
});

export const Issue = z.strictObject({
  asset: Id.describe('Asset issued (it must be pegged with this protocol as issuer).'),
  supply: NonNegAmount.describe('Tokens outstanding.'),
  ref: Ref,
});

export const OnDefault = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('clearing') }),
  z.strictObject({
    mode: z.literal('loss-given-default'),
    lossGivenDefault: Ratio.describe(
      'Share of claims on the protocol lost once it defaults (1 is Gai–Kapadia).',
    ),
  }),
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
  id: Id.describe('Protocol id.'),
  name: z.string().optional().describe('Display name.'),
  kind: ProtocolKind.describe('What the protocol does; informs reports, not the mechanics.'),
  holdings: z.array(Holding).default([]).describe('Tokens held: reserves, backing, treasury, PSM balances.'),
  otherAssetsUsd: NonNegAmount.prefault('0').describe(
    'USD assets outside the modelled tokens (T-bills, bank deposits).',
  ),
  claims: z
    .array(Claim)
    .default([])
    .describe('Claims on other protocols (assets of this one, liabilities of those).'),
  markets: z.array(Market).default([]).describe('Loans against collateral that the protocol runs.'),
  issues: z.array(Issue).default([]).describe('Tokens the protocol issues, owed at par.'),
  externalLiabilitiesUsd: NonNegAmount.prefault('0').describe(
    'USD owed to depositors not modelled as protocols.',
  ),
  insuranceFundUsd: NonNegAmount.prefault('0').describe('Buffer that absorbs losses before depositors do.'),
  keeperCapacityUsdPerStep: NonNegAmount.optional().describe(
    'Liquidation throughput per step; absent means unbounded.',
  ),
  mevLoss: Ratio.default(0).describe('Share of seized collateral value lost to auction inefficiency.'),
  onDefault: OnDefault.default({ mode: 'clearing' }).describe(
    'clearing: creditors recover assets/liabilities pro rata (Eisenberg–Noe); loss-given-default: a fixed loss (Furfine).',
  ),
  defaultCost: DefaultCost.optional().describe(
    'Rogers–Veraart default costs: shares of assets lost on default.',
  ),
  ref: Ref,
  note: Note.optional(),
});

export const NetworkFile = z.strictObject({
  $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
  format: z.literal(NETWORK_FORMAT).describe('Format tag and version.'),
  name: z.string().min(1).describe('Name of the network.'),
  description: z.string().optional().describe('What the network covers.'),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .describe('Date the figures describe.'),
  sources: z
    .record(Id, Source)
    .default({})
    .describe('Where figures come from, by id; objects point here with `ref`.'),
  assets: z
    .array(Asset)
    .min(1, 'a network needs at least one asset')
    .describe('Tokens with their initial prices.'),
  convertibility: z.array(Convertibility).default([]).describe('Mint and redeem links between assets.'),
  venues: z.array(Venue).default([]).describe('Where assets trade, with their depth.'),
  oracles: z.array(Oracle).default([]).describe('Price feeds read by markets.'),
  protocols: z
    .array(Protocol)
    .default([])
    .describe('Balance sheets: lenders, CDPs, issuers, vaults, perp venues.'),
});

export type NetworkFileInput = z.input<typeof NetworkFile>;
export type NetworkFileParsed = z.output<typeof NetworkFile>;
