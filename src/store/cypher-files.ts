// The Cypher files under queries/ that the store runs, by name: found from the package root, read once.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NODE_LABELS, type NodeLabel, type RelType } from '../model/graph';
import { InternalError } from '../model/errors';

/** The package root: the nearest folder above this file with a package.json (works from src/ and dist/). */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new InternalError(`package.json not found above ${__dirname}`);
    dir = up;
  }
  return dir;
}

/** The package's queries/ folder. */
export function queriesDir(): string {
  return join(packageRoot(), 'queries');
}

/** Every statement file the store runs, relative to queries/ (one statement per file). */
export const QUERY_FILES = {
  // Loading a network: leftovers removed, nodes and relationships staged in many transactions, then the
  // swap (one transaction, in this order), then the previous network's leftovers removed.
  deleteLeftoverRelationships: 'write/leftovers-delete-relationships.cypher',
  deleteLeftoverNodes: 'write/leftovers-delete-nodes.cypher',
  stageNetworkNode: 'write/stage-network.cypher',
  stageNodes: 'write/stage-nodes.cypher',
  writeHolds: 'write/holds.cypher',
  writeClaimOn: 'write/claim-on.cypher',
  writeIssues: 'write/issues.cypher',
  writeRunsMarket: 'write/runs-market.cypher',
  writeRunsVenue: 'write/runs-venue.cypher',
  writeCollateral: 'write/collateral.cypher',
  writeDebt: 'write/debt.cypher',
  writePricedBy: 'write/priced-by.cypher',
  writeTracks: 'write/tracks.cypher',
  writePeggedTo: 'write/pegged-to.cypher',
  writeConvertibleTo: 'write/convertible-to.cypher',
  writeTrades: 'write/trades.cypher',
  writeLeverageLoop: 'write/leverage-loop.cypher',
  // Chains and bridges (docs/model.md §24).
  writeOnChain: 'write/on-chain.cypher',
  writeFromChain: 'write/from-chain.cypher',
  writeToChain: 'write/to-chain.cypher',
  writeEscrow: 'write/escrow.cypher',
  writeCanonical: 'write/canonical.cypher',
  writeCopy: 'write/copy.cypher',
  swapCheck: 'write/swap-check.cypher',
  swapMoveImpacted: 'write/swap-move-impacted.cypher',
  swapMoveContagionOut: 'write/swap-move-contagion-out.cypher',
  swapMoveContagionIn: 'write/swap-move-contagion-in.cypher',
  swapRetire: 'write/swap-retire.cypher',
  swapPromote: 'write/swap-promote.cypher',
  // Writing a run back (one transaction, in this order).
  deleteRun: 'write/run-delete.cypher',
  writeRun: 'write/run.cypher',
  writeRunEvents: 'write/run-events.cypher',
  writeImpactedProtocols: 'write/run-impacted-protocols.cypher',
  writeImpactedMarkets: 'write/run-impacted-markets.cypher',
  writeImpactedAssets: 'write/run-impacted-assets.cypher',
  writeContagion: 'write/run-contagion.cypher',
  // Removing everything the project wrote (auto-commit, in batches).
  clearNodes: 'write/clear-nodes.cypher',
  // Reading the network back (one read transaction).
  pullNetworkNode: 'pull/network-node.cypher',
  pullNodes: 'pull/nodes.cypher',
  pullRelationships: 'pull/relationships.cypher',
  // Server checks and status.
  apocVersion: 'admin/apoc-version.cypher',
  serverComponents: 'admin/server-components.cypher',
  countsByLabelAndType: 'admin/counts.cypher',
  storedNetwork: 'admin/stored-network.cypher',
  leftovers: 'admin/leftovers.cypher',
  missingIds: 'admin/missing-ids.cypher',
  projectConstraints: 'admin/project-constraints.cypher',
  projectIndexes: 'admin/project-indexes.cypher',
} as const;

export type QueryName = keyof typeof QUERY_FILES;

/** The schema files applied by `db init` (several statements each, separated by semicolons). */
export const SCHEMA_FILES = ['schema/constraints.cypher', 'schema/indexes.cypher'] as const;

