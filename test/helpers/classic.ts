// Builders of small networks in the network format for the classic contagion models.
import type { Network } from '../../src/model/network';
import type { Scenario } from '../../src/model/parse-scenario';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';

export interface BanksSpec {
  /** L[i][j]: what bank i owes bank j. */
  owes: number[][];
  /** External (non-interbank) assets of each bank. */
  external: number[];
  /** External liabilities, paid pro rata with interbank ones (pari passu). */
  externalLiabilities?: number[];
  defaultCost?: { externalAssets: number; claims: number };
  lossGivenDefault?: number;
}

/** A network of banks b1..bn in the contagion format: cash as other assets, interbank debts as claims. */
export function banksNetwork(spec: BanksSpec): Network {
  const n = spec.external.length;
  const protocols = Array.from({ length: n }, (_, j) => ({
    id: `b${j + 1}`,
    kind: 'bank',
    otherAssetsUsd: String(spec.external[j]),
    externalLiabilitiesUsd: String(spec.externalLiabilities?.[j] ?? 0),
    // Bank j holds a claim on every bank i that owes it.
    claims: spec.owes.flatMap((row, i) =>
      row[j]! > 0 ? [{ on: `b${i + 1}`, amountUsd: String(row[j]) }] : [],
    ),
    ...(spec.defaultCost ? { defaultCost: spec.defaultCost } : {}),
    ...(spec.lossGivenDefault !== undefined
      ? { onDefault: { mode: 'loss-given-default', lossGivenDefault: spec.lossGivenDefault } }
      : {}),
  }));
  return parseNetwork(
    {
      format: 'contagion/network@1',
      name: 'banks',
      asOf: '2001-01-01',
      assets: [{ id: 'USD', priceUsd: '1' }],
      protocols,
    },
    'banks.json',
  );
}

/** A scenario of `steps` steps whose only event changes nothing (the clearing of the initial state). */
export function quietScenario(net: Network, steps = 1, extra: unknown[] = []): Scenario {
  return parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'clearing',
      stepSeconds: 12,
      horizonSteps: steps,
      events: [{ type: 'depth', asset: net.assets[0]!.id, atStep: 0, multiplier: 1 }, ...extra],
    },
    'scenario.json',
    net,
  );
}
