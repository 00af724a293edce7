// The parts of a contagion/run@1 document the store reads (docs/formats.md); the store never imports the engine.

/** USD amounts are decimal strings with two decimals. */
type Usd = string;

export interface RunProtocol {
  id: string;
  status: 'healthy' | 'stressed' | 'insolvent';
  firstStressedStep: number | null;
  firstInsolventStep: number | null;
  equityStartUsd: Usd;
  equityEndUsd: Usd;
  lossUsd: Usd;
  lossByChannel: Record<string, Usd>;
  badDebtUsd: Usd;
  liquidatedUsd: Usd;
  recovery: number;
  insuranceFundUsedUsd: Usd;
}

export interface RunAsset {
  id: string;
  initialPriceUsd: number;
  finalPriceUsd: number;
  minPriceUsd: number;
  maxDrawdown: number;
  seizedUsd: Usd;
}

export interface RunMarket {
  id: string;
  protocol: string;
  liquidatedUsd: Usd;
  badDebtUsd: Usd;
}

/** One hop of a realised path: `from` and `to` are `asset:X`, `protocol:Y`, `market:M` or `event:N`. */
export interface RunHop {
  step: number;
  from: string;
  to: string;
  channel: string;
  amountUsd: number;
  priceChange: number;
}

export interface RunFailure {
  protocol: string;
  status: 'stressed' | 'insolvent';
  step: number;
  path: RunHop[];
}

export interface RunDocument {
  format: 'contagion/run@1';
  network: { name: string; asOf: string };
  scenario: { name: string; stepSeconds: number; horizonSteps: number; stepsRun: number; seed: number };
  breakers: string[];
  summary: {
    badDebtUsd: Usd;
    liquidatedUsd: Usd;
    lossUsd: Usd;
    insolventProtocols: string[];
    stressedProtocols: string[];
    worstPrices: { asset: string; minPriceUsd: number; maxDrawdown: number }[];
    liquidityFrozenUsdSteps: Usd;
    unprofitableLiquidationsUsd: Usd;
    throttledLiquidationsUsd: Usd;
  };
  protocols: RunProtocol[];
  assets: RunAsset[];
  markets: RunMarket[];
  breakerActivations: { breaker: string; startStep: number; endStep: number; liquidityFrozenUsdSteps: Usd }[];
  failures: RunFailure[];
}
