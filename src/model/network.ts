// The validated network of docs/model.md §1 as the engine and the store see it: amounts in decimal.js, refs as lists.
import type { Dec } from './decimal';

export type SourceKind = 'primary' | 'press' | 'weak' | 'data' | 'estimate' | 'derived';
export type OracleSource = 'market' | 'exchange-rate' | 'proxy' | 'fixed';
export type ConvertDirection = 'mint' | 'redeem' | 'both';
export type ClaimKind = 'deposit' | 'vault-share' | 'loan' | 'other';
export type VenueKind = 'dex' | 'cex' | 'otc';
export type ProtocolKind =
  | 'lending'
  | 'cdp'
  | 'stablecoin-issuer'
  | 'lst-issuer'
  | 'synthetic-dollar'
  | 'perp'
  | 'vault'
  | 'dex'
  | 'bank'
  | 'bridge'
  | 'clearing-house'
  | 'other';

/** Shared by every object that carries figures: where they come from, and a free note. */
export interface Cited {
  ref: string[];
  note?: string;
}

export interface Source {
  title: string;
  url?: string;
  kind: SourceKind;
  asOf?: string;
  note?: string;
}

export interface Peg {
  /** `USD` or an asset id. */
  target: string;
  issuer: string;
  /** Units of target per unit at full backing. */
  rate: number;
}

export interface Asset extends Cited {
  id: string;
  name?: string;
  priceUsd: Dec;
  peg?: Peg;
  /** Each venue has its own price (docs/model.md §22). */
  pricedPerVenue?: boolean;
  /** Chain the token lives on; absent: the first chain (docs/model.md §23). */
  chain?: string;
}

export interface Convertibility extends Cited {
  id?: string;
  from: string;
  to: string;
  rate: number;
  fee: number;
  direction: ConvertDirection;
  converter?: string;
  capacity?: Dec;
  capacityPerDay?: Dec;
  delaySec: number;
  costOfCapital: number;
  open: boolean;
  /** The venues its arbitrageurs trade on, for a side priced per venue (docs/model.md §22). */
  venues?: string[];
}

/** Arbitrage between two venues' prices of one asset (docs/model.md §22). */
export interface VenueArbitrage extends Cited {
  venue: string;
  capacityUsdPerStep: Dec;
  delaySteps: number;
}

/** A two-coin pool that sets an asset's price impact (docs/model.md §3.6). */
export interface Amm extends Cited {
  reserveUsd: Dec;
  amplification: number;
}

export interface Liquidity {
  asset: string;
  depthUsd2pct: Dec;
  resilienceHalfLifeSec: number;
  arbitrage?: VenueArbitrage[];
  amm?: Amm;
  ref: string[];
}

export interface Venue extends Cited {
  id: string;
  name?: string;
  kind: VenueKind;
  operator?: string;
  /** Chain the venue lives on; absent: the first chain (docs/model.md §23). */
  chain?: string;
  liquidity: Liquidity[];
}

export interface Oracle extends Cited {
  id: string;
  name?: string;
  asset: string;
  source: OracleSource;
  heartbeatSec: number;
  deviation: number;
  latencySec: number;
  proxyAsset?: string;
  fixedPriceUsd?: Dec;
  /** For `market` on an asset priced per venue: the venues read, median of their prices (§22). */
  venues?: string[];
  /** Chain the oracle posts on; absent: the first chain (docs/model.md §23). */
  chain?: string;
}

export interface Holding extends Cited {
  asset: string;
  amount: Dec;
  /** Oracle the protocol's own books mark the holding at (docs/model.md §16). */
  oracle?: string;
}

export interface Claim extends Cited {
  on: string;
  amountUsd: Dec;
  kind: ClaimKind;
}

export interface Cohort {
  label?: string;
  collateralAmount: Dec;
  debtAmount: Dec;
}

/** How a Dutch auction's price falls (docs/model.md §17.2). */
export type AuctionDecay =
  { shape: 'exponential'; stepSec: number; cut: number } | { shape: 'linear'; durationSec: number };

/** A market's Dutch liquidation auction (clip, docs/model.md §17.2). */
export interface DutchAuction {
  kind: 'dutch';
  penalty: number;
  maxInAuctionUsd?: Dec;
  keeperCostUsd: Dec;
  lotCollateral?: Dec;
  startMultiplier: number;
  decay: AuctionDecay;
  resetAfterSec?: number;
  resetBelow: number;
  keeperRewardFlat: Dec;
  keeperRewardShare: number;
}

/** A market's English liquidation auction (flip, docs/model.md §17.3). */
export interface EnglishAuction {
  kind: 'english';
  penalty: number;
  maxInAuctionUsd?: Dec;
  keeperCostUsd: Dec;
  lotCollateral?: Dec;
  bidDurationSec: number;
  auctionLengthSec: number;
  minIncrement: number;
  keepers: number;
}

export type Auction = DutchAuction | EnglishAuction;

export interface Market extends Cited {
  id: string;
  name?: string;
  collateral: string;
  debt: string;
  loanToValue: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  closeFactor: number;
  fullLiquidationHf: number;
  collateralOracle: string;
  debtOracle: string;
  cohorts: Cohort[];
  auction?: Auction;
}

export interface PerpCohort {
  label?: string;
  side: 'long' | 'short';
  size: Dec;
  entryPriceUsd: Dec;
  marginUsd: Dec;
  positionNotionalUsd?: Dec;
}

