// The chains and bridges of a network (docs/model.md §23) as the engine sees them: per chain its block time and
// finality, the chain of every asset, oracle and protocol, and per bridge its chains, tokens, escrow and the
// conversion link it runs. A network without `chains` has one implicit chain with no block time (0): every
// step is a block, as before chains existed.
import { mapFloat64, mapInt32 } from './typed-columns';
import type { Bridge, Convertibility, Network } from '../model/network';

export interface ChainArrays {
  /** Chains, in file order (the first is the default); 1 for the implicit chain. */
  n: number;
  /** Chain ids; empty for the implicit chain. */
  ids: string[];
  /** Seconds between blocks (0: the implicit chain, a block every step). */
  blockTimeSec: Float64Array;
  finalitySec: Float64Array;
  /** Chain index of each asset, oracle and protocol (by their state index). */
  assetChain: Int32Array;
  oracleChain: Int32Array;
  protocolChain: Int32Array;
}

export interface BridgeArrays {
  n: number;
  /** Bridge ids, in file order. */
  ids: string[];
  from: Int32Array;
  to: Int32Array;
  canonical: Int32Array;
  copy: Int32Array;
  escrow: Int32Array;
  /** Index of the conversion link the bridge runs (docs/model.md §23.3), set when the links are built. */
  link: Int32Array;
}

/**
 * Whether a block of a chain with `blockSec` between blocks lands in step t of `stepSec` seconds: blocks land at
 * 0, B, 2B, ... and step t covers [t x stepSec, (t + 1) x stepSec). A block time of 0 (the implicit chain) or
 * one no longer than a step lands in every step.
 */
export function blockLands(t: number, stepSec: number, blockSec: number): boolean {
  if (blockSec <= stepSec) return true;
  const start = t * stepSec;
  // The first block at or after the step's start, with a tolerance for float steps (0.1 x 3 is 0.30000000000000004).
  const k = Math.ceil(start / blockSec - 1e-9);
  return k * blockSec < start + stepSec - 1e-9 * blockSec;
}

/** Seconds between blocks of the chain a network object names (0 without `chains`: the implicit chain). */
export function blockTimeOf(net: Network, chain: string | undefined): number {
  const chains = net.chains;
  if (chains === undefined || chains.length === 0) return 0;
  if (chain === undefined) return chains[0]!.blockTimeSec;
  return chains.find((c) => c.id === chain)?.blockTimeSec ?? 0;
}

/** Seconds until a block of the chain a network object names is final (0 without `chains`). */
export function finalityOf(net: Network, chain: string | undefined): number {
  const chains = net.chains;
  if (chains === undefined || chains.length === 0) return 0;
  if (chain === undefined) return chains[0]!.finalitySec;
  return chains.find((c) => c.id === chain)?.finalitySec ?? 0;
}

/**
 * The conversion link a bridge runs (docs/model.md §23.3): its copy minted from and redeemed into its canonical.
 * A withdrawal leaves the copy's chain, so it cannot complete before that chain's finality: the link's delay is
 * the bridge's, at least `finalitySec` of the copy's chain (§23.1).
 */
export function bridgeLink(b: Bridge, toFinalitySec = 0): Convertibility {
  return {
    id: b.id,
    from: b.canonical,
    to: b.copy,
    rate: 1,
    fee: 0,
    direction: 'both',
    converter: b.escrow,
    ...(b.capacityPerDay !== undefined && { capacityPerDay: b.capacityPerDay }),
    delaySec: Math.max(b.delaySec, toFinalitySec),
    costOfCapital: b.costOfCapital,
    open: true,
    ref: b.ref,
  };
}

/** The chain state of a network whose objects are indexed by the given maps. */
export function buildChainState(
  net: Network,
  assetIds: readonly string[],
  oracleIds: readonly string[],
  protocolIds: readonly string[],
): { chains: ChainArrays; bridges: BridgeArrays } {
  const chains = net.chains ?? [];
  const cIdx = new Map(chains.map((c, i) => [c.id, i] as const));
  const chainOf = (id: string | undefined) => (id === undefined ? 0 : cIdx.get(id)!);
  const assetById = new Map(net.assets.map((a) => [a.id, a] as const));
  const oracleById = new Map(net.oracles.map((o) => [o.id, o] as const));
  const protocolById = new Map(net.protocols.map((p) => [p.id, p] as const));
  const aIdx = new Map(assetIds.map((id, i) => [id, i] as const));
  const pIdx = new Map(protocolIds.map((id, i) => [id, i] as const));
  const bridges = net.bridges ?? [];
  return {
    chains: {
      n: Math.max(1, chains.length),
      ids: chains.map((c) => c.id),
      blockTimeSec: chains.length > 0 ? mapFloat64(chains, (c) => c.blockTimeSec) : new Float64Array(1),
      finalitySec: chains.length > 0 ? mapFloat64(chains, (c) => c.finalitySec) : new Float64Array(1),
      assetChain: mapInt32(assetIds, (id) => chainOf(assetById.get(id)!.chain)),
      oracleChain: mapInt32(oracleIds, (id) => chainOf(oracleById.get(id)!.chain)),
      protocolChain: mapInt32(protocolIds, (id) => chainOf(protocolById.get(id)!.chain)),
    },
    bridges: {
      n: bridges.length,
      ids: bridges.map((b) => b.id),
      from: mapInt32(bridges, (b) => cIdx.get(b.from)!),
      to: mapInt32(bridges, (b) => cIdx.get(b.to)!),
      canonical: mapInt32(bridges, (b) => aIdx.get(b.canonical)!),
      copy: mapInt32(bridges, (b) => aIdx.get(b.copy)!),
      escrow: mapInt32(bridges, (b) => pIdx.get(b.escrow)!),
      link: new Int32Array(bridges.length).fill(-1),
    },
  };
}
