// Scores of an early-warning signal against labelled outcomes (docs/model.md §21): ROC AUC by the rank
// (Mann–Whitney) formula with ties counted half, precision and recall at a threshold, and lead times.

/**
 * ROC AUC of `scores` at telling positives from negatives: the share of (positive, negative) pairs in which
 * the positive scores higher, a tie counting half. Computed from ranks: with R the sum of the positives'
 * ranks (tied scores share their average rank), AUC = (R - n₊(n₊+1)/2) / (n₊ n₋). Null without both classes.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<boolean>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const rank = (i + 1 + (j + 1)) / 2; // ranks i+1 .. j+1 share their mean
    for (let k = i; k <= j; k++) {
      if (labels[order[k]!]) {
        positives++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Confusion counts of `score >= threshold` as the prediction. */
export interface Confusion {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** Precision TP/(TP+FP) and recall TP/(TP+FN); null where the denominator is 0. */
export function precisionRecall(c: Confusion): { precision: number | null; recall: number | null } {
  const predicted = c.truePositives + c.falsePositives;
  const actual = c.truePositives + c.falseNegatives;
  return {
    precision: predicted > 0 ? c.truePositives / predicted : null,
    recall: actual > 0 ? c.truePositives / actual : null,
  };
}

/**
 * Scores streamed in without being kept: counts of positives and negatives per score, each score rounded to
 * `1 / resolution` first. Its AUC is exactly `rocAuc` of the rounded scores (ties still count half), and its
 * confusion at a threshold is that of the rounded scores. Counters of disjoint samples add up (`merge`).
 */
export class ScoreCounter {
  private readonly counts = new Map<number, [number, number]>();
  readonly confusion: Confusion = {
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
  };

  constructor(
    readonly threshold: number,
    readonly resolution = 1e6,
  ) {}

  add(score: number, positive: boolean): void {
    const key = Math.round(score * this.resolution);
    let cell = this.counts.get(key);
    if (!cell) {
      cell = [0, 0];
      this.counts.set(key, cell);
    }
    cell[positive ? 0 : 1]++;
    const predicted = key / this.resolution >= this.threshold;
    const c = this.confusion;
    if (predicted) {
      if (positive) c.truePositives++;
      else c.falsePositives++;
    } else if (positive) c.falseNegatives++;
    else c.trueNegatives++;
  }

  merge(other: ScoreCounter): void {
    for (const [key, [pos, neg]] of other.counts) {
      const cell = this.counts.get(key);
      if (cell) {
        cell[0] += pos;
        cell[1] += neg;
      } else this.counts.set(key, [pos, neg]);
    }
    for (const k of Object.keys(this.confusion) as (keyof Confusion)[])
      this.confusion[k] += other.confusion[k];
  }

  /** The counts as plain arrays (to cross a thread boundary); `ScoreCounter.from` rebuilds it. */
  toData(): ScoreCounterData {
    const keys = [...this.counts.keys()];
    return {
      threshold: this.threshold,
      resolution: this.resolution,
      keys,
      counts: keys.flatMap((k) => this.counts.get(k)!),
      confusion: { ...this.confusion },
    };
  }

  static from(data: ScoreCounterData): ScoreCounter {
    const c = new ScoreCounter(data.threshold, data.resolution);
    data.keys.forEach((k, i) => c.counts.set(k, [data.counts[2 * i]!, data.counts[2 * i + 1]!]));
    Object.assign(c.confusion, data.confusion);
    return c;
  }

  /** Mann–Whitney over the counts: Σ over scores of pos · (negatives below + neg / 2), over n₊ n₋. */
  auc(): number | null {
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    let negativesBelow = 0;
    let wins = 0;
    let positives = 0;
    for (const key of keys) {
      const [pos, neg] = this.counts.get(key)!;
      wins += pos * (negativesBelow + neg / 2);
      negativesBelow += neg;
      positives += pos;
    }
    if (positives === 0 || negativesBelow === 0) return null;
    return wins / (positives * negativesBelow);
  }
}

/** A ScoreCounter as plain data: its rounded scores and, for each, the positives and negatives in turn. */
export interface ScoreCounterData {
  threshold: number;
  resolution: number;
  keys: number[];
  counts: number[];
  confusion: Confusion;
}

/** Median of a list (mean of the middle two for an even count), or null when empty. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
