// A laboratory network for dynamic margins and risk controllers: one lender "bank" with one market "bank/x" of X
// (price 100, one market oracle "x") against USD (fixed oracle "usd"), LT 0.8, LTV 0.75, bonus 5%.
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';
import { oneBankRaw } from './one-bank';

/** The network as raw JSON, with X's depth per 2% and the cohorts given by health factor and collateral. */
export function defencesLabRaw(
  depthUsd2pct: string,
  cohorts: { hf: number; collateral: number }[],
): Record<string, unknown> {
  return oneBankRaw({
    name: 'defences lab',
    asOf: '2025-01-01',
    debt: 'USD',
    liquidity: [
      { asset: 'X', depthUsd2pct, resilienceHalfLifeSec: 3600 },
      { asset: 'USD', depthUsd2pct: '1e15', resilienceHalfLifeSec: 60 },
    ],
    holdingsUsd: '100000000',
    externalLiabilitiesUsd: '150000000',
    cohorts: cohorts.map((c) => ({
      collateralAmount: String(c.collateral),
      debtAmount: String((c.collateral * 100 * 0.8) / c.hf),
    })),
  });
}

export function defencesLab(depthUsd2pct: string, cohorts: { hf: number; collateral: number }[]): Network {
  return parseNetwork(defencesLabRaw(depthUsd2pct, cohorts), 'defences-lab.json');
}

/** The cohorts of the stale-controller case: a big one at HF 1.15, a small one at 1.02, two at 1.3. */
export const STALE_CASE_COHORTS = [
  { hf: 1.15, collateral: 1_000_000 },
  { hf: 1.02, collateral: 10_000 },
  { hf: 1.3, collateral: 50_000 },
  { hf: 1.3, collateral: 50_000 },
];
