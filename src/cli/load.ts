// Loading the inputs of a command: the network (a file or the embedded sample) and scenarios on it.
import type { Network } from '../model/network';
import type { NetworkResolver } from '../model/validate-document';
import { readNetworkFile } from '../model/read-file';
import { defaultNetworkPath, relativeTo } from './paths';

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
