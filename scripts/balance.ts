// Prints the balance sheet of every protocol of a network file at its initial prices (a data-authoring aid).
import { balanceSheets } from '../src/model/balance-sheet';
import { ContagionError } from '../src/model/errors';
import { readNetworkFile } from '../src/model/read-file';

const file = process.argv[2] ?? 'data/networks/ethereum-2025-10.json';
try {
  const net = readNetworkFile(file);
  const m = (d: { toNumber(): number }) => (d.toNumber() / 1e6).toFixed(1).padStart(10);
  console.log(
    'protocol'.padEnd(28),
    'assets $M'.padStart(10),
    'liabs $M'.padStart(10),
    'equity $M'.padStart(10),
    ' equity/assets',
  );
  for (const s of balanceSheets(net)) {
    const ratio = s.assetsUsd.isZero() ? 0 : s.equityUsd.div(s.assetsUsd).toNumber();
    console.log(
      s.protocol.padEnd(28),
      m(s.assetsUsd),
      m(s.liabilitiesUsd),
      m(s.equityUsd),
      `${(ratio * 100).toFixed(2)}%`.padStart(10),
    );
  }
} catch (e) {
  if (e instanceof ContagionError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
