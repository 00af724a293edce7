// Scenario and breaker files' JSON values to validated objects, checked against the network they run on.
import { InputError } from './errors';
import type { Network } from './network';
import { checkBreakers, checkScenario } from './check-scenario';
import { schemaIssues } from './schema-issues';
import {
  BreakersFile,
  type BreakersFileParsed,
  ScenarioFile,
  type ScenarioFileParsed,
} from './schema/scenario';

export type Scenario = ScenarioFileParsed;
export type BreakerSet = BreakersFileParsed;

/** Validates the shape of a scenario (references are checked by `checkScenarioOn`). */
export function parseScenarioShape(value: unknown, file: string): Scenario {
  const parsed = ScenarioFile.safeParse(value);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  return parsed.data;
}

/** Validates a scenario against the network it runs on; throws InputError with every problem. */
export function parseScenario(value: unknown, file: string, net: Network): Scenario {
  const scenario = parseScenarioShape(value, file);
  const issues = checkScenario(scenario, net, file);
  if (issues.length > 0) throw new InputError(issues);
  return scenario;
}

/** Validates a breakers file against a network and a horizon; throws InputError with every problem. */
export function parseBreakers(value: unknown, file: string, net: Network, horizonSteps: number): BreakerSet {
  const parsed = BreakersFile.safeParse(value);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  const issues = checkBreakers(parsed.data.breakers, net, file, ['breakers'], horizonSteps);
  if (issues.length > 0) throw new InputError(issues);
  return parsed.data;
}
