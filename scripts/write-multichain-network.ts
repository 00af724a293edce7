// Writes data/networks/ethereum-2025-10-multichain.json: the Ethereum sample with the rollups of
// scripts/multichain-extension.json (chains, bridges, sources and the objects that live on the rollups) added
// (docs/model.md §23). Run `npx tsx scripts/write-multichain-network.ts` after changing either file. The
// extension is not a network file of its own, so it lives beside this script, not under data/.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { multichainNetwork } from '../src/model/multichain-network';

const dir = join(__dirname, '..', 'data', 'networks');
const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const out = multichainNetwork(
  read(join(dir, 'ethereum-2025-10.json')),
  read(join(__dirname, 'multichain-extension.json')),
);
writeFileSync(join(dir, 'ethereum-2025-10-multichain.json'), JSON.stringify(out, null, 2) + '\n');
console.log('wrote data/networks/ethereum-2025-10-multichain.json');
