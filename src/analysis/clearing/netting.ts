// Multilateral netting of the claims between clearing members (docs/model.md §25.2), in whole cents.

export interface GrossClaim {
  /** Index of the member that owes. */
  from: number;
  /** Index of the member that is owed. */
  to: number;
  cents: bigint;
}

export interface Netting {
  /** Per member: what it is owed less what it owes, over all its claims (positive: a net receiver). */
  net: bigint[];
  /** Per member: what it pays the clearing house, max(0, -net). */
  payable: bigint[];
  /** Per member: what the clearing house pays it, max(0, net). */
  receivable: bigint[];
  /** Sum of every claim before netting. */
  grossCents: bigint;
  /** Sum of what is paid after netting (= sum of what is received). */
  netCents: bigint;
}

/**
 * Nets every claim against the clearing house as central counterparty: each member ends with one net
 * position, the net positions sum to zero, and what net payers pay is what net receivers get.
 */
export function netClaims(members: number, claims: readonly GrossClaim[]): Netting {
  const net = Array.from({ length: members }, () => 0n);
  let grossCents = 0n;
  for (const c of claims) {
    net[c.from]! -= c.cents;
    net[c.to]! += c.cents;
    grossCents += c.cents;
  }
  const payable = net.map((x) => (x < 0n ? -x : 0n));
  const receivable = net.map((x) => (x > 0n ? x : 0n));
  const netCents = payable.reduce((s, x) => s + x, 0n);
  return { net, payable, receivable, grossCents, netCents };
}
