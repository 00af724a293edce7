// The kinds of exposure DebtRank can count, and the default: a module with no imports, so the CLI can
// parse `--exposures` without loading the graph libraries behind systemic.ts.

/**
 * Which balance-sheet positions count as protocol j's exposure to protocol i in DebtRank:
 * - `claims`: j's claims on i;
 * - `claims-and-tokens`: those plus j's holdings of tokens that i issues, at market prices;
 * - `claims-tokens-collateral`: those plus j's loans against collateral that i issues (a market of j whose
 *   collateral is i's token), valued as the balance sheet values them (`marketLoansUsd`: each cohort at
 *   min(debt value, collateral value)): when i fails, its token loses value and the loans it backs with it.
 */
export const DEBTRANK_EXPOSURES = ['claims', 'claims-and-tokens', 'claims-tokens-collateral'] as const;
export type DebtRankExposures = (typeof DEBTRANK_EXPOSURES)[number];

export const DEFAULT_DEBTRANK_EXPOSURES: DebtRankExposures = 'claims-tokens-collateral';
