// Loading the inputs of a command: the network (a file or the embedded sample) and scenarios on it.
import type { Network } from '../model/network';
import type { NetworkResolver } from '../model/validate-document';
import { parseBreakers, parseScenario, parseScenarioShape, type Scenario } from '../model/parse-scenario';
import { readJsonFile, readNetworkFile } from '../model/read-file';
import type { BreakerParsed } from '../model/schema/scenario';
import { parseClearing, parseClearingShape, type ClearingSetup } from '../model/parse-clearing';
import { defaultClearingPath, defaultNetworkPath, defaultScenarioPath, relativeTo } from './package-files';

/** The network of `--network`, or the embedded sample when it is not given. */
export function loadNetwork(file: string | undefined): { network: Network; file: string } {
  const path = file ?? defaultNetworkPath();
  return { network: readNetworkFile(path), file: path };
}

/** Resolves and caches the networks scenario and breaker files are checked against. */
export function networkResolver(override: string | undefined): NetworkResolver {
  const cache = new Map<string, Network>();
  const get = (path: string) => {
    let n = cache.get(path);
    if (!n) {
      n = readNetworkFile(path);
      cache.set(path, n);
    }
    return n;
  };
  return {
    forScenario: (scenarioFile, field) =>
      get(override ?? (field !== undefined ? relativeTo(scenarioFile, field) : defaultNetworkPath())),
    forBreakers: () => get(override ?? defaultNetworkPath()),
  };
}

export interface ScenarioInputs {
  network: Network;
  scenario: Scenario;
  /** Breakers of the `--breakers` file (the scenario's own are in `scenario.breakers`). */
  extraBreakers: BreakerParsed[];
}

/**
 * The inputs of a run: the scenario (default: the sample's), the network it runs on (`network` when given,
 * e.g. pulled from Neo4j; else `--network`, the scenario's own `network` field, or the sample), and the
 * breakers of `--breakers`, each validated against that network.
 */
export function loadScenarioInputs(
  o: { scenario?: string; network?: string; breakers?: string },
  network?: Network,
): ScenarioInputs {
  const scenarioFile = o.scenario ?? defaultScenarioPath();
  const raw = readJsonFile(scenarioFile);
  const shape = parseScenarioShape(raw, scenarioFile);
  const net =
    network ??
    readNetworkFile(
      o.network ??
        (shape.network !== undefined ? relativeTo(scenarioFile, shape.network) : defaultNetworkPath()),
    );
  const scenario = parseScenario(raw, scenarioFile, net);
  const extraBreakers = o.breakers
    ? parseBreakers(readJsonFile(o.breakers), o.breakers, net, scenario.horizonSteps).breakers
    : [];
  return { network: net, scenario, extraBreakers };
}

/**
 * A clearing file (default: the sample's) and the network its members belong to (`--network`, else the
 * file's own `network` field, else the sample), validated against it.
 */
export function loadClearing(
  file: string | undefined,
  networkFile: string | undefined,
): { network: Network; setup: ClearingSetup; file: string } {
  const path = file ?? defaultClearingPath();
  const raw = readJsonFile(path);
  const shape = parseClearingShape(raw, path);
  const network = readNetworkFile(
    networkFile ?? (shape.network !== undefined ? relativeTo(path, shape.network) : defaultNetworkPath()),
  );
  return { network, setup: parseClearing(raw, path, network), file: path };
}
