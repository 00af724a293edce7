// Writing a run back to Neo4j in one transaction: (:Run), IMPACTED results, events and CONTAGION hops.
import { type Store, storeWork } from './connection';
import { expectWritten, writeRows } from './batches';
import { cypher } from './cypher-files';
import type { RunDocument } from '../model/schema/run';
import { runIdOf, runRows } from './run-rows';

export interface RunWriteSummary {
  id: string;
  impacted: number;
  events: number;
  contagion: number;
}

/**
 * Writes a run (replacing a stored run of the same id: the id is a hash of the document, so writing the
 * same run twice keeps one copy). Path ends are MERGEd on their ids. All or nothing: one transaction.
 */
export async function writeRun(
  store: Store,
  doc: RunDocument,
  id: string = runIdOf(doc),
): Promise<RunWriteSummary> {
  const rows = runRows(doc, id);
  const session = store.session('WRITE');
  try {
    await storeWork(
      store,
      `writing run ${id} (nothing of it was written: a write-back is one transaction)`,
      () =>
        session.executeWrite(
          async (tx) => {
            await tx.run(cypher('deleteRun'), { run: id });
            await expectWritten(tx, 'writeRun', { props: rows.run }, 1);
            await writeRows(tx, 'writeRunEvents', rows.events, { run: id });
            await writeRows(tx, 'writeImpactedProtocols', rows.protocols, { run: id });
            await writeRows(tx, 'writeImpactedMarkets', rows.markets, { run: id });
            await writeRows(tx, 'writeImpactedAssets', rows.assets, { run: id });
            await writeRows(tx, 'writeContagion', rows.hops);
          },
          { metadata: { app: 'contagion', op: 'write-run', run: id } },
        ),
    );
  } finally {
    await session.close();
  }
  return {
    id,
    impacted: rows.protocols.length + rows.markets.length + rows.assets.length,
    events: rows.events.length,
    contagion: rows.hops.length,
  };
}
