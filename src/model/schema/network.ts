// The file format contagion/network@1: the DeFi network of docs/model.md §1 as a zod schema.
import { z } from 'zod';
import { Count, Id, NonNegAmount, Note, PositiveAmount, Rate, Ratio, Ref, Seconds } from './common';

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
  pricedPerVenue: z
    .boolean()
    .optional()
    .describe(
      'Each venue of the asset has its own price, moved by the flows landing there and joined by arbitrage between venues; absent or false, one price over all venues.',
    ),
  chain: Id.optional().describe(
    'Chain the token lives on (an id of the network `chains`); absent, the first chain (docs/model.md §23).',
  ),
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
  venues: z
    .array(Id)
    .min(1)
    .optional()
    .describe(
      'The venues its arbitrageurs trade on: for a side priced per venue, the link reads and moves those books only; absent, the asset market price and every book alike.',
    ),
  ref: Ref,
  note: Note.optional(),
});

export const VenueArbitrage = z.strictObject({
  venue: Id.describe('The other venue whose price of the same asset arbitrage joins to this one.'),
  capacityUsdPerStep: NonNegAmount.describe('Most USD arbitrage trades on each leg per step.'),
  delaySteps: Count.default(0).describe(
    'Steps the bought tokens take to reach the dearer venue before they are sold there; 0 is at once.',
  ),
  ref: Ref,
  note: Note.optional(),
});

export const Amm = z.strictObject({
  reserveUsd: PositiveAmount.describe(
    "USD on each side of the pool at the start (the pool starts balanced at the asset's price).",
  ),
  amplification: z
    .number()
    .min(0, 'must not be negative')
    .max(1e6, 'must be at most 1e6')
    .describe("Curve's stableswap amplification A; 0 is a constant-product pool (Uniswap v2)."),
  ref: Ref,
  note: Note.optional(),
});

export const Liquidity = z.strictObject({
  asset: Id.describe('Asset traded.'),
  depthUsd2pct: NonNegAmount.describe('USD of net selling that moves the price 2%.'),
  resilienceHalfLifeSec: Seconds.positive('must be positive').describe('Half-life of price impact, seconds.'),
  arbitrage: z
    .array(VenueArbitrage)
    .optional()
    .describe('For an asset priced per venue: arbitrage between this venue and others.'),
  amm: Amm.optional().describe(
    "A two-coin pool whose balances set the asset's price impact (it drains as one side empties); absent, the log-linear impact of depthUsd2pct.",
  ),
  ref: Ref,
});

