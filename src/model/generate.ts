// Seeded synthetic networks of any size (for benchmarks and stress tests), in the network file format.
import prand from 'pure-rand';
import { InternalError, UsageError } from './errors';
import type { NetworkFileInput } from './schema/network';

/** Largest networks generated: beyond them the file outgrows what the commands read (256 MiB). */
export const GENERATE_LIMITS = {
  protocols: 200_000,
  cohorts: 1_000_000,
  claims: 1_000_000,
  assets: 10_000,
} as const;

export interface GenerateOptions {
  protocols: number;
  /** Total cohorts, spread over the markets. */
  cohorts: number;
  /** Claims between protocols (random pairs; repeated pairs add up). */
  claims: number;
  /** Volatile assets (a dollar asset USD is always added). */
  assets?: number;
  /** Cohorts per market. */
  cohortsPerMarket?: number;
  seed: number;
}

/**
 * A random but well-formed network: lenders holding dollars, markets of volatile collateral against USD with
 * health factors spread over [1.02, 3], claims between random pairs, and every balance sheet set to start
 * with 5% equity. The same options give the same network.
 */
export function generateNetwork(o: GenerateOptions): NetworkFileInput {
  for (const key of ['protocols', 'cohorts', 'claims', 'assets'] as const) {
    const n = o[key];
    if (n !== undefined && n > GENERATE_LIMITS[key])
      throw new UsageError(
        `--${key} ${n} is above the limit of ${GENERATE_LIMITS[key]} (a larger network outgrows the 256 MiB that commands read)`,
      );
  }
  const rng = prand.xoroshiro128plus(o.seed | 0);
  const uniform = () => prand.unsafeUniformIntDistribution(0, 0x7fffffff, rng) / 0x80000000;
  const int = (n: number) => Math.min(n - 1, Math.floor(uniform() * n));
  const nAssets = Math.max(1, o.assets ?? Math.min(50, Math.max(4, Math.round(o.protocols / 200))));
  const perMarket = Math.max(1, o.cohortsPerMarket ?? 20);
  const nMarkets = o.cohorts > 0 ? Math.max(1, Math.ceil(o.cohorts / perMarket)) : 0;
  const fmt = (x: number) => x.toFixed(6);

  const price = Array.from({ length: nAssets }, () => 1 + Math.round(uniform() * 5000));
  const assets = [
    { id: 'USD', priceUsd: '1' },
    ...price.map((p, i) => ({ id: `A${i}`, priceUsd: String(p) })),
  ];
  const oracles = assets.map((a) => ({
    id: `o-${a.id}`,
    asset: a.id,
    source: 'market' as const,
    heartbeatSec: 3600,
    deviation: 0.005,
    latencySec: 12,
  }));

  const assetsUsd = new Float64Array(o.protocols);
  const holdings = new Float64Array(o.protocols);
  const markets: {
    id: string;
    owner: number;
    collateral: number;
    cohorts: { collateralAmount: string; debtAmount: string }[];
  }[] = [];
  let left = o.cohorts;
  for (let m = 0; m < nMarkets; m++) {
    const owner = m % o.protocols;
    const collateral = int(nAssets);
    const count = Math.min(perMarket, left);
    left -= count;
    const cohorts = [];
    for (let c = 0; c < count; c++) {
      const units = 1 + uniform() * 99;
      const hf = 1.02 + uniform() * 1.98;
      const debt = (units * price[collateral]! * 0.8) / hf;
      assetsUsd[owner]! += debt;
      cohorts.push({ collateralAmount: fmt(units), debtAmount: fmt(debt) });
    }
    markets.push({ id: `m${m}`, owner, collateral, cohorts });
  }
  // Depth: the dollar is deep; a volatile asset's 2% depth is 1% to 5% of the collateral held in it.
  const collateralUsd = new Float64Array(nAssets);
  for (const m of markets)
    for (const c of m.cohorts)
      collateralUsd[m.collateral]! += Number(c.collateralAmount) * price[m.collateral]!;
  const venues = [
    {
      id: 'dex',
      kind: 'dex' as const,
      liquidity: [
        { asset: 'USD', depthUsd2pct: '100000000000', resilienceHalfLifeSec: 60 },
        ...price.map((_, i) => ({
          asset: `A${i}`,
          depthUsd2pct: String(Math.round(1e6 + collateralUsd[i]! * (0.01 + 0.04 * uniform()))),
          resilienceHalfLifeSec: 600,
        })),
      ],
    },
  ];
  // Each claim's holder, debtor and amount, in typed arrays (a million claims and more).
  const nClaims = o.protocols > 1 ? o.claims : 0;
  const holderOf = new Int32Array(nClaims);
  const debtorOf = new Int32Array(nClaims);
  const usdOf = new Float64Array(nClaims);
  const claimsOn = new Float64Array(o.protocols);
  for (let k = 0; k < nClaims; k++) {
    const i = int(o.protocols);
    let j = int(o.protocols - 1);
    if (j >= i) j++;
    const usd = 1000 + Math.round(uniform() * 1e6);
    holderOf[k] = i;
    debtorOf[k] = j;
    usdOf[k] = usd;
    assetsUsd[i]! += usd;
    claimsOn[j]! += usd;
  }
  for (let p = 0; p < o.protocols; p++) {
    holdings[p] = 1e6 + Math.round(uniform() * 1e7);
    assetsUsd[p]! += holdings[p]!;
    // Claims of others on p must fit within 95% of its assets; top its reserves up where they do not.
    const shortfall = claimsOn[p]! - 0.95 * assetsUsd[p]!;
    if (shortfall > 0) {
      const topUp = shortfall / 0.95 + 1;
      holdings[p]! += topUp;
      assetsUsd[p]! += topUp;
    }
  }
  const claimsBy: { on: string; amountUsd: string }[][] = Array.from({ length: o.protocols }, () => []);
  claimsByHolder(holderOf, debtorOf, usdOf, (i, j, usd) =>
    claimsBy[i]!.push({ on: `p${j}`, amountUsd: String(usd) }),
  );
  const marketsBy: (typeof markets)[] = Array.from({ length: o.protocols }, () => []);
  for (const m of markets) marketsBy[m.owner]!.push(m);

  return {
    format: 'contagion/network@1',
    name: `generated-${o.protocols}p-${o.cohorts}c-${o.claims}k-seed${o.seed}`,
    description: 'Synthetic network made by contagion generate.',
    asOf: '2025-01-01',
    assets,
    oracles,
    venues,
    protocols: Array.from({ length: o.protocols }, (_, p) => ({
      id: `p${p}`,
      kind: 'lending' as const,
      holdings: [{ asset: 'USD', amount: fmt(holdings[p]!) }],
      claims: claimsBy[p]!,
      externalLiabilitiesUsd: fmt(Math.max(0, 0.95 * assetsUsd[p]! - claimsOn[p]!)),
      keeperCapacityUsdPerStep: '5000000',
      markets: marketsBy[p]!.map((m) => ({
        id: m.id,
        collateral: `A${m.collateral}`,
        debt: 'USD',
        loanToValue: 0.75,
        liquidationThreshold: 0.8,
        liquidationBonus: 0.05,
        collateralOracle: `o-A${m.collateral}`,
        debtOracle: 'o-USD',
        cohorts: m.cohorts,
      })),
    })),
  };
}

