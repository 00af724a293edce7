// `contagion db init | load | pull | status | clear`: the network and runs in Neo4j.
import { Command } from 'commander';
import type { LoadPhase, LoadProgress, RunDocument } from '../../store';
import type { CliIo } from '../io';

export const CONNECTION_HELP =
  '\nConnection (environment): NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER (neo4j),\n' +
  'NEO4J_PASSWORD (contagion-dev), NEO4J_DATABASE (neo4j). Start a local Neo4j with `npm run neo4j:start`\n' +
  'or `docker compose up -d`.\n' +
  'Exit codes: 0 ok, 2 bad input or Neo4j not usable (down, credentials, no APOC), 1 internal error.';

/** The store, loaded on demand so that commands without Neo4j never load the driver. */
const store = () => import('../../store');

const PHASE_NAMES: Record<LoadPhase, string> = {
  leftovers: 'removing leftovers',
  nodes: 'staging nodes',
  relationships: 'staging relationships',
  swap: 'swapping in',
  previous: 'removing the previous network',
};

/** A progress bar of a load on standard error, one bar per phase; on a terminal only (silent in a pipe). */
async function loadProgressBar(): Promise<{ onProgress?: (p: LoadProgress) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const { SingleBar } = await import('cli-progress');
  const bar = new SingleBar({
    stream: process.stderr,
    clearOnComplete: true,
    format: '{phase} [{bar}] {value}/{total}',
  });
  let current: LoadPhase | undefined;
  return {
    onProgress: (p) => {
      if (p.phase !== current) {
        if (current) bar.stop();
        current = p.phase;
        bar.start(Math.max(p.total, 1), p.done, { phase: PHASE_NAMES[p.phase].padEnd(30) });
      } else {
        bar.setTotal(Math.max(p.total, 1));
        bar.update(p.done);
      }
    },
    stop: () => {
      if (current) bar.stop();
    },
  };
}

export function dbCommand(io: CliIo): Command {
  const db = new Command('db')
    .description('the network and runs in Neo4j: init, load, pull, status, clear, write-run')
    .addHelpText('after', CONNECTION_HELP);

  db.command('init')
    .description('create the uniqueness constraints and indexes (queries/schema/; safe to repeat)')
    .action(async () => {
      const s = await store();
      const applied = await s.applySchema(await s.sharedStore());
      io.out(`schema applied: ${applied.length} constraints and indexes (created where missing)\n`);
    });

  db.command('load')
    .description(
      'replace the network in Neo4j with a network file: staged, then swapped in by one transaction (all or nothing)',
    )
    .argument(
      '[network]',
      'network file (default: the embedded sample); validated before anything is written',
    )
    .option('--json', 'print the load summary as JSON')
    .action(async (file: string | undefined, opts: { json?: boolean }) => {
      const { network, file: path } = (await import('../load')).loadNetwork(file);
      const s = await store();
      const sharedStore = await s.sharedStore();
      const progress = await loadProgressBar();
      let summary;
      try {
        summary = await s.loadNetwork(sharedStore, network, { onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      if (opts.json) io.out(JSON.stringify({ file: path, ...summary }, null, 2) + '\n');
      else
        io.out(
          `loaded "${summary.network}" into Neo4j at ${sharedStore.config.uri}: ${summary.nodes} nodes, ` +
            `${summary.relationships} relationships in ${summary.seconds.toFixed(1)} s (the stored network was replaced)\n`,
        );
    });

  db.command('pull')
    .description('write the network stored in Neo4j as a network file (contagion/network@1, lossless)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (opts: { out?: string }) => {
      const s = await store();
      const raw = await s.pullNetworkFile(await s.sharedStore());
      const text = JSON.stringify(raw, null, 2) + '\n';
      if (opts.out) {
        (await import('../write-files')).writeAtomically([{ path: opts.out, text }]);
        io.err(`wrote ${opts.out}: network "${raw.name}" as of ${raw.asOf}\n`);
      } else io.out(text);
    });

  db.command('status')
    .description('server and APOC versions, the stored network, runs, and counts by label and type')
    .option('--json', 'print the status as JSON')
    .action(async (opts: { json?: boolean }) => {
      const s = await store();
      const st = await s.storeStatus(await s.sharedStore());
      if (opts.json) {
        io.out(JSON.stringify(st, null, 2) + '\n');
        return;
      }
      const { table } = await import('../../report/table');
      const lines = [
        `Neo4j ${st.server.version} (${st.server.edition}) at ${st.uri}, database "${st.database}"`,
        `APOC ${st.apocVersion}`,
        st.network
          ? `Network "${st.network.name}" as of ${st.network.asOf}, loaded ${st.network.loadedAt}`
          : 'No network loaded (contagion db load [network])',
        `Runs: ${st.runs}`,
        ...st.leftovers.map(
          (l) =>
            `Leftover of an interrupted load (${l.load}): ${l.nodes} ${l.kind === 'staging' ? 'staged' : 'retired'} ` +
            `nodes, ${l.relationships} relationships, invisible to queries; the next \`contagion db load\` or ` +
            '`db clear` removes it',
        ),
        '',
        table(
          ['label', 'nodes'],
          Object.entries(st.nodesByLabel).map(([k, v]) => [k, v]),
          ['left', 'right'],
        ),
        table(
          ['type', 'relationships'],
          Object.entries(st.relationshipsByType).map(([k, v]) => [k, v]),
          ['left', 'right'],
        ),
      ];
      io.out(lines.join('\n') + '\n');
    });

  db.command('write-run')
    .description('write a saved run (contagion/run@1, from `contagion shock --json`) to the stored network')
    .argument('<run>', 'run file; checked (format, its network is the stored one, every id it names exists)')
    .action(async (file: string) => {
      const raw = (await import('../../model/read-file')).readJsonFile(file);
      (await import('../../model/parse-run')).parseRunDocument(raw, file);
      // The raw document, in the key order `shock` wrote it, so the run id is the one `shock --neo4j` gives.
      const doc = raw as RunDocument;
      const s = await store();
      const sharedStore = await s.sharedStore();
      await s.checkRunAgainstStore(sharedStore, doc, file);
      const w = await s.writeRun(sharedStore, doc);
      io.out(
        `run ${w.id} of "${doc.scenario.name}" written to Neo4j at ${sharedStore.config.uri}: ` +
          `${w.impacted} impacted nodes, ${w.events} events, ${w.contagion} contagion hops\n`,
      );
    });

  db.command('clear')
    .description('remove everything the project wrote: network, runs, events, constraints and indexes')
    .action(async () => {
      const s = await store();
      const cleared = await s.clearStore(await s.sharedStore());
      io.out(
        `removed ${cleared.nodes} nodes (with their relationships) and ${cleared.schema.length} constraints and indexes\n`,
      );
    });

  for (const sub of db.commands) {
    sub.configureOutput({ writeOut: (t) => io.out(t), writeErr: (t) => io.err(t) });
    sub.exitOverride();
    sub.addHelpText('after', CONNECTION_HELP);
  }
  return db;
}
