// The static exposure graph of docs/model.md §5.1: who loses when an asset or a protocol fails, and what share.
import { type AssetExposureParts, assetExposureParts, netExposureUsd } from '../model/asset-exposure';
import { balanceSheets } from '../model/balance-sheet';
import { nodeKey } from '../model/graph';
import type { Network } from '../model/network';

/*
 * An edge u -> v with share s says: if u became worthless (an asset's price at 0, a protocol's recovery at
 * 0), v would lose s of what it is worth: a protocol s of its assets, an asset s of its price. Shares are
 * in (0, 1]; a path's share is the product of its edges' shares.
 */

export type { AssetExposureParts };

export type ExposureType =
  'holding' | 'collateral' | 'loan' | 'claim' | 'issuance' | 'peg' | 'convertibility';

export interface ExposureEdge {
  /** Node keys as in the network graph: `asset:X` or `protocol:Y`. */
  from: string;
  to: string;
  /** Asset -> protocol edges take the type of their largest part. */
  type: ExposureType;
  share: number;
  /** USD the target stands to lose (asset -> protocol and claims), 0 for price links between assets. */
  exposureUsd: number;
  parts?: AssetExposureParts;
}

export interface ExposureGraph {
  /** Node keys, sorted: assets first, then protocols. */
  nodes: string[];
  index: Map<string, number>;
  /** Out-edges by node index, sorted by target key then type. */
  out: ExposureEdge[][];
  /** Total assets of each protocol at initial prices, by protocol id. */
  protocolAssetsUsd: Map<string, number>;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const A = (id: string) => nodeKey('Asset', id);
const P = (id: string) => nodeKey('Protocol', id);

/**
 * Builds the exposure graph of a network. Edge shares:
 * - asset a -> protocol p: (holdings of a + loans against a + loans of a - p's issued tokens whose par
 *   follows a) / p's assets, floored at 0 and capped at 1;
 * - protocol y -> protocol p (p holds claims on y): claims / p's assets, capped at 1;
 * - protocol y -> asset a it issues: 1 (a's backing is y's balance sheet: par x recovery);
 * - asset t -> asset a pegged to t: 1 (par follows the target's price);
 * - asset f -> asset t convertible from f by a `mint` or `both` link: 1 (the mint bound caps t at f's price
 *   x rate; a `redeem` link only floors t, so a fall of f does not carry over). When t is also pegged to
 *   f, the two are one `peg` edge.
 * Edges with a zero share are left out.
 */
export function exposureGraph(net: Network): ExposureGraph {
  const assetsOf = new Map(balanceSheets(net).map((s) => [s.protocol, s.assetsUsd.toNumber()] as const));
  const partsOf = assetExposureParts(net);
  const edges: ExposureEdge[] = [];

  for (const p of net.protocols) {
    const total = assetsOf.get(p.id) ?? 0;
    const parts = partsOf.get(p.id)!;
    for (const [a, x] of parts) {
      const net_ = netExposureUsd(x);
      if (!(total > 0) || !(net_ > 0)) continue;
      const type: ExposureType =
        x.collateralUsd >= x.holdingUsd && x.collateralUsd >= x.loanUsd
          ? 'collateral'
          : x.holdingUsd >= x.loanUsd
            ? 'holding'
            : 'loan';
      edges.push({
        from: A(a),
        to: P(p.id),
        type,
        share: Math.min(1, net_ / total),
        exposureUsd: net_,
        parts: x,
      });
    }
    const claims = new Map<string, number>();
    for (const c of p.claims) claims.set(c.on, (claims.get(c.on) ?? 0) + c.amountUsd.toNumber());
    for (const [on, usd] of claims) {
      if (total > 0 && usd > 0)
        edges.push({
          from: P(on),
          to: P(p.id),
          type: 'claim',
          share: Math.min(1, usd / total),
          exposureUsd: usd,
        });
    }
  }
  // One price link per pair of assets: a peg and a mint link between the same two assets are one edge.
  const links = new Set<string>();
  for (const a of net.assets) {
    if (!a.peg) continue;
    edges.push({ from: P(a.peg.issuer), to: A(a.id), type: 'issuance', share: 1, exposureUsd: 0 });
    if (a.peg.target !== 'USD') {
      links.add(`${a.peg.target}\u0000${a.id}`);
      edges.push({ from: A(a.peg.target), to: A(a.id), type: 'peg', share: 1, exposureUsd: 0 });
    }
  }
  for (const c of net.convertibility) {
    const key = `${c.from}\u0000${c.to}`;
    if (c.direction === 'redeem' || c.from === c.to || links.has(key)) continue;
    links.add(key);
    edges.push({ from: A(c.from), to: A(c.to), type: 'convertibility', share: 1, exposureUsd: 0 });
  }

  const nodes = [...net.assets.map((a) => A(a.id)).sort(cmp), ...net.protocols.map((p) => P(p.id)).sort(cmp)];
  const index = new Map(nodes.map((k, i) => [k, i] as const));
  const out: ExposureEdge[][] = nodes.map(() => []);
  for (const e of edges) out[index.get(e.from)!]!.push(e);
  for (const list of out) list.sort((x, y) => cmp(x.to, y.to) || cmp(x.type, y.type));
  return { nodes, index, out, protocolAssetsUsd: assetsOf };
}