export const Venue = z.strictObject({
  id: Id.describe('Venue id.'),
  name: z.string().optional().describe('Display name.'),
  kind: z.enum(['dex', 'cex', 'otc']).describe('Kind of venue.'),
  operator: Id.optional().describe('Protocol that runs the venue, if it is modelled.'),
  chain: Id.optional().describe(
    'Chain the venue lives on (an id of the network `chains`); absent, the first chain (docs/model.md §23).',
  ),
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
  proxyAsset: Id.optional().describe(
    'For `proxy`: the asset whose price is reported instead. For `exchange-rate`: the asset whose price stands for the peg target (rate x recovery x its price).',
  ),
  fixedPriceUsd: PositiveAmount.optional().describe('For `fixed`: the hard-coded price.'),
  venues: z
    .array(Id)
    .min(1)
    .optional()
    .describe(
      'For `market` on an asset priced per venue: the venues read, the median of their prices; absent, the asset market price.',
    ),
  chain: Id.optional().describe(
    'Chain the oracle posts on (an id of the network `chains`): its block time adds to its latency; absent, the first chain (docs/model.md §23).',
  ),
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

/** How a Dutch auction's price falls from its start (docs/model.md §17.2). */
export const AuctionDecay = z.discriminatedUnion('shape', [
  z.strictObject({
    shape: z.literal('exponential'),
    stepSec: Seconds.positive('must be positive').describe('Seconds between price drops (step).'),
    cut: Ratio.describe('Factor on the price at each drop (cut), 0.99 = -1%.'),
  }),
  z.strictObject({
    shape: z.literal('linear'),
    durationSec: Seconds.positive('must be positive').describe('Seconds over which the price falls to zero.'),
  }),
]);

const auctionCommon = {
  penalty: Ratio.describe('Liquidation penalty (chop): the auction raises debt x (1 + penalty).'),
  maxInAuctionUsd: NonNegAmount.optional().describe(
    "Most debt plus penalty, USD, in this market's auctions at once (hole); absent means no limit.",
  ),
  keeperCostUsd: NonNegAmount.prefault('0').describe(
    'Cost of one take or bid transaction, USD at normal gas; it scales with the congestion level.',
  ),
  lotCollateral: PositiveAmount.optional().describe(
    'Collateral tokens per auction (lump), to count auctions; absent means one auction per cohort and step.',
  ),
};

/** A market's liquidation auction (docs/model.md §17); absent, liquidations are atomic at a fixed bonus. */
export const Auction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('dutch'),
    ...auctionCommon,
    startMultiplier: Rate.describe('Start price over the collateral oracle price (buf), 1.3 = 130%.'),
    decay: AuctionDecay.describe('How the price falls.'),
    resetAfterSec: Seconds.positive('must be positive')
      .optional()
      .describe('Age at which an auction is restarted from the oracle price (tail); absent means never.'),
    resetBelow: Ratio.default(0).describe(
      'Price over start price below which an auction is restarted (cusp); 0 means never.',
    ),
    keeperRewardFlat: NonNegAmount.prefault('0').describe(
      'Debt tokens the protocol pays the keeper that starts or restarts an auction (tip).',
    ),
    keeperRewardShare: Ratio.default(0).describe(
      'Share of the tab the protocol pays the keeper that starts or restarts an auction (chip).',
    ),
  }),
  z.strictObject({
    kind: z.literal('english'),
    ...auctionCommon,
    bidDurationSec: Seconds.positive('must be positive').describe(
      'Bid lifetime (ttl): the auction closes when no higher bid lands within it.',
    ),
    auctionLengthSec: Seconds.positive('must be positive').describe(
      'Longest auction (tau); one that ends without a bid is restarted.',
    ),
    minIncrement: Ratio.describe('Minimum bid increase (beg), 0.03 = 3%.'),
    keepers: z
      .number()
      .min(0, 'must not be negative')
      .max(1e6, 'must be at most 1e6')
      .describe('Keepers bidding on each auction at normal chain conditions (a mean: 3.67 is allowed).'),
  }),
]);

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
  auction: Auction.optional().describe(
    'Liquidation by auction (dutch or english); absent means atomic liquidation at the fixed bonus.',
  ),
  ref: Ref,
  note: Note.optional(),
});

export const PerpCohort = z.strictObject({
  label: z.string().optional().describe('Name of the cohort, e.g. its leverage.'),
  side: z.enum(['long', 'short']).describe('Whether the positions are long or short the base asset.'),
  size: NonNegAmount.describe('Base units of the positions in the cohort (ETH for an ETH perp).'),
  entryPriceUsd: PositiveAmount.describe('Average entry price of the positions, USD per base unit.'),
  marginUsd: NonNegAmount.describe('Margin the positions hold, USD (their equity at the entry price).'),
  positionNotionalUsd: NonNegAmount.optional().describe(
    'Notional of one typical position of the cohort at entry, USD: picks its margin tier (absent: the first tier).',
  ),
});

export const MarginTier = z.strictObject({
  fromNotionalUsd: NonNegAmount.describe('Position notional (USD) from which this tier applies.'),
  maxLeverage: z
    .number()
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .describe(
      'Highest leverage a position in this tier may open; maintenance margin is half its initial margin.',
    ),
});

