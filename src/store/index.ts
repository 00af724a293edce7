// The store's public face for the CLI (imported lazily, so the driver loads only for Neo4j commands).
export { checkRunAgainstStore } from './check-run';
export { clearStore } from './clear';
export { type StoreConfig, storeConfigFromEnv } from './config';
export { openStore, type Store } from './connection';
export { StoreError } from './errors';
export { type LoadPhase, type LoadProgress, loadNetwork } from './load';
export { bindParams, listNamedQueries, namedQuery, readQueriesDir } from './named-queries';
export { pullNetwork, pullNetworkFile } from './pull';
export type { RunDocument } from '../model/schema/run';
export { runNamedQuery } from './run-query';
export { applySchema } from './schema';
export { sharedStore } from './shared-store';
export { storeStatus } from './status';
export { toPlain, toText } from './values';
export { writeRun } from './write-run';
