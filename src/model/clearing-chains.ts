// A clearing house on a network with chains (docs/model.md §25.1): the house read from a network protocol of
// kind `clearing-house`, the chain of the house and of each member, and the bridge that moves a margin item
// posted on another chain than the house's, with the copy's price it counts at and the delay before it can
// be used.
import { Dec, ZERO } from './decimal';
import type { Network, Protocol } from './network';
import type { ClearingSetup } from './parse-clearing';

/** The house as a resolution reads it: its chain and its own capital (USD). */
export interface HouseView {
  id: string;
  chain?: string;
  skinInTheGameUsd: Dec;
  /** The network protocol the house is, when it is one. */
  protocol?: Protocol;
}

/** How a margin item reaches the house: through which bridge, as what, after how long. */
export interface MarginRoute {
  /** The bridge; absent when the item is on the house's chain. */
  bridge?: string;
  /** The asset the house receives (the canonical of a withdrawal, the copy of a deposit, else the item's). */
  received: string;
  /** Units received per unit posted: the copy's price over the received asset's (the copy's discount). */
  rate: number;
  /** Seconds before the house can use it. */
  delaySec: number;
}

/** Whether a network has chains (without them every chain field is data only). */
export const hasChains = (net: Network): boolean => (net.chains?.length ?? 0) > 0;

/** The chain of a network object's `chain` field: absent, the first chain (undefined without chains). */
export function chainOf(net: Network, chain: string | undefined): string | undefined {
  return chain ?? net.chains?.[0]?.id;
}

/**
 * A protocol's capital as a house's own contribution: its holdings at the network's prices and its other
 * assets, less its external liabilities, and at least 0.
 */
export function houseCapitalUsd(net: Network, p: Protocol): Dec {
  const price = new Map(net.assets.map((a) => [a.id, a.priceUsd] as const));
  let usd = p.otherAssetsUsd.minus(p.externalLiabilitiesUsd);
  for (const h of p.holdings) usd = usd.plus(h.amount.mul(price.get(h.asset) ?? 0));
  return Dec.max(0, usd);
}

/** The house of a clearing file: its own fields, or the network protocol of kind `clearing-house` it names. */
export function houseOf(setup: ClearingSetup, net: Network): HouseView {
  const protocol = net.protocols.find((p) => p.id === setup.house.id && p.kind === 'clearing-house');
  if (protocol)
    return {
      id: protocol.id,
      ...(hasChains(net) ? { chain: chainOf(net, protocol.chain)! } : {}),
      skinInTheGameUsd: houseCapitalUsd(net, protocol),
      protocol,
    };
  const chain = hasChains(net) ? chainOf(net, setup.house.chain) : setup.house.chain;
  return {
    id: setup.house.id,
    ...(chain !== undefined ? { chain } : {}),
    skinInTheGameUsd: setup.house.skinInTheGameUsd ?? ZERO,
  };
}

/** Seconds until a block of a chain is final (0 for an unknown chain or a network without chains). */
function finality(net: Network, chain: string): number {
  return net.chains?.find((c) => c.id === chain)?.finalitySec ?? 0;
}

/**
 * How margin in `asset` reaches a house on `houseChain`. On the same chain (or without chains): as it is, at
 * once. On another chain: through the bridge that joins the two chains for it. A copy goes back to its
 * canonical by the bridge's withdrawal, available after the link's delay, `max(delaySec, finality of the
 * copy's chain)` (§23.1); a canonical goes to its copy by a deposit, available after the finality of the
 * canonical's chain. Either way it counts at the copy's price. Undefined when no bridge joins them.
 */
export function marginRoute(
  net: Network,
  houseChain: string | undefined,
  asset: string,
): MarginRoute | undefined {
  const a = net.assets.find((x) => x.id === asset);
  const same: MarginRoute = { received: asset, rate: 1, delaySec: 0 };
  if (!a || !hasChains(net) || houseChain === undefined) return same;
  const chain = chainOf(net, a.chain)!;
  if (chain === houseChain) return same;
  const price = (id: string) => net.assets.find((x) => x.id === id)!.priceUsd.toNumber();
  for (const b of net.bridges ?? []) {
    if (b.copy === asset && b.to === chain && b.from === houseChain)
      return {
        bridge: b.id,
        received: b.canonical,
        rate: price(b.canonical) > 0 ? price(b.copy) / price(b.canonical) : 0,
        delaySec: Math.max(b.delaySec, finality(net, b.to)),
      };
    if (b.canonical === asset && b.from === chain && b.to === houseChain)
      return { bridge: b.id, received: b.copy, rate: 1, delaySec: finality(net, b.from) };
  }
  return undefined;
}
