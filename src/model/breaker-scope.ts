// What a breaker's scope and its cross-chain triggers name in a network (docs/model.md §24): the protocols a
// scope covers (`all`, a list, every protocol on a chain, a bridge's escrow) and the asset a depeg trigger
// watches (an asset, or the copy a bridge issues of it on another chain). Shared by the checks and the engine.
import { unhandled } from './errors';
import type { Network } from './network';
import type { BreakerParsed } from './schema/scenario';

type Scope = BreakerParsed['scope'];

/** The chain an object lives on: its own, else the network's first chain (undefined without `chains`). */
export function chainOf(net: Network, chain: string | undefined): string | undefined {
  return chain ?? net.chains?.[0]?.id;
}

/** Ids of the protocols a scope covers, in network order (unknown chain or bridge: none). */
export function scopeProtocolIds(net: Network, scope: Scope): string[] {
  if (scope === 'all') return net.protocols.map((p) => p.id);
  if ('protocols' in scope) return [...scope.protocols];
  if ('chain' in scope) {
    if (!(net.chains ?? []).some((c) => c.id === scope.chain)) return [];
    return net.protocols.filter((p) => chainOf(net, p.chain) === scope.chain).map((p) => p.id);
  }
  if ('bridge' in scope) {
    const b = (net.bridges ?? []).find((x) => x.id === scope.bridge);
    return b ? [b.escrow] : [];
  }
  return unhandled(scope);
}

/**
 * The asset a depeg trigger watches: `asset` itself when `chain` is absent or its own chain, else the copy a
 * bridge with `asset` as canonical issues on `chain`. A reason instead when there is none or it has no peg.
 */
export function depegAsset(
  net: Network,
  asset: string,
  chain: string | undefined,
): { id: string } | { reason: string } {
  const a = net.assets.find((x) => x.id === asset);
  if (!a) return { reason: `unknown asset "${asset}" (not in the network)` };
  let id = asset;
  if (chain !== undefined && chain !== chainOf(net, a.chain)) {
    const bridge = (net.bridges ?? []).find((b) => b.canonical === asset && b.to === chain);
    if (!bridge) return { reason: `no bridge issues a copy of "${asset}" on chain "${chain}"` };
    id = bridge.copy;
  }
  const watched = net.assets.find((x) => x.id === id)!;
  if (!watched.peg) return { reason: `"${id}" has no peg, so it cannot depeg` };
  return { id };
}
