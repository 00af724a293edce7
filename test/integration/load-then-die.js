// Loads a network file into the Neo4j of NEO4J_URI with the built store, and kills its own process (SIGKILL,
// no cleanup of any kind) when the load reaches the given phase: a crash at a chosen point of a load.
// Usage: node test/integration/load-then-die.js FILE PHASE   (PHASE: nodes, relationships, swap, previous)
const { join } = require('node:path');

const dist = join(__dirname, '..', '..', 'dist');
const { openStore } = require(join(dist, 'store', 'connection'));
const { loadNetwork } = require(join(dist, 'store', 'load'));
const { readNetworkFile } = require(join(dist, 'model', 'read-file'));

const [file, phase] = process.argv.slice(2);
openStore().then((store) =>
  loadNetwork(store, readNetworkFile(file), {
    onProgress: (p) => {
      if (p.phase === phase) process.kill(process.pid, 'SIGKILL');
    },
  }).then(() => {
    process.stderr.write(`the load finished without reaching phase ${phase}\n`);
    process.exit(1);
  }),
);
