// A small laboratory network for channel tests: a collateral asset COL, a dollar USD, a pegged stETH-like
// asset LST issued by "issuer", one lender with one market of COL against USD, and a run context on it.
import { createContext, type RunContext } from '../../src/engine/context';
import { initOracles } from '../../src/engine/stages/oracles';
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario, type Scenario } from '../../src/model/parse-scenario';

export interface LabOptions {
  collateral?: string;
  debt?: string;
  liquidationThreshold?: number;
  bonus?: number;
  closeFactor?: number;
  fullLiquidationHf?: number;
  mevLoss?: number;
  keeperCapacity?: string;
  depthCol?: string;
  halfLifeSec?: number;
  oracleLatencySec?: number;
  oracleDeviation?: number;
  oracleHeartbeatSec?: number;
  lenderExternalLiabilities?: string;
  insuranceFund?: string;
}

export function labRaw(o: LabOptions = {}): Record<string, any> {
  return {
    format: 'contagion/network@1',
    name: 'lab',
    asOf: '2025-01-01',
    assets: [
      { id: 'COL', priceUsd: '100' },
      { id: 'USD', priceUsd: '1' },
      { id: 'LST', priceUsd: '100', peg: { target: 'COL', issuer: 'issuer' } },
    ],
    venues: [
      {
        id: 'dex',
        kind: 'dex',
        liquidity: [
          { asset: 'COL', depthUsd2pct: o.depthCol ?? '1000000', resilienceHalfLifeSec: o.halfLifeSec ?? 60 },
          { asset: 'USD', depthUsd2pct: '1000000000', resilienceHalfLifeSec: 60 },
          { asset: 'LST', depthUsd2pct: '1000000', resilienceHalfLifeSec: o.halfLifeSec ?? 60 },
        ],
      },
    ],
    oracles: [
      {
        id: 'col',
        asset: 'COL',
        source: 'market',
        heartbeatSec: o.oracleHeartbeatSec ?? 3600,
        deviation: o.oracleDeviation ?? 0,
        latencySec: o.oracleLatencySec ?? 0,
      },
      {
        id: 'usd',
        asset: 'USD',
        source: 'fixed',
        fixedPriceUsd: '1',
        heartbeatSec: 3600,
        deviation: 0,
        latencySec: 0,
      },
      {
        id: 'lst-rate',
        asset: 'LST',
        source: 'exchange-rate',
        heartbeatSec: 3600,
        deviation: 0,
        latencySec: 0,
      },
      { id: 'lst-market', asset: 'LST', source: 'market', heartbeatSec: 3600, deviation: 0, latencySec: 0 },
    ],
    protocols: [
      {
        id: 'issuer',
        kind: 'lst-issuer',
        holdings: [{ asset: 'COL', amount: '1000' }],
        issues: [{ asset: 'LST', supply: '990' }],
      },
      {
        id: 'lender',
        kind: 'lending',
        holdings: [{ asset: 'USD', amount: '1000' }],
        externalLiabilitiesUsd: o.lenderExternalLiabilities ?? '1050',
        insuranceFundUsd: o.insuranceFund ?? '0',
        mevLoss: o.mevLoss ?? 0,
        ...(o.keeperCapacity ? { keeperCapacityUsdPerStep: o.keeperCapacity } : {}),
        markets: [
          {
            id: 'lender/m',
            collateral: o.collateral ?? 'COL',
            debt: o.debt ?? 'USD',
            loanToValue: 0.8,
            liquidationThreshold: o.liquidationThreshold ?? 0.85,
            liquidationBonus: o.bonus ?? 0.05,
            closeFactor: o.closeFactor ?? 0.5,
            fullLiquidationHf: o.fullLiquidationHf ?? 0.95,
            collateralOracle: (o.collateral ?? 'COL') === 'COL' ? 'col' : 'lst-rate',
            debtOracle: 'usd',
            cohorts: [{ collateralAmount: '1', debtAmount: '50' }],
          },
        ],
      },
    ],
  };
}

export function labNetwork(o: LabOptions = {}, edit?: (raw: Record<string, any>) => void): Network {
  const raw = labRaw(o);
  edit?.(raw);
  return parseNetwork(raw, 'lab.json');
}

export function labScenario(
  net: Network,
  events: unknown[] = [],
  extra: Record<string, unknown> = {},
): Scenario {
  return parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'lab',
      stepSeconds: 12,
      horizonSteps: 50,
      events: events.length ? events : [{ type: 'depth', asset: 'COL', atStep: 0, multiplier: 1 }],
      ...extra,
    },
    'lab-scenario.json',
    net,
  );
}

/** A run context on the lab network with oracles initialised, ready to call stages on. */
export function labContext(
  o: LabOptions = {},
  edit?: (raw: Record<string, any>) => void,
  scenario?: (net: Network) => Scenario,
): RunContext {
  const net = labNetwork(o, edit);
  const ctx = createContext(net, scenario ? scenario(net) : labScenario(net), []);
  initOracles(ctx.s);
  return ctx;
}

export const idx = (
  ctx: RunContext,
  kind: 'assets' | 'oracles' | 'protocols' | 'markets',
  id: string,
): number => ctx.s.names[kind].indexOf(id);
