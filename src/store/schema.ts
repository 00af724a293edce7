// The database schema of the project: uniqueness constraints and indexes from queries/schema/, and their removal.
import { int } from 'neo4j-driver';
import { InternalError } from '../model/errors';
import type { Store } from './connection';
import { cypher, cypherFile, SCHEMA_FILES, statementsOf } from './cypher-files';

/** Seconds to wait for new indexes to come online. */
const AWAIT_INDEXES_SEC = 300;

/** Applies every schema statement (idempotent: IF NOT EXISTS) and waits for the indexes; returns the statements. */
export async function applySchema(store: Store): Promise<string[]> {
  const applied: string[] = [];
  for (const file of SCHEMA_FILES) {
    for (const statement of statementsOf(cypherFile(file))) {
      await store.driver.executeQuery(statement, {}, { database: store.config.database });
      applied.push(statement);
    }
  }
  await store.driver.executeQuery(
    'CALL db.awaitIndexes($seconds)',
    { seconds: int(AWAIT_INDEXES_SEC) },
    { database: store.config.database },
  );
  return applied;
}

/** A schema name the project made; the only text ever spliced into a statement, so it is checked strictly. */
const PROJECT_NAME = /^contagion_[a-z0-9_]+$/;

/** Drops the constraints and indexes the project created (names starting with contagion_); returns their names. */
export async function dropSchema(store: Store): Promise<string[]> {
  const names = async (query: 'projectConstraints' | 'projectIndexes') =>
    (await store.driver.executeQuery(cypher(query), {}, { database: store.config.database })).records.map(
      (r) => String(r.get('name')),
    );
  const dropped: string[] = [];
  for (const [kind, query] of [
    ['CONSTRAINT', 'projectConstraints'],
    ['INDEX', 'projectIndexes'],
  ] as const) {
    for (const name of await names(query)) {
      if (!PROJECT_NAME.test(name)) throw new InternalError(`unexpected schema name ${JSON.stringify(name)}`);
      await store.driver.executeQuery(
        `DROP ${kind} \`${name}\` IF EXISTS`,
        {},
        { database: store.config.database },
      );
      dropped.push(name);
    }
  }
  return dropped;
}
