// The connection to Neo4j: one driver per process, checked before use (reachable, credentials, database, APOC).
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import { type StoreConfig, storeConfigFromEnv } from './config';
import { cypher } from './cypher-files';
import { driverErrorOf, neo4jCode, StoreError, storeErrorOf } from './errors';

/** An open, checked connection to the database the project uses. */
export interface Store {
  readonly driver: Driver;
  readonly config: StoreConfig;
  /** APOC's version as the server reports it. */
  readonly apocVersion: string;
  /** A session on the configured database; READ sessions are refused every write by the server. */
  session(mode: 'READ' | 'WRITE'): Session;
  close(): Promise<void>;
}

/** Fail fast: a dead server answers within the connection timeout, and failed work is not retried for long. */
const DRIVER_OPTIONS = {
  connectionTimeout: 3_000,
  connectionAcquisitionTimeout: 10_000,
  maxTransactionRetryTime: 2_000,
  disableLosslessIntegers: true,
  userAgent: 'contagion',
} as const;

/** Opens a driver and checks it can work: the caller closes the store. */
export async function openStore(config: StoreConfig = storeConfigFromEnv()): Promise<Store> {
  let driver: Driver;
  try {
    driver = neo4j.driver(config.uri, neo4j.auth.basic(config.user, config.password), DRIVER_OPTIONS);
  } catch (e) {
    throw new StoreError(`NEO4J_URI "${config.uri}" is not a Neo4j address: ${(e as Error).message}`);
  }
  try {
    await driver.verifyConnectivity({ database: config.database });
    const apocVersion = await readApocVersion(driver, config);
    return {
      driver,
      config,
      apocVersion,
      session: (mode) =>
        driver.session({
          database: config.database,
          defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
        }),
      close: () => driver.close(),
    };
  } catch (e) {
    await driver.close().catch(() => undefined);
    throw storeErrorOf(e, config) ?? driverErrorOf(e, config, 'connecting') ?? e;
  }
}

async function readApocVersion(driver: Driver, config: StoreConfig): Promise<string> {
  try {
    const { records } = await driver.executeQuery(
      cypher('apocVersion'),
      {},
      { database: config.database, routing: neo4j.routing.READ },
    );
    return String(records[0]?.get('version'));
  } catch (e) {
    if (isMissingApoc(e))
      throw new StoreError(
        `APOC is not installed on the Neo4j at ${config.uri} (RETURN apoc.version() failed); the project needs it: ` +
          `docker-compose.yml installs it (NEO4J_PLUGINS='["apoc"]') and so does \`npm run neo4j:start\``,
      );
    throw e;
  }
}

/** A call to an APOC procedure or function the server does not know. */
export function isMissingApoc(e: unknown): boolean {
  const code = neo4jCode(e);
  const message = e instanceof Error ? e.message : '';
  return (
    code === 'Neo.ClientError.Procedure.ProcedureNotFound' ||
    (code === 'Neo.ClientError.Statement.SyntaxError' && /Unknown function 'apoc\./.test(message))
  );
}

/** Runs work on the store; every driver error becomes a StoreError saying what broke and during what. */
export async function storeWork<T>(store: Store, during: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw storeErrorOf(e, store.config, during) ?? driverErrorOf(e, store.config, during) ?? e;
  }
}
