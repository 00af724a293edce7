// Writes schemas/*.schema.json from the zod schemas (run `npm run schemas` after changing a format).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from '../src/model/json-schemas';

for (const { file, schema } of jsonSchemas()) {
  writeFileSync(join(__dirname, '..', 'schemas', file), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote schemas/${file}`);
}