export const PerpFunding = z.strictObject({
  interestPer8h: z
    .number()
    .min(-1)
    .max(1)
    .describe('Interest part of the 8-hour funding rate (0.0001 = 0.01%).'),
  clampPer8h: Ratio.describe('The interest part is clamped to premium +- this (0.0005 = 0.05%).'),
  capPerHour: Ratio.describe('Largest funding paid per hour, as a share of notional (0.04 = 4%).'),
});

export const PerpBackstop = z.strictObject({
  vault: Id.describe('Protocol whose equity backs takeovers (Hyperliquid: HLP); its PnL is booked to it.'),
  unwindUsdPerStep: NonNegAmount.optional().describe(
    'Notional (USD at the book price) of taken-over positions the vault closes into the book per step; absent: it holds them.',
  ),
  capitalUsd: NonNegAmount.optional().describe(
    "Capital of the vault's liquidator sub-vault, shared by every book it backs: it takes over every cohort the book cannot absorb, even undercollateralised, and its positions are deleveraged at the mark once its loss passes this capital; absent: the vault's equity beyond its maintenance margins what it takes over.",
  ),
  makerShare: Ratio.optional().describe(
    "Share of the book's depth that is the vault's own quotes: that share of every liquidation sale into the book fills against the vault at the sale's average fill, and the vault holds what it bought, marked at the mark; absent: 0.",
  ),
});

export const PartialLiquidation = z.strictObject({
  aboveNotionalUsd: NonNegAmount.describe(
    'Positions above this notional (USD) are liquidated in parts (Hyperliquid: 100,000 USDC).',
  ),
  orderShare: z
    .number()
    .gt(0, 'must be above 0')
    .max(1, 'must be at most 1')
    .describe('Share of such a position sent to the book as the first market order (Hyperliquid: 0.2).'),
  cooldownSeconds: z
    .number()
    .min(0, 'must be at least 0')
    .describe(
      'After a partial order, the seconds during which the whole position is sent (Hyperliquid: 30).',
    ),
  largeShare: Ratio.describe(
    "Share of each cohort's notional held in positions above aboveNotionalUsd (a cohort with positionNotionalUsd: 1 above it, 0 at or below).",
  ),
});

export const PerpLending = z.strictObject({
  assetWeight: Ratio.describe(
    "Weight of a long cohort's position at the mark in its borrowing power (Mango v3's perp init asset weight).",
  ),
  liabilityWeight: z
    .number()
    .min(1, 'must be at least 1')
    .max(10, 'must be at most 10')
    .default(1)
    .describe(
      "Weight of a short cohort's position at the mark in its borrowing power (its liability weight).",
    ),
  maintenanceAssetWeight: Ratio.optional().describe(
    "Weight of a long's position in the collateral that must cover its debt (Mango v3's maint asset weight); absent: assetWeight.",
  ),
  maintenanceLiabilityWeight: z
    .number()
    .min(1, 'must be at least 1')
    .max(10, 'must be at most 10')
    .optional()
    .describe(
      "Weight of a short's position in the collateral that must cover its debt; absent: liabilityWeight.",
    ),
});

export const PerpBook = z.strictObject({
  id: Id.describe('Perp book id, unique across markets and perp books.'),
  name: z.string().optional().describe('Display name.'),
  bookAsset: Id.describe(
    "Asset whose market price is the venue's own book price (its venues' depth is the book's depth).",
  ),
  indexOracles: z
    .array(Id)
    .min(1, 'a perp book needs at least one index oracle')
    .describe('Oracles whose median reading is the external index price.'),
  markBand: Ratio.describe('The mark is the index clamped to the book price +- this share (0.005 = 0.5%).'),
  marginTiers: z
    .array(MarginTier)
    .min(1, 'a perp book needs at least one margin tier')
    .describe('Margin tiers, by increasing fromNotionalUsd (the first from 0).'),
  funding: PerpFunding.optional().describe('Funding from the premium of book over index; absent: none.'),
  backstop: PerpBackstop.optional().describe('Vault that takes over positions the book cannot absorb.'),
  partialLiquidation: PartialLiquidation.optional().describe(
    'Large positions go to the book in parts (docs/model.md §15.7); absent: every cohort is sent whole.',
  ),
  lending: PerpLending.optional().describe(
    "The venue lends against its cohorts' positions (a cross-margin account: unrealised PnL at the mark is collateral for a scenario's perp-borrow events, docs/model.md §15.8); absent: it does not.",
  ),
  cohorts: z.array(PerpCohort).default([]).describe('Long and short cohorts of positions.'),
  ref: Ref,
  note: Note.optional(),
});

