// The liquidation auctions of a run (docs/model.md §17): each market's auction rule as numbers, and the book of
// auctions in progress. An auction in progress stays on its lender's balance sheet as a loan would, at the
// smaller of the debt it has still to recover and the collateral it still holds (§17.4).
import type { Auction, AuctionDecay } from '../model/network';
import { unhandled } from './compile-scenario';

export const AUCTION_DUTCH = 0;
export const AUCTION_ENGLISH = 1;

/** A market's auction rule with every amount a number (Infinity where a limit is absent). */
export type AuctionRule =
  | {
      kind: typeof AUCTION_DUTCH;
      penalty: number;
      maxInAuctionUsd: number;
      keeperCostUsd: number;
      /** Collateral per auction, 0 when absent (one auction per cohort and step). */
      lotCollateral: number;
      startMultiplier: number;
      decay: AuctionDecay;
      resetAfterSec: number;
      resetBelow: number;
      /** Paid by the protocol to the keeper that starts or restarts an auction: tip + chip x tab (debt tokens). */
      keeperRewardFlat: number;
      keeperRewardShare: number;
    }
  | {
      kind: typeof AUCTION_ENGLISH;
      penalty: number;
      maxInAuctionUsd: number;
      keeperCostUsd: number;
      lotCollateral: number;
      bidDurationSec: number;
      auctionLengthSec: number;
      minIncrement: number;
      keepers: number;
    };

/** The rule of a market's `auction` field, or undefined (atomic liquidation). */
export function auctionRule(a: Auction | undefined): AuctionRule | undefined {
  if (!a) return undefined;
  const common = {
    penalty: a.penalty,
    maxInAuctionUsd: a.maxInAuctionUsd?.toNumber() ?? Infinity,
    keeperCostUsd: a.keeperCostUsd.toNumber(),
    lotCollateral: a.lotCollateral?.toNumber() ?? 0,
  };
  if (a.kind === 'dutch') {
    return {
      kind: AUCTION_DUTCH,
      ...common,
      startMultiplier: a.startMultiplier,
      decay: a.decay,
      resetAfterSec: a.resetAfterSec ?? Infinity,
      resetBelow: a.resetBelow,
      keeperRewardFlat: a.keeperRewardFlat.toNumber(),
      keeperRewardShare: a.keeperRewardShare,
    };
  }
  return {
    kind: AUCTION_ENGLISH,
    ...common,
    bidDurationSec: a.bidDurationSec,
    auctionLengthSec: a.auctionLengthSec,
    minIncrement: a.minIncrement,
    keepers: a.keepers,
  };
}

/**
 * Price of a Dutch auction `elapsedSec` after its start, in debt tokens per collateral token:
 * `top · cut^floor(e / step)` (exponential stairstep) or `top · max(0, 1 - e / duration)` (linear).
 */
export function dutchPrice(top: number, decay: AuctionDecay, elapsedSec: number): number {
  if (decay.shape === 'exponential') return top * Math.pow(decay.cut, Math.floor(elapsedSec / decay.stepSec));
  return top * Math.max(0, 1 - elapsedSec / decay.durationSec);
}

/** One auction in progress: the part of a cohort's position sent to auction in one step. */
export interface OpenAuction {
  /** Order in which the run started it. */
  id: number;
  market: number;
  protocol: number;
  /** How many auctions of `lotCollateral` it stands for (all share its fate). */
  lots: number;
  startSec: number;
  /** Collateral tokens still in the auction. */
  lot: number;
  /** Debt tokens of the position sent to auction (what the lender is owed). */
  debt: number;
  /** Debt tokens the auction is to raise: debt x (1 + penalty). */
  tab: number;
  /** Debt tokens raised so far. */
  raised: number;
  /** Dutch: the start price, debt tokens per collateral token. */
  top: number;
  /** English: the high bid (debt tokens), the collateral it is for, when it landed, and the auction's end. */
  bid: number;
  bidLot: number;
  hasBid: boolean;
  lastBidSec: number;
  endSec: number;
  /** English: whether a rival ever outbid the first bid, and the last step rivals were looked for. */
  contested: boolean;
  checkedStep: number;
  /** Keepers' cost of the transactions sent for it so far, USD. */
  costUsd: number;
  /** Sum of what the keepers gained over what they paid and spent, USD at the prices of each take. */
  keeperProfitUsd: number;
  /** What the keepers paid, USD at the debt's market price at each payment. */
  proceedsUsd: number;
  closed: boolean;
}

/** The auctions in progress, in the order started, and by market for valuation. */
export class AuctionBook {
  readonly open: OpenAuction[] = [];
  readonly byMarket: OpenAuction[][];
  private nextId = 0;

  constructor(markets: number) {
    this.byMarket = Array.from({ length: markets }, () => []);
  }

  get size(): number {
    return this.open.length;
  }

  /** Adds an auction (its id is set here). */
  add(a: Omit<OpenAuction, 'id'>): OpenAuction {
    const x = { ...a, id: this.nextId++ };
    this.open.push(x);
    this.byMarket[x.market]!.push(x);
    return x;
  }

  /** Drops the auctions marked closed, keeping the others' order. */
  sweep(): void {
    if (!this.open.some((a) => a.closed)) return;
    const keep = (list: OpenAuction[]) => {
      let j = 0;
      for (const a of list) if (!a.closed) list[j++] = a;
      list.length = j;
    };
    keep(this.open);
    for (const list of this.byMarket) keep(list);
  }

  /**
   * The auctions of market m on the lender's balance sheet: each at the smaller of the debt still to recover
   * (at `pd` a debt token) and the collateral it holds (at `pc`).
   */
  value(m: number, pc: number, pd: number): number {
    const list = this.byMarket[m]!;
    let v = 0;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      v += Math.min(Math.max(0, a.debt - a.raised) * pd, a.lot * pc);
    }
    return v;
  }

  /** Debt plus penalty still to raise in market m's auctions, in debt tokens. */
  owedIn(m: number): number {
    let v = 0;
    for (const a of this.byMarket[m]!) v += Math.max(0, a.tab - a.raised);
    return v;
  }
}

/** The name of a rule's kind, as the network file writes it. */
export function auctionKindName(rule: AuctionRule): 'dutch' | 'english' {
  switch (rule.kind) {
    case AUCTION_DUTCH:
      return 'dutch';
    case AUCTION_ENGLISH:
      return 'english';
    default:
      return unhandled(rule);
  }
}
