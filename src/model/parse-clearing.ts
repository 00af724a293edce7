// A clearing file's JSON value to a validated object, checked against the network its members belong to.
import { chainOf, hasChains, houseOf, marginRoute } from './clearing-chains';
import { InputError, jsonPath, type InputIssue } from './errors';
import type { Network } from './network';
import { schemaIssues } from './schema-issues';
import { ClearingFile, type ClearingFileParsed } from './schema/clearing';

export type ClearingSetup = ClearingFileParsed;

type Path = (string | number)[];

/** Validates the shape of a clearing file (references are checked by `parseClearing`). */
export function parseClearingShape(value: unknown, file: string): ClearingSetup {
  const parsed = ClearingFile.safeParse(value);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  return parsed.data;
}

/** Validates a clearing file against its network; throws InputError with every problem. */
export function parseClearing(value: unknown, file: string, net: Network): ClearingSetup {
  const setup = parseClearingShape(value, file);
  const issues = checkClearing(setup, net, file);
  if (issues.length > 0) throw new InputError(issues);
  return setup;
}

/** Every reference of a shape-valid clearing file that its network or its own sources do not hold. */
export function checkClearing(c: ClearingSetup, net: Network, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (path: Path, reason: string) => issues.push({ file, path: jsonPath(path), reason });
  const assets = new Map(net.assets.map((a) => [a.id, a]));
  const protocols = new Set(net.protocols.map((p) => p.id));
  const sources = new Set(Object.keys(c.sources));
  const refs = (ref: readonly string[], path: Path) =>
    ref.forEach((r, i) => {
      if (!sources.has(r)) report(ref.length === 1 ? path : [...path, i], `unknown source "${r}"`);
    });
  const asset = (id: string, path: Path) => {
    if (!assets.has(id)) report(path, `unknown asset "${id}"`);
  };

  refs(c.house.ref, ['house', 'ref']);
  const houseProtocol = net.protocols.find((p) => p.id === c.house.id);
  if (houseProtocol && houseProtocol.kind !== 'clearing-house')
    report(
      ['house', 'id'],
      `"${c.house.id}" is a protocol of kind ${houseProtocol.kind} of the network; the house needs an id of its own or a protocol of kind clearing-house`,
    );
  // On a network with chains, every chain named is one of them and agrees with the network (§25.1).
  const chains = new Set((net.chains ?? []).map((k) => k.id));
  const withChains = hasChains(net);
  const knownChain = (chain: string | undefined, path: Path) => {
    if (withChains && chain !== undefined && !chains.has(chain)) report(path, `unknown chain "${chain}"`);
  };
  if (houseProtocol?.kind === 'clearing-house') {
    if (c.house.skinInTheGameUsd !== undefined)
      report(
        ['house', 'skinInTheGameUsd'],
        `house "${c.house.id}" is a protocol of the network: its capital is read from there, not stated`,
      );
    const onNet = chainOf(net, houseProtocol.chain);
    if (withChains && c.house.chain !== undefined && c.house.chain !== onNet)
      report(
        ['house', 'chain'],
        `house "${c.house.id}" is on "${onNet}" in the network, not "${c.house.chain}"`,
      );
  }
  knownChain(c.house.chain, ['house', 'chain']);
  const house = houseOf(c, net);
  const marginChain = (id: string, path: Path) => {
    if (!withChains || !assets.has(id) || (house.chain !== undefined && !chains.has(house.chain))) return;
    if (marginRoute(net, house.chain, id) === undefined)
      report(
        path,
        `"${id}" lives on "${chainOf(net, assets.get(id)!.chain)}" and no bridge joins it to the house's chain "${house.chain}"`,
      );
  };
  asset(c.settlementAsset, ['settlementAsset']);
  const settlement = assets.get(c.settlementAsset);
  if (withChains && settlement && house.chain !== undefined && chains.has(house.chain)) {
    const on = chainOf(net, settlement.chain);
    if (on !== house.chain)
      report(
        ['settlementAsset'],
        `"${c.settlementAsset}" lives on "${on}", not on the house's chain "${house.chain}"`,
      );
  }
  c.shock.forEach((s, i) => {
    const a = assets.get(s.asset);
    if (!a) report(['shock', i, 'asset'], `unknown asset "${s.asset}"`);
    else if (a.peg) report(['shock', i, 'asset'], `"${s.asset}" is pegged; a shock moves a base asset`);
    if (c.shock.findIndex((t) => t.asset === s.asset) !== i)
      report(['shock', i, 'asset'], `"${s.asset}" is shocked twice`);
  });
  const members = new Set<string>();
  c.members.forEach((m, i) => {
    const at: Path = ['members', i];
    if (!protocols.has(m.protocol)) report([...at, 'protocol'], `unknown protocol "${m.protocol}"`);
    if (members.has(m.protocol)) report([...at, 'protocol'], `member "${m.protocol}" is listed twice`);
    if (m.protocol === c.house.id && houseProtocol?.kind === 'clearing-house')
      report([...at, 'protocol'], `"${m.protocol}" is the house, not a member`);
    members.add(m.protocol);
    knownChain(m.chain, [...at, 'chain']);
    const p = net.protocols.find((x) => x.id === m.protocol);
    if (withChains && p && m.chain !== undefined && chains.has(m.chain) && m.chain !== chainOf(net, p.chain))
      report(
        [...at, 'chain'],
        `member "${m.protocol}" is on "${chainOf(net, p.chain)}" in the network, not "${m.chain}"`,
      );
    m.initialMargin.forEach((x, k) => {
      asset(x.asset, [...at, 'initialMargin', k, 'asset']);
      marginChain(x.asset, [...at, 'initialMargin', k, 'asset']);
    });
    m.variationMargin.forEach((x, k) => {
      asset(x.asset, [...at, 'variationMargin', k, 'asset']);
      marginChain(x.asset, [...at, 'variationMargin', k, 'asset']);
    });
    refs(m.ref, [...at, 'ref']);
  });
  c.obligations.forEach((o, i) => {
    const at: Path = ['obligations', i];
    if (!members.has(o.from)) report([...at, 'from'], `"${o.from}" is not a member`);
    if (!members.has(o.to)) report([...at, 'to'], `"${o.to}" is not a member`);
    if (o.from === o.to) report([...at, 'to'], 'a member cannot owe itself');
    refs(o.ref, [...at, 'ref']);
  });
  return issues;
}
