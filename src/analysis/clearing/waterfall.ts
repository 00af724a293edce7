// The default waterfall of a clearing house (docs/model.md §25.3), in whole cents: the defaulter's margin,
// its own default-fund contribution, the house's skin in the game (first or after the members), the
// surviving members' contributions pro rata, then a pro-rata haircut of what survivors are owed.

export type SkinOrder = 'first' | 'after-members';

export interface WaterfallInput {
  /** Per member: what it pays the house after netting. */
  payable: readonly bigint[];
  /** Per member: what the house pays it after netting. */
  receivable: readonly bigint[];
  /** Per member: whether it defaulted. */
  defaulted: readonly boolean[];
  /** Per member: what its margin raised (settlement-asset margin plus the sale of its book); defaulters only. */
  raised: readonly bigint[];
  /** Per member: its default-fund contribution. */
  fund: readonly bigint[];
  /** The house's own contribution. */
  skin: bigint;
  skinOrder: SkinOrder;
}

/** What one default cost each layer. */
export interface DefaultLayers {
  member: number;
  /** What the defaulter owed the house after netting. */
  owed: bigint;
  /** Paid out of what its margin raised. */
  margin: bigint;
  /** What its margin raised beyond what it owed: returned to it. */
  surplus: bigint;
  /** owed - margin: the loss the margin did not cover. */
  badDebt: bigint;
  /** Out of its own default-fund contribution. */
  ownFund: bigint;
  /** Out of the house's contribution. */
  skin: bigint;
  /** Per member: out of its default-fund contribution (survivors only). */
  memberFund: bigint[];
  /** Per member: the haircut of what it is owed (survivors only). */
  haircut: bigint[];
  /** Left when every layer is used up (zero whenever the defaulter owed no more than survivors are owed). */
  unallocated: bigint;
}

export interface WaterfallResult {
  /** One entry per defaulter, in member order. */
  defaults: DefaultLayers[];
  /** Per member: its default-fund contribution used, for its own default or another's. */
  fundUsed: bigint[];
  /** Per member: the total haircut of what it is owed. */
  haircut: bigint[];
  skinUsed: bigint;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Splits `total` over `weights` in proportion, in whole cents: each share is rounded down and the cents
 * left over go one each to the largest remainders (ties to the lower index). Sums to `total` exactly.
 */
export function splitProRata(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((s, w) => s + w, 0n);
  const shares = weights.map(() => 0n);
  if (sum === 0n || total === 0n) return shares;
  const rest: { i: number; r: bigint }[] = [];
  let given = 0n;
  weights.forEach((w, i) => {
    shares[i] = (total * w) / sum;
    given += shares[i]!;
    rest.push({ i, r: (total * w) % sum });
  });
  rest.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; given < total; k++, given++) shares[rest[k]!.i]! += 1n;
  return shares;
}

/** Runs each default, in member order, through the layers that are left. */
export function runWaterfall(w: WaterfallInput): WaterfallResult {
  const n = w.payable.length;
  const fundLeft = [...w.fund];
  const owedLeft = w.receivable.map((r, i) => (w.defaulted[i] ? 0n : r));
  let skinLeft = w.skin;
  const defaults: DefaultLayers[] = [];
  for (let d = 0; d < n; d++) {
    if (!w.defaulted[d]) continue;
    const owed = w.payable[d]!;
    const margin = min(w.raised[d]!, owed);
    const badDebt = owed - margin;
    let loss = badDebt;
    const ownFund = min(loss, fundLeft[d]!);
    fundLeft[d]! -= ownFund;
    loss -= ownFund;
    const useSkin = () => {
      const s = min(loss, skinLeft);
      skinLeft -= s;
      loss -= s;
      return s;
    };
    let skin = w.skinOrder === 'first' ? useSkin() : 0n;
    const survivorsFund = fundLeft.map((f, i) => (w.defaulted[i] ? 0n : f));
    const memberFund = splitProRata(
      min(
        loss,
        survivorsFund.reduce((s, f) => s + f, 0n),
      ),
      survivorsFund,
    );
    memberFund.forEach((x, i) => {
      fundLeft[i]! -= x;
      loss -= x;
    });
    if (w.skinOrder === 'after-members') skin = useSkin();
    const haircut = splitProRata(
      min(
        loss,
        owedLeft.reduce((s, x) => s + x, 0n),
      ),
      owedLeft,
    );
    haircut.forEach((x, i) => {
      owedLeft[i]! -= x;
      loss -= x;
    });
    defaults.push({
      member: d,
      owed,
      margin,
      surplus: w.raised[d]! - margin,
      badDebt,
      ownFund,
      skin,
      memberFund,
      haircut,
      unallocated: loss,
    });
  }
  const fundUsed = w.fund.map((f, i) => f - fundLeft[i]!);
  const haircut = w.receivable.map((r, i) => (w.defaulted[i] ? 0n : r - owedLeft[i]!));
  return { defaults, fundUsed, haircut, skinUsed: w.skin - skinLeft };
}
