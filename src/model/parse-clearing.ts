// A clearing file's JSON value to a validated object, checked against the network its members belong to.
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
  if (protocols.has(c.house.id))
    report(['house', 'id'], `"${c.house.id}" is a protocol of the network; the house needs an id of its own`);
  asset(c.settlementAsset, ['settlementAsset']);
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
    members.add(m.protocol);
    m.initialMargin.forEach((x, k) => asset(x.asset, [...at, 'initialMargin', k, 'asset']));
    m.variationMargin.forEach((x, k) => asset(x.asset, [...at, 'variationMargin', k, 'asset']));
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
