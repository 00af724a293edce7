// Validates any project file by its `format` field: a network, a scenario, a breaker set, expected outcomes or
// a clearing house.
import { InputError } from './errors';
import type { Network } from './network';
import { parseNetwork } from './parse-network';
import { parseBreakers, parseScenario, parseScenarioShape } from './parse-scenario';
import { BREAKERS_FORMAT, SCENARIO_FORMAT } from './schema/scenario';
import { NETWORK_FORMAT } from './schema/network';
import { EXPECTED_FORMAT } from './schema/expected';
import { parseExpected } from './parse-expected';
import { parseClearing, parseClearingShape } from './parse-clearing';
import { CLEARING_FORMAT } from './schema/clearing';

export type DocumentKind = 'network' | 'scenario' | 'breakers' | 'expected' | 'clearing';

export interface ValidatedDocument {
  file: string;
  kind: DocumentKind;
  /** One line describing what the file holds. */
  summary: string;
}

export interface NetworkResolver {
  /** The network a scenario runs on: its own `network` field (relative to the scenario), else the default. */
  forScenario(scenarioFile: string, networkField: string | undefined): Network;
  /** The network a breakers file is checked against. */
  forBreakers(): Network;
}

const FORMATS: Record<string, DocumentKind> = {
  [NETWORK_FORMAT]: 'network',
  [SCENARIO_FORMAT]: 'scenario',
  [BREAKERS_FORMAT]: 'breakers',
  [EXPECTED_FORMAT]: 'expected',
  [CLEARING_FORMAT]: 'clearing',
};

/** Validates a parsed JSON document; throws InputError listing every problem. */
export function validateDocument(value: unknown, file: string, networks: NetworkResolver): ValidatedDocument {
  const format =
    typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  const kind = typeof format === 'string' ? FORMATS[format] : undefined;
  if (kind === undefined) {
    const known = Object.keys(FORMATS)
      .map((f) => `"${f}"`)
      .join(', ');
    const reason =
      format === undefined
        ? `missing "format" (one of ${known})`
        : `unknown format ${JSON.stringify(format)} (expected one of ${known})`;
    throw new InputError([{ file, path: '$.format', reason }]);
  }
  if (kind === 'network') {
    const net = parseNetwork(value, file);
    const markets = net.protocols.reduce((s, p) => s + p.markets.length, 0);
    const books = net.protocols.reduce((s, p) => s + (p.perps?.length ?? 0), 0);
    return {
      file,
      kind,
      summary:
        `network "${net.name}" as of ${net.asOf}: ${net.protocols.length} protocols, ${net.assets.length} assets, ${markets} markets, ` +
        `${books > 0 ? `${books} perp books, ` : ''}${net.oracles.length} oracles`,
    };
  }
  if (kind === 'scenario') {
    const shape = parseScenarioShape(value, file);
    const s = parseScenario(value, file, networks.forScenario(file, shape.network));
    return {
      file,
      kind,
      summary: `scenario "${s.name}": ${s.events.length} events, ${s.breakers.length} breakers, ${s.horizonSteps} steps of ${s.stepSeconds}s`,
    };
  }
  if (kind === 'expected') {
    // An event's outcomes name protocols and assets of the network.json beside them.
    const e = parseExpected(value, file, networks.forScenario(file, 'network.json'));
    return {
      file,
      kind,
      summary: `expected outcomes of "${e.event}": ${e.outcomes.length} outcomes, ${e.passing ? 'listed as passing' : 'not passing yet'}`,
    };
  }
  if (kind === 'clearing') {
    // Like a scenario, a clearing file names its network relative to itself (the sample when absent).
    const shape = parseClearingShape(value, file);
    const c = parseClearing(value, file, networks.forScenario(file, shape.network));
    return {
      file,
      kind,
      summary: `clearing house "${c.house.id}": ${c.members.length} members, ${c.obligations.length} obligations, resolution over ${c.resolution.steps} steps of ${c.resolution.stepSeconds}s`,
    };
  }
  const b = parseBreakers(value, file, networks.forBreakers(), Number.MAX_SAFE_INTEGER);
  return { file, kind, summary: `breakers: ${b.breakers.map((x) => x.id).join(', ')}` };
}
