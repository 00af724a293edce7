// JSON Schema documents generated from the zod schemas, for editors (the zod schemas stay the authority).
import { z } from 'zod';
import { NetworkFile, NETWORK_FORMAT } from './schema/network';
import { ExpectedFile, EXPECTED_FORMAT } from './schema/expected';
import { ClearingFile, CLEARING_FORMAT } from './schema/clearing';
import { BreakersFile, BREAKERS_FORMAT, ScenarioFile, SCENARIO_FORMAT } from './schema/scenario';

export interface JsonSchemaDoc {
  /** File name under schemas/. */
  file: string;
  schema: Record<string, unknown>;
}

const ID_BASE = 'urn:contagion:schemas:';

function doc(file: string, title: string, format: string, schema: z.ZodType): JsonSchemaDoc {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return {
    file,
    schema: { $id: ID_BASE + file, title, description: `Files in the format ${format}.`, ...json },
  };
}

export function jsonSchemas(): JsonSchemaDoc[] {
  return [
    doc('network.schema.json', 'contagion network', NETWORK_FORMAT, NetworkFile),
    doc('scenario.schema.json', 'contagion scenario', SCENARIO_FORMAT, ScenarioFile),
    doc('breakers.schema.json', 'contagion breakers', BREAKERS_FORMAT, BreakersFile),
    doc('expected.schema.json', 'contagion expected outcomes', EXPECTED_FORMAT, ExpectedFile),
    doc('clearing.schema.json', 'contagion clearing house', CLEARING_FORMAT, ClearingFile),
  ];
}
