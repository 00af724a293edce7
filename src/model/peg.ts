// Peg chains: where an asset's value ultimately comes from (USD or a base asset).
import type { Network } from './network';

/** The end of an asset's peg chain: `USD`, or the id of the base asset it is (transitively) pegged to. */
export function pegRooter(net: Network): (assetId: string) => string {
  const byId = new Map(net.assets.map((a) => [a.id, a] as const));
  return (assetId) => rootOf(byId, assetId);
}

function rootOf(byId: Map<string, Network['assets'][number]>, assetId: string): string {
  let cur = assetId;
  const seen = new Set<string>();
  for (;;) {
    const a = byId.get(cur);
    if (!a?.peg || seen.has(cur)) return cur;
    seen.add(cur);
    if (a.peg.target === 'USD') return 'USD';
    cur = a.peg.target;
  }
}