/** Labels of the stored network: the graph's, and the chains and bridges (docs/model.md §24). */
export type StoreLabel = NodeLabel | 'Chain' | 'Bridge';
export const STORE_LABELS: readonly StoreLabel[] = [...NODE_LABELS, 'Chain', 'Bridge'];

/** Relationship types of the stored network: the graph's, and those of chains and bridges. */
export type StoreRelType = RelType | 'ON_CHAIN' | 'FROM_CHAIN' | 'TO_CHAIN' | 'ESCROW' | 'CANONICAL' | 'COPY';

export interface RelGroup {
  type: StoreRelType;
  from: StoreLabel;
  to: StoreLabel;
  query: QueryName;
}

/** Relationship staging statements by type and end labels: every pair of labels the graph connects. */
export const REL_GROUPS: readonly RelGroup[] = [
  { type: 'HOLDS', from: 'Protocol', to: 'Asset', query: 'writeHolds' },
  { type: 'CLAIM_ON', from: 'Protocol', to: 'Protocol', query: 'writeClaimOn' },
  { type: 'ISSUES', from: 'Protocol', to: 'Asset', query: 'writeIssues' },
  { type: 'RUNS', from: 'Protocol', to: 'Market', query: 'writeRunsMarket' },
  { type: 'RUNS', from: 'Protocol', to: 'Venue', query: 'writeRunsVenue' },
  { type: 'COLLATERAL', from: 'Market', to: 'Asset', query: 'writeCollateral' },
  { type: 'DEBT', from: 'Market', to: 'Asset', query: 'writeDebt' },
  { type: 'PRICED_BY', from: 'Market', to: 'Oracle', query: 'writePricedBy' },
  { type: 'TRACKS', from: 'Oracle', to: 'Asset', query: 'writeTracks' },
  { type: 'PEGGED_TO', from: 'Asset', to: 'Asset', query: 'writePeggedTo' },
  { type: 'CONVERTIBLE_TO', from: 'Asset', to: 'Asset', query: 'writeConvertibleTo' },
  { type: 'TRADES', from: 'Venue', to: 'Asset', query: 'writeTrades' },
  { type: 'LEVERAGE_LOOP', from: 'Asset', to: 'Asset', query: 'writeLeverageLoop' },
  { type: 'ON_CHAIN', from: 'Asset', to: 'Chain', query: 'writeOnChain' },
  { type: 'ON_CHAIN', from: 'Protocol', to: 'Chain', query: 'writeOnChain' },
  { type: 'ON_CHAIN', from: 'Oracle', to: 'Chain', query: 'writeOnChain' },
  { type: 'ON_CHAIN', from: 'Venue', to: 'Chain', query: 'writeOnChain' },
  { type: 'FROM_CHAIN', from: 'Bridge', to: 'Chain', query: 'writeFromChain' },
  { type: 'TO_CHAIN', from: 'Bridge', to: 'Chain', query: 'writeToChain' },
  { type: 'ESCROW', from: 'Bridge', to: 'Protocol', query: 'writeEscrow' },
  { type: 'CANONICAL', from: 'Bridge', to: 'Asset', query: 'writeCanonical' },
  { type: 'COPY', from: 'Bridge', to: 'Asset', query: 'writeCopy' },
];

export const relGroupKey = (type: StoreRelType, from: StoreLabel, to: StoreLabel): string =>
  `${type}:${from}->${to}`;

const cache = new Map<string, string>();

/** Reads a Cypher file of queries/ (cached); a missing file is an internal error naming it. */
export function cypherFile(relative: string): string {
  const file = join(queriesDir(), relative);
  let text = cache.get(file);
  if (text === undefined) {
    if (!existsSync(file)) throw new InternalError(`query file missing: ${file}`);
    text = readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  return text;
}

/** The statement of a named query file. */
export function cypher(name: QueryName): string {
  return cypherFile(QUERY_FILES[name]);
}

/** The statements of a multi-statement file: `//` comment lines dropped, split at semicolons. */
export function statementsOf(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
