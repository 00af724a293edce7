// Checks a saved run against the stored network before it is written back: the same network (by name), and
// every protocol, market, asset, oracle and venue the run names present in it.
import neo4j from 'neo4j-driver';
import { type InputIssue, InputError } from '../model/errors';
import type { NodeLabel } from '../model/graph';
import { type Store, storeWork } from './connection';
import { cypher } from './cypher-files';
import { StoreError } from './errors';
import type { RunDocument } from '../model/schema/run';
import { HOP_LABELS } from './run-rows';

type Refs = Record<NodeLabel, Map<string, string>>;

/** Every id the run names, by label, each with the JSON path where it is first named. */
function refsOf(doc: RunDocument, file: string, issues: InputIssue[]): Refs {
  const refs: Refs = {
    Asset: new Map(),
    Protocol: new Map(),
    Market: new Map(),
    Oracle: new Map(),
    Venue: new Map(),
  };
  const add = (label: NodeLabel, id: string, path: string) => {
    if (!refs[label].has(id)) refs[label].set(id, path);
  };
  doc.protocols.forEach((p, i) => add('Protocol', p.id, `$.protocols[${i}].id`));
  doc.markets.forEach((m, i) => {
    add('Market', m.id, `$.markets[${i}].id`);
    add('Protocol', m.protocol, `$.markets[${i}].protocol`);
  });
  doc.assets.forEach((a, i) => add('Asset', a.id, `$.assets[${i}].id`));
  doc.summary.worstPrices.forEach((w, i) => add('Asset', w.asset, `$.summary.worstPrices[${i}].asset`));
  doc.failures.forEach((f, i) => {
    add('Protocol', f.protocol, `$.failures[${i}].protocol`);
    f.path.forEach((h, j) => {
      for (const end of ['from', 'to'] as const) {
        const name = h[end];
        const path = `$.failures[${i}].path[${j}].${end}`;
        const colon = name.indexOf(':');
        const label = colon > 0 ? HOP_LABELS[name.slice(0, colon)] : undefined;
        if (!label)
          issues.push({
            file,
            path,
            reason: `"${name}" is not kind:id with kind asset, protocol, market, oracle, venue or event`,
          });
        else if (label !== 'Event') add(label, name.slice(colon + 1), path);
      }
    });
  });
  return refs;
}

/**
 * Throws an InputError listing every problem of writing `doc` (read from `file`) to the stored network: a
 * different network, or ids the stored network lacks; a StoreError when no network is stored.
 */
export async function checkRunAgainstStore(store: Store, doc: RunDocument, file: string): Promise<void> {
  const read = (query: 'storedNetwork' | 'missingIds', params: Record<string, unknown> = {}) =>
    storeWork(store, `checking run file ${file}`, () =>
      store.driver.executeQuery(cypher(query), params, {
        database: store.config.database,
        routing: neo4j.routing.READ,
      }),
    );
  const stored = (await read('storedNetwork')).records[0]?.get('name') as string | null | undefined;
  if (!stored)
    throw new StoreError(
      `no network is stored in the Neo4j at ${store.config.uri}: load the run's network "${doc.network.name}" ` +
        'first (contagion db load NETWORK.json)',
    );
  const issues: InputIssue[] = [];
  if (doc.network.name !== stored)
    throw new InputError([
      {
        file,
        path: '$.network.name',
        reason:
          `the run is of network "${doc.network.name}" but Neo4j holds network "${stored}": load ` +
          `"${doc.network.name}" first (contagion db load), or write the run to the Neo4j that holds it`,
      },
    ]);
  const refs = refsOf(doc, file, issues);
  const ids = Object.fromEntries(Object.entries(refs).map(([l, m]) => [l, [...m.keys()]]));
  const missing = (await read('missingIds', { ids })).records[0];
  for (const [label, m] of Object.entries(refs) as [NodeLabel, Map<string, string>][]) {
    for (const id of (missing?.get(label) as string[] | undefined) ?? [])
      issues.push({
        file,
        path: m.get(id)!,
        reason: `${label.toLowerCase()} "${id}" is not in the stored network "${stored}"`,
      });
  }
  if (issues.length > 0) throw new InputError(issues);
}