export const Issue = z.strictObject({
  asset: Id.describe('Asset issued (it must be pegged with this protocol as issuer).'),
  supply: NonNegAmount.describe('Tokens outstanding.'),
  ref: Ref,
});

/** A yearly interest rate as a fraction (0.05 = 5% a year); up to 100 (10,000% a year, Fraxlend's cap). */
const YearlyRate = z.number().min(0, 'must not be negative').max(100, 'must be at most 100 (10,000% a year)');

/** A utilization strictly inside (0, 1). */
const InnerUtilization = z.number().gt(0, 'must be above 0').lt(1, 'must be below 1');

export const KinkedRate = z.strictObject({
  model: z.literal('kinked'),
  baseRate: YearlyRate.default(0).describe('Borrow rate at U = 0, a year.'),
  slope1: YearlyRate.describe('Rise of the borrow rate from U = 0 to the kink, a year.'),
  slope2: YearlyRate.describe('Rise of the borrow rate from the kink to U = 1, a year.'),
  optimalUtilization: InnerUtilization.describe('Utilization at the kink (Aave `optimalUsageRatio`).'),
});

export const TimeWeightedRate = z.strictObject({
  model: z.literal('time-weighted'),
  initialRate: YearlyRate.describe('Borrow rate at the start of the run, a year.'),
  minRate: YearlyRate.describe('Lowest borrow rate, a year.'),
  maxRate: YearlyRate.describe('Highest borrow rate, a year.'),
  minTargetUtilization: InnerUtilization.describe('Below this utilization the rate falls over time.'),
  maxTargetUtilization: InnerUtilization.describe('Above this utilization the rate rises over time.'),
  halfLifeSec: Seconds.positive('must be positive').describe(
    'At U = 1 (or U = 0) an update this long after the last doubles (halves) the rate.',
  ),
});

export const AdaptiveRate = z.strictObject({
  model: z.literal('adaptive'),
  initialRateAtTarget: YearlyRate.describe('Rate at the target utilization at the start of the run, a year.'),
  targetUtilization: InnerUtilization.default(0.9).describe('Utilization the rate at target steers to.'),
  curveSteepness: z
    .number()
    .min(1, 'must be at least 1')
    .max(1e3, 'must be at most 1e3')
    .default(4)
    .describe('The rate runs from rateAtTarget / steepness at U = 0 to rateAtTarget x steepness at U = 1.'),
  adjustmentSpeed: YearlyRate.default(50).describe(
    'Speed a year at which the rate at target moves at full error (50: x e^50 a year at U = 1).',
  ),
  minRateAtTarget: YearlyRate.default(0.001).describe('Lowest rate at target, a year.'),
  maxRateAtTarget: YearlyRate.default(2).describe('Highest rate at target, a year.'),
});

export const LendingPool = z.strictObject({
  asset: Id.describe(
    "Asset the pool lends: the debt asset of the protocol's markets that accrue at this rate.",
  ),
  rate: z
    .discriminatedUnion('model', [KinkedRate, TimeWeightedRate, AdaptiveRate])
    .describe(
      'Borrow rate as a function of utilization (kinked) or of utilization and time (time-weighted, adaptive).',
    ),
  reserveFactor: Ratio.default(0).describe(
    "Share of borrowers' interest the protocol keeps; suppliers get the rest.",
  ),
  receipt: Id.optional().describe(
    'Receipt token the protocol issues to suppliers (aWETH), pegged to `asset`: its supply grows by the supply interest. Absent: external liabilities grow.',
  ),
  ref: Ref,
  note: Note.optional(),
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
  'bridge',
  'clearing-house',
  'other',
]);

