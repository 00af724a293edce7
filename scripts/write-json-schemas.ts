// Writes schemas/*.schema.json and the field reference in docs/formats.md from the zod schemas
// (run `npm run schemas` after changing a format).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReference } from '../src/model/format-reference';
import { jsonSchemas } from '../src/model/json-schemas';
import { REFERENCE_END, REFERENCE_START } from '../src/model/format-reference-markers';

const root = join(__dirname, '..');
for (const { file, schema } of jsonSchemas()) {
  writeFileSync(join(root, 'schemas', file), JSON.stringify(schema, null, 2) + '\n');
  console.log(`wrote schemas/${file}`);
}
const docPath = join(root, 'docs', 'formats.md');
const doc = readFileSync(docPath, 'utf8');
const start = doc.indexOf(REFERENCE_START);
const end = doc.indexOf(REFERENCE_END);
if (start < 0 || end < start)
  throw new Error(`docs/formats.md lacks the markers ${REFERENCE_START} ... ${REFERENCE_END}`);
const next =
  doc.slice(0, start + REFERENCE_START.length) + '\n\n' + formatReference() + '\n' + doc.slice(end);
writeFileSync(docPath, next);
console.log('wrote the field reference in docs/formats.md');
