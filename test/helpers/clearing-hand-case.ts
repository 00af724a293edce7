// The hand case of the clearing house (docs/model.md §25.3) as raw clearing JSON: A owes B 700 and C 300, B
// owes C 100, with default funds of 100 (A), 150 (B) and 50 (C), settled in USDC.

export interface HandCaseHead {
  name: string;
  house: Record<string, unknown>;
  resolution: { steps: number; stepSeconds: number };
}

/** The case with `memberA` merged into A's entry (its margin, its chain) and `over` into the whole. */
export function handCaseClearing(
  head: HandCaseHead,
  memberA: Record<string, unknown>,
  over: Record<string, unknown> = {},
) {
  return {
    format: 'contagion/clearing@1',
    name: head.name,
    house: head.house,
    settlementAsset: 'USDC',
    resolution: head.resolution,
    members: [
      { protocol: 'A', ...memberA, defaultFund: '100' },
      { protocol: 'B', defaultFund: '150' },
      { protocol: 'C', defaultFund: '50' },
    ],
    obligations: [
      { from: 'A', to: 'B', amountUsd: '700' },
      { from: 'A', to: 'C', amountUsd: '300' },
      { from: 'B', to: 'C', amountUsd: '100' },
    ],
    ...over,
  };
}
