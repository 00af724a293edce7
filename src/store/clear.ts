// Removing everything the project wrote: its nodes (network, runs, events) with their relationships, and its schema.
import { type Store, storeWork } from './connection';
import { cypher } from './cypher-files';
import { dropSchema } from './schema';

export interface ClearSummary {
  nodes: number;
  schema: string[];
}

/** Deletes in batches of auto-commit transactions (a large store does not fit one), then drops the schema. */
export async function clearStore(store: Store): Promise<ClearSummary> {
  return storeWork(store, 'clearing the database', async () => {
    const session = store.session('WRITE');
    let nodes = 0;
    try {
      const result = await session.run(cypher('clearNodes'));
      nodes = Number(result.records[0]?.get('removed') ?? 0);
    } finally {
      await session.close();
    }
    return { nodes, schema: await dropSchema(store) };
  });
}
