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
}

export const LOOPS_DEFAULTS: LoopsOptions = { maxCycleLength: 8, maxCycles: 10_000 };

export interface Loops {
  markets: MarketLoop[];
  cycles: ClaimCycle[];
  /** True when `maxCycles` stopped the enumeration. */
  truncated: boolean;
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

  const cycles: ClaimCycle[] = [];
  let truncated = false;
  const path: number[] = [];
  const onPath = new Uint8Array(ids.length);
  const visit = (start: number, v: number): void => {
    if (truncated) return;
    for (const w of out[v]!) {
      if (w < start || comp[w] !== comp[start]) continue;
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
        visit(start, w);
        path.pop();
        onPath[w] = 0;
      }
    }
  };
  for (let s = 0; s < ids.length && !truncated; s++) {
    path.push(s);
    onPath[s] = 1;
    visit(s, s);
    onPath[s] = 0;
    path.pop();
  }
  cycles.sort(
    (a, b) => b.amplification - a.amplification || cmp(a.protocols.join(' '), b.protocols.join(' ')),
  );
  return { cycles, truncated };
}

/** Both kinds of loop. */
export function findLoops(net: Network, options: Partial<LoopsOptions> = {}): Loops {
  const { cycles, truncated } = claimCycles(net, options);
  return { markets: marketLoops(net), cycles, truncated };
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
