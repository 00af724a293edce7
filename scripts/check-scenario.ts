// Validates a scenario file against a network file (a data-authoring aid until the CLI's validate exists).
import { ContagionError } from '../src/model/errors';
import { parseScenario } from '../src/model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../src/model/read-file';

const [scenarioFile, networkFile = 'data/networks/ethereum-2025-10.json'] = process.argv.slice(2);
try {
  const net = readNetworkFile(networkFile);
  const s = parseScenario(readJsonFile(scenarioFile!), scenarioFile!, net);
  console.log(
    `ok: ${s.name}: ${s.events.length} events, ${s.breakers.length} breakers, ${s.horizonSteps} steps`,
  );
} catch (e) {
  if (e instanceof ContagionError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