export interface MarginTier {
  fromNotionalUsd: Dec;
  maxLeverage: number;
}

export interface PerpFunding {
  interestPer8h: number;
  clampPer8h: number;
  capPerHour: number;
}

export interface PerpBackstop {
  vault: string;
  unwindUsdPerStep?: Dec;
  /** Capital of the liquidator sub-vault (shared by the vault's books): the loss past which it is deleveraged. */
  capitalUsd?: Dec;
  /** Share of the book's depth that is the vault's quotes (it buys that share of liquidation sales). */
  makerShare?: number;
}

/** Large positions sent to the book in parts (docs/model.md §15.7). */
export interface PartialLiquidation {
  aboveNotionalUsd: Dec;
  orderShare: number;
  cooldownSeconds: number;
  /** Share of each cohort's notional in positions above the threshold. */
  largeShare: number;
}

/** A perp book a protocol clears (docs/model.md §15). */
export interface PerpBook extends Cited {
  id: string;
  name?: string;
  bookAsset: string;
  indexOracles: string[];
  markBand: number;
  marginTiers: MarginTier[];
  funding?: PerpFunding;
  backstop?: PerpBackstop;
  partialLiquidation?: PartialLiquidation;
  /** The venue lends against the cohorts' positions (docs/model.md §15.8). */
  lending?: {
    assetWeight: number;
    liabilityWeight: number;
    maintenanceAssetWeight?: number;
    maintenanceLiabilityWeight?: number;
  };
  cohorts: PerpCohort[];
}

export interface Issue {
  asset: string;
  supply: Dec;
  ref: string[];
}

export type OnDefault = { mode: 'clearing' } | { mode: 'loss-given-default'; lossGivenDefault: number };

export interface DefaultCost {
  /** Share of non-claim assets lost on default (1 - alpha of Rogers–Veraart). */
  externalAssets: number;
  /** Share of claims on others lost on default (1 - beta). */
  claims: number;
}

/** How depositors' run thresholds are spread (docs/model.md §19). */
export type RunThresholds =
  | { distribution: 'uniform'; low: number; high: number }
  | { distribution: 'lognormal'; median: number; sigma: number };

export type RunSignal = 'loss-of-assets' | 'loss-of-equity' | 'discount' | 'utilization' | 'failed-exposure';

/** Depositors who withdraw when a stress signal crosses their threshold (docs/model.md §19). */
export interface DepositorRun {
  triggers: { signal: RunSignal; thresholds: RunThresholds }[];
  depositAsset?: string;
  sellStuck: number;
  stuckDelaySec: number;
  costOfCapital: number;
  note?: string;
}

export type RateModel =
  | { model: 'kinked'; baseRate: number; slope1: number; slope2: number; optimalUtilization: number }
  | {
      model: 'time-weighted';
      initialRate: number;
      minRate: number;
      maxRate: number;
      minTargetUtilization: number;
      maxTargetUtilization: number;
      halfLifeSec: number;
    }
  | {
      model: 'adaptive';
      initialRateAtTarget: number;
      targetUtilization: number;
      curveSteepness: number;
      adjustmentSpeed: number;
      minRateAtTarget: number;
      maxRateAtTarget: number;
    };

/** The interest-rate curve of one asset a protocol lends (docs/model.md §18). */
export interface LendingPool extends Cited {
  asset: string;
  rate: RateModel;
  reserveFactor: number;
  receipt?: string;
}

export interface Protocol extends Cited {
  id: string;
  name?: string;
  kind: ProtocolKind;
  /** Chain the protocol runs on; absent: the first chain (docs/model.md §23). */
  chain?: string;
  holdings: Holding[];
  otherAssetsUsd: Dec;
  claims: Claim[];
  markets: Market[];
  perps?: PerpBook[];
  issues: Issue[];
  externalLiabilitiesUsd: Dec;
  insuranceFundUsd: Dec;
  keeperCapacityUsdPerStep?: Dec;
  mevLoss: number;
  liquidatorsCountImpact?: boolean;
  auctionLimitUsd?: Dec;
  onDefault: OnDefault;
  defaultCost?: DefaultCost;
  depositorRun?: DepositorRun;
  lendingPools?: LendingPool[];
}

/** A chain (docs/model.md §23). */
export interface Chain extends Cited {
  id: string;
  name?: string;
  blockTimeSec: number;
  finalitySec: number;
}

/** A bridge: an escrow on `from` holds `canonical` and issues `copy` on `to` (docs/model.md §23). */
export interface Bridge extends Cited {
  id: string;
  name?: string;
  from: string;
  to: string;
  canonical: string;
  copy: string;
  escrow: string;
  delaySec: number;
  /** Units of the copy per day. */
  capacityPerDay?: Dec;
  /** Yearly cost of capital over `delaySec` (discounts the redeem floor). */
  costOfCapital: number;
}

export interface Network {
  $schema?: string;
  format: 'contagion/network@1';
  name: string;
  description?: string;
  asOf: string;
  sources: Record<string, Source>;
  assets: Asset[];
  convertibility: Convertibility[];
  venues: Venue[];
  oracles: Oracle[];
  protocols: Protocol[];
  /** Absent: one implicit chain (docs/model.md §23). */
  chains?: Chain[];
  bridges?: Bridge[];
}
