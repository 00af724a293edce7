// Recursive leverage loops (docs/model.md §5.3): pegged collateral/debt markets and cycles of the claims graph.
import { balanceSheets } from '../model/balance-sheet';
import type { Network } from '../model/network';
import { pegRooter } from '../model/peg';

export interface MarketLoop {
  market: string;
  protocol: string;
  collateral: string;
  debt: string;
  /** The asset both sides are pegged to (`USD` or a base asset). */
  pegRoot: string;
  collateralUsd: number;
  debtUsd: number;
  loanToValue: number;
  /** 1 / (1 - LTV): the leverage reached by looping to the limit. */
  maxLeverage: number;
  /** 1 / (1 - debt/collateral) over the market's cohorts: the leverage actually taken. */
  leverage: number;
}

export interface ClaimHop {
  from: string;
  to: string;
  amountUsd: number;
  /** Claim over the holder's assets: the share of a total loss at `to` that reaches `from`. */
  share: number;
}

export interface ClaimCycle {
  protocols: string[];
  hops: ClaimHop[];
  /** Product of the hop shares: the part of a loss that comes back around the cycle. */
  loopShare: number;
  /** 1 / (1 - loopShare). */
  amplification: number;
}

export interface LoopsOptions {
  /** Longest claims cycle enumerated. */
  maxCycleLength: number;
  /** Stop after this many cycles (largest networks can have very many). */
  maxCycles: number;
  /**
   * Trivial cycles are left out: those whose amplification 1 / (1 - loopShare) is below this (1 keeps every
   * cycle). Shares are at most 1, so a path's product only falls as it grows: the search drops a path as soon
   * as its product is below the loop share this needs, which is what keeps large networks fast.
   */
  minAmplification: number;
  /** Called as the search moves from one start protocol to the next (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export const LOOPS_DEFAULTS: LoopsOptions = { maxCycleLength: 8, maxCycles: 10_000, minAmplification: 1 };

export { TRIVIAL_AMPLIFICATION } from './trivial-cycles';

export interface Loops {
  markets: MarketLoop[];
  cycles: ClaimCycle[];
  /** True when `maxCycles` stopped the enumeration. */
  truncated: boolean;
  /** Cycles of amplification below this were left out (1: none). */
  minAmplification: number;
}

/** Markets whose collateral and debt share a peg root, largest debt first. */
export function marketLoops(net: Network): MarketLoop[] {
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd.toNumber()] as const));
  const root = pegRooter(net);
  const out: MarketLoop[] = [];
  for (const p of net.protocols) {
    for (const m of p.markets) {
      const r = root(m.collateral);
      if (r !== root(m.debt)) continue;
      const collateralUsd =
        m.cohorts.reduce((s, c) => s + c.collateralAmount.toNumber(), 0) * (price.get(m.collateral) ?? 0);
      const debtUsd = m.cohorts.reduce((s, c) => s + c.debtAmount.toNumber(), 0) * (price.get(m.debt) ?? 0);
      const ratio = collateralUsd > 0 ? debtUsd / collateralUsd : 0;
      out.push({
        market: m.id,
        protocol: p.id,
        collateral: m.collateral,
        debt: m.debt,
        pegRoot: r,
        collateralUsd,
        debtUsd,
        loanToValue: m.loanToValue,
        maxLeverage: m.loanToValue < 1 ? 1 / (1 - m.loanToValue) : Infinity,
        leverage: ratio < 1 ? 1 / (1 - ratio) : Infinity,
      });
    }
  }
  return out.sort((a, b) => b.debtUsd - a.debtUsd || cmp(a.market, b.market));
}

/**
 * Simple cycles of the claims graph (claims of one protocol on another summed per pair), found inside
 * strongly connected components, each cycle once (rotated to start at its smallest protocol id);
 * largest amplification first.
 */