/** Distribution of depositors' run thresholds over a stress signal (docs/model.md §19). */
export const RunThresholds = z.discriminatedUnion('distribution', [
  z
    .strictObject({
      distribution: z.literal('uniform'),
      low: z
        .number()
        .min(0, 'must not be negative')
        .max(1e6, 'must be at most 1e6')
        .describe('Lowest threshold: below it nobody runs.'),
      high: z
        .number()
        .max(1e6, 'must be at most 1e6')
        .describe('Highest threshold: at or above it everybody runs.'),
    })
    .refine((u) => u.high > u.low, { message: 'high must be above low', path: ['high'] }),
  z.strictObject({
    distribution: z.literal('lognormal'),
    median: z
      .number()
      .positive('must be positive')
      .max(1e6, 'must be at most 1e6')
      .describe('Median threshold.'),
    sigma: z
      .number()
      .positive('must be positive')
      .max(100, 'must be at most 100')
      .describe("Standard deviation of the threshold's log."),
  }),
]);

export const RunSignal = z.enum([
  'loss-of-assets',
  'loss-of-equity',
  'discount',
  'utilization',
  'failed-exposure',
]);

export const RunTrigger = z.strictObject({
  signal: RunSignal.describe(
    "Stress signal depositors watch: loss over initial assets or equity, the receipt token's discount to NAV, utilization, or the share of assets exposed to insolvent protocols.",
  ),
  thresholds: RunThresholds.describe(
    'How thresholds are spread over depositors; the share running is its CDF at the signal.',
  ),
});

export const DepositorRun = z.strictObject({
  triggers: z
    .array(RunTrigger)
    .min(1, 'a depositor-run rule needs at least one trigger')
    .describe(
      'Signals and threshold distributions; the share asking to withdraw is the largest of their CDFs.',
    ),
  depositAsset: Id.optional().describe(
    'Asset withdrawals are paid in (its holding is the idle liquidity); absent: every holding.',
  ),
  sellStuck: Ratio.default(1).describe(
    'Share of the stuck receipt tokens their holders sell on the market instead of waiting.',
  ),
  stuckDelaySec: Seconds.default(0).describe(
    "Seconds a stuck request is expected to wait; while requests are stuck, the receipt tokens' NAV is discounted over it.",
  ),
  costOfCapital: Ratio.default(0).describe('Yearly cost of capital over `stuckDelaySec` (0.1 = 10% a year).'),
  note: Note.optional(),
});

