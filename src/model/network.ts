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
}

export interface Liquidity {
  asset: string;
  depthUsd2pct: Dec;
  resilienceHalfLifeSec: number;
  ref: string[];
}

export interface Venue extends Cited {
  id: string;
  name?: string;
  kind: VenueKind;
  operator?: string;
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

export interface Protocol extends Cited {
  id: string;
  name?: string;
  kind: ProtocolKind;
  holdings: Holding[];
  otherAssetsUsd: Dec;
  claims: Claim[];
  markets: Market[];
  issues: Issue[];
  externalLiabilitiesUsd: Dec;
  insuranceFundUsd: Dec;
  keeperCapacityUsdPerStep?: Dec;
  mevLoss: number;
  onDefault: OnDefault;
  defaultCost?: DefaultCost;
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
}
