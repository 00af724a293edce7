// Loading the historical events of data/events/<id>/: network, scenario and expected outcomes, validated.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BacktestEvent } from '../analysis/backtest/score';
import { InputError, UsageError } from '../model/errors';
import { parseExpected } from '../model/parse-expected';
import { readJsonFile } from '../model/read-file';
import { packageRoot } from './package-files';
import { loadScenarioInputs } from './load';

/** data/events/ of the package. */
export function eventsRoot(): string {
  return join(packageRoot(), 'data', 'events');
}

/** Ids of every event folder (one holding an expected.json), sorted. */
export function eventIds(root = eventsRoot()): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'expected.json')))
    .map((d) => d.name)
    .sort();
}

/** Reads and validates one event; the scenario runs on the folder's network.json. */
export function loadEvent(id: string, root = eventsRoot()): BacktestEvent {
  const dir = join(root, id);
  const { network, scenario } = loadScenarioInputs({
    scenario: join(dir, 'scenario.json'),
    network: join(dir, 'network.json'),
  });
  const file = join(dir, 'expected.json');
  const expected = parseExpected(readJsonFile(file), file, network);
  if (expected.event !== id)
    throw new InputError([{ file, path: '$.event', reason: `must be the folder name "${id}"` }]);
  return { id, network, scenario, expected };
}

/** The raw documents of one event, as read from its folder (for a queue's workers, which validate them). */
export function rawEvent(id: string, root = eventsRoot()) {
  const file = (name: string) => join(root, id, name);
  return {
    id,
    network: readJsonFile(file('network.json')),
    networkFile: file('network.json'),
    scenario: readJsonFile(file('scenario.json')),
    scenarioFile: file('scenario.json'),
    expected: readJsonFile(file('expected.json')),
    expectedFile: file('expected.json'),
  };
}

/** The events named (every event when none is), validated before any is run. */
export function loadEvents(ids: readonly string[], root = eventsRoot()): BacktestEvent[] {
  const known = eventIds(root);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown event${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${known.join(', ')})`,
    );
  return (ids.length > 0 ? ids : known).map((id) => loadEvent(id, root));
}