/** Whole dollars below this fit beside a debtor in one double (`claimsByHolder`). */
const USD_SLOT = 2 ** 21;

/**
 * Calls `each` with every distinct (holder, debtor) pair, by holder then debtor, and the sum of its amounts:
 * the claims are counted out by holder, and each holder's are sorted as debtor x 2^21 + amount (whole dollars
 * below 2^21, so each packed value and each sum is exact).
 */
function claimsByHolder(
  holderOf: Int32Array,
  debtorOf: Int32Array,
  usdOf: Float64Array,
  each: (holder: number, debtor: number, usd: number) => void,
): void {
  const n = holderOf.length;
  let holders = 0;
  for (let k = 0; k < n; k++) holders = Math.max(holders, holderOf[k]! + 1);
  const start = new Int32Array(holders + 1);
  for (let k = 0; k < n; k++) start[holderOf[k]! + 1]!++;
  for (let i = 0; i < holders; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, holders);
  const packed = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (!(usdOf[k]! < USD_SLOT)) throw new InternalError(`a generated claim of ${usdOf[k]} USD does not fit`);
    packed[fill[holderOf[k]!]!++] = debtorOf[k]! * USD_SLOT + usdOf[k]!;
  }
  for (let i = 0; i < holders; i++) {
    const own = packed.subarray(start[i]!, start[i + 1]!).sort();
    for (let r = 0; r < own.length;) {
      const j = Math.floor(own[r]! / USD_SLOT);
      let usd = 0;
      for (; r < own.length && Math.floor(own[r]! / USD_SLOT) === j; r++) usd += own[r]! - j * USD_SLOT;
      each(i, j, usd);
    }
  }
}