export const Protocol = z.strictObject({
  id: Id.describe('Protocol id.'),
  name: z.string().optional().describe('Display name.'),
  kind: ProtocolKind.describe('What the protocol does; informs reports, not the mechanics.'),
  chain: Id.optional().describe(
    'Chain the protocol runs on (an id of the network `chains`): its liquidations act at most once per block of it; absent, the first chain (docs/model.md §23).',
  ),
  holdings: z.array(Holding).default([]).describe('Tokens held: reserves, backing, treasury, PSM balances.'),
  otherAssetsUsd: NonNegAmount.prefault('0').describe(
    'USD assets outside the modelled tokens (T-bills, bank deposits).',
  ),
  claims: z
    .array(Claim)
    .default([])
    .describe('Claims on other protocols (assets of this one, liabilities of those).'),
  markets: z.array(Market).default([]).describe('Loans against collateral that the protocol runs.'),
  perps: z
    .array(PerpBook)
    .optional()
    .describe('Perp books the protocol clears (docs/model.md §15); absent: none.'),
  issues: z.array(Issue).default([]).describe('Tokens the protocol issues, owed at par.'),
  externalLiabilitiesUsd: NonNegAmount.prefault('0').describe(
    'USD owed to depositors not modelled as protocols.',
  ),
  insuranceFundUsd: NonNegAmount.prefault('0').describe('Buffer that absorbs losses before depositors do.'),
  keeperCapacityUsdPerStep: NonNegAmount.optional().describe(
    'Liquidation throughput per step; absent means unbounded.',
  ),
  mevLoss: Ratio.default(0).describe('Share of seized collateral value lost to auction inefficiency.'),
  liquidatorsCountImpact: z
    .boolean()
    .optional()
    .describe(
      "true: liquidators count the price impact of their own sale and of the step's earlier sales of the collateral, and liquidate only what still pays (docs/model.md §3.5); absent: they value the collateral at the market price before the step's sales.",
    ),
  auctionLimitUsd: NonNegAmount.optional().describe(
    "Most debt plus penalty, USD, in all the protocol's auctions at once (Hole); absent means no limit.",
  ),
  onDefault: OnDefault.default({ mode: 'clearing' }).describe(
    'clearing: creditors recover assets/liabilities pro rata (Eisenberg–Noe); loss-given-default: a fixed loss (Furfine).',
  ),
  defaultCost: DefaultCost.optional().describe(
    'Rogers–Veraart default costs: shares of assets lost on default.',
  ),
  depositorRun: DepositorRun.optional().describe(
    'Depositors who withdraw when a stress signal crosses their threshold; absent: runs are scenario events only.',
  ),
  lendingPools: z
    .array(LendingPool)
    .optional()
    .describe(
      'Interest-rate curves of the assets the protocol lends; absent: debt does not accrue interest.',
    ),
  ref: Ref,
  note: Note.optional(),
});

/** A chain (docs/model.md §23): where assets, venues, oracles and protocols live. */
export const Chain = z.strictObject({
  id: Id.describe('Chain id, named by the `chain` field of assets, venues, oracles and protocols.'),
  name: z.string().optional().describe('Display name.'),
  blockTimeSec: Seconds.positive('must be positive').describe('Seconds between blocks (Ethereum: 12).'),
  finalitySec: Seconds.describe('Seconds until a block is final (a rollup: until its batch is final on L1).'),
  ref: Ref,
  note: Note.optional(),
});

/** A bridge (docs/model.md §23): an escrow on `from` holds the canonical token and issues its copy on `to`. */
export const Bridge = z.strictObject({
  id: Id.describe('Bridge id, named by `bridge-exploit` scenario events.'),
  name: z.string().optional().describe('Display name.'),
  from: Id.describe('Chain the canonical token lives on.'),
  to: Id.describe('Chain the copy lives on.'),
  canonical: Id.describe('Asset locked in the escrow, on chain `from`.'),
  copy: Id.describe('Asset issued on chain `to`, pegged to `canonical` with the escrow as issuer.'),
  escrow: Id.describe(
    'Protocol (kind `bridge`) that holds the canonical and issues the copy (the copy’s `peg.issuer`).',
  ),
  delaySec: Seconds.describe('Seconds a transfer takes through the bridge (a withdrawal to `from`).'),
  capacityPerDay: NonNegAmount.optional().describe(
    'Most units of the copy (tokens, not USD) the bridge converts per day; absent means unbounded.',
  ),
  costOfCapital: Ratio.default(0).describe(
    'Yearly cost of the capital an arbitrageur locks up over `delaySec` (0.05 = 5% a year): discounts the redeem floor.',
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
  chains: z
    .array(Chain)
    .min(1, 'a network with `chains` needs at least one chain')
    .optional()
    .describe('Chains of the network (docs/model.md §23); absent: one implicit chain, as before.'),
  bridges: z.array(Bridge).optional().describe('Bridges between chains (docs/model.md §23); absent: none.'),
});

export type NetworkFileInput = z.input<typeof NetworkFile>;
export type LendingPoolInput = z.input<typeof LendingPool>;
export type LiquidityInput = z.input<typeof Liquidity>;
export type NetworkFileParsed = z.output<typeof NetworkFile>;
