// Expected-outcome files (contagion/expected@1) to validated objects, checked against the event's network.
import { InputError, type InputIssue, jsonPath } from './errors';
import type { Network } from './network';
import { schemaIssues } from './schema-issues';
import { ExpectedFile, type ExpectedFileParsed } from './schema/expected';

export type Expected = ExpectedFileParsed;

/** Validates the shape of an expected file and what it names in `net`; throws InputError with every problem. */
export function parseExpected(value: unknown, file: string, net: Network): Expected {
  const parsed = ExpectedFile.safeParse(value);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  const issues = checkExpected(parsed.data, net, file);
  if (issues.length > 0) throw new InputError(issues);
  return parsed.data;
}

function checkExpected(doc: Expected, net: Network, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const protocols = new Set(net.protocols.map((p) => p.id));
  const assets = new Set(net.assets.map((a) => a.id));
  const ids = new Set<string>();
  const at = (i: number, ...rest: PropertyKey[]) => jsonPath(['outcomes', i, ...rest]);
  const protocol = (id: string | undefined, path: string) => {
    if (id !== undefined && !protocols.has(id))
      issues.push({ file, path, reason: `unknown protocol "${id}" (not in the event's network)` });
  };
  doc.outcomes.forEach((o, i) => {
    if (ids.has(o.id)) issues.push({ file, path: at(i, 'id'), reason: `duplicate outcome id "${o.id}"` });
    ids.add(o.id);
    const q = o.quantity;
    if (q.kind === 'min-price' || q.kind === 'max-price' || q.kind === 'seized') {
      if (!assets.has(q.asset))
        issues.push({
          file,
          path: at(i, 'quantity', 'asset'),
          reason: `unknown asset "${q.asset}" (not in the event's network)`,
        });
    } else if (q.kind === 'failed') {
      q.protocols.forEach((p, j) => protocol(p, at(i, 'quantity', 'protocols', j)));
      const looked = new Set(q.protocols);
      (o.measured.value as string[]).forEach((p, j) => {
        if (!looked.has(p))
          issues.push({
            file,
            path: at(i, 'measured', 'value', j),
            reason: `"${p}" is not one of quantity.protocols`,
          });
      });
    } else if (q.kind === 'order') {
      protocol(q.first, at(i, 'quantity', 'first'));
      protocol(q.second, at(i, 'quantity', 'second'));
    } else protocol(q.protocol, at(i, 'quantity', 'protocol'));
    const band = o.band;
    if (
      band.kind === 'direction' &&
      (band.direction === 'below' || band.direction === 'above') &&
      band.than === undefined
    )
      issues.push({ file, path: at(i, 'band', 'than'), reason: `a "${band.direction}" band needs "than"` });
    if (band.kind === 'interval' && band.low > band.high)
      issues.push({ file, path: at(i, 'band', 'high'), reason: 'must not be below low' });
  });
  return issues;
}