export function claimCycles(
  net: Network,
  options: Partial<LoopsOptions> = {},
): { cycles: ClaimCycle[]; truncated: boolean } {
  const opts = { ...LOOPS_DEFAULTS, ...options };
  const ids = net.protocols.map((p) => p.id).sort(cmp);
  const index = new Map(ids.map((id, i) => [id, i] as const));
  const assets = new Map(balanceSheets(net).map((s) => [s.protocol, s.assetsUsd.toNumber()] as const));
  const amount = new Map<string, number>();
  const out: number[][] = ids.map(() => []);
  for (const p of net.protocols) {
    for (const c of p.claims) {
      const key = `${p.id}\u0000${c.on}`;
      if (!amount.has(key)) out[index.get(p.id)!]!.push(index.get(c.on)!);
      amount.set(key, (amount.get(key) ?? 0) + c.amountUsd.toNumber());
    }
  }
  out.forEach((list) => list.sort((a, b) => a - b));
  const comp = stronglyConnected(out);
  const share = out.map((list, v) => {
    const held = assets.get(ids[v]!) ?? 0;
    return list.map((w) => (held > 0 ? Math.min(1, amount.get(`${ids[v]}\u0000${ids[w]}`)! / held) : 0));
  });
  const minShare = opts.minAmplification > 1 ? 1 - 1 / opts.minAmplification : 0;

  const cycles: ClaimCycle[] = [];
  let truncated = false;
  const path: number[] = [];
  const onPath = new Uint8Array(ids.length);
  const visit = (start: number, v: number, product: number): void => {
    if (truncated) return;
    const targets = out[v]!;
    for (let k = 0; k < targets.length; k++) {
      const w = targets[k]!;
      if (w < start || comp[w] !== comp[start]) continue;
      const next = product * share[v]![k]!;
      if (next < minShare) continue;
      if (w === start) {
        if (cycles.length >= opts.maxCycles) {
          truncated = true;
          return;
        }
        cycles.push(
          makeCycle(
            path.map((i) => ids[i]!),
            amount,
            assets,
          ),
        );
      } else if (!onPath[w] && path.length < opts.maxCycleLength) {
        onPath[w] = 1;
        path.push(w);
        visit(start, w, next);
        path.pop();
        onPath[w] = 0;
      }
    }
  };
  for (let s = 0; s < ids.length && !truncated; s++) {
    opts.onProgress?.(s, ids.length);
    path.push(s);
    onPath[s] = 1;
    visit(s, s, 1);
    onPath[s] = 0;
    path.pop();
  }
  opts.onProgress?.(ids.length, ids.length);
  cycles.sort(
    (a, b) => b.amplification - a.amplification || cmp(a.protocols.join(' '), b.protocols.join(' ')),
  );
  return { cycles, truncated };
}

/** Both kinds of loop. */
export function findLoops(net: Network, options: Partial<LoopsOptions> = {}): Loops {
  const { cycles, truncated } = claimCycles(net, options);
  const minAmplification = options.minAmplification ?? LOOPS_DEFAULTS.minAmplification;
  return { markets: marketLoops(net), cycles, truncated, minAmplification };
}

function makeCycle(
  protocols: string[],
  amount: Map<string, number>,
  assets: Map<string, number>,
): ClaimCycle {
  const hops = protocols.map((from, i) => {
    const to = protocols[(i + 1) % protocols.length]!;
    const amountUsd = amount.get(`${from}\u0000${to}`) ?? 0;
    const held = assets.get(from) ?? 0;
    return { from, to, amountUsd, share: held > 0 ? Math.min(1, amountUsd / held) : 0 };
  });
  const loopShare = hops.reduce((s, h) => s * h.share, 1);
  return { protocols, hops, loopShare, amplification: loopShare < 1 ? 1 / (1 - loopShare) : Infinity };
}

/** Tarjan's algorithm, iterative; returns the component number of every node. */
export function stronglyConnected(out: readonly (readonly number[])[]): Int32Array {
  const n = out.length;
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let comps = 0;
  for (let root = 0; root < n; root++) {
    if (idx[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const v = frame[0];
      if (frame[1] === 0 && idx[v] === -1) {
        idx[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const edges = out[v]!;
      if (frame[1] < edges.length) {
        const w = edges[frame[1]++]!;
        if (idx[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v]!, idx[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === idx[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = comps;
        } while (w !== v);
        comps++;
      }
    }
  }
  return comp;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
