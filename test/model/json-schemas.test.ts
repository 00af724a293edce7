// The JSON Schema files under schemas/ are generated from the zod schemas and must be up to date.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatReference } from '../../src/model/format-reference';
import { jsonSchemas } from '../../src/model/json-schemas';

describe('JSON Schema files', () => {
  it.each(jsonSchemas().map((d) => [d.file, d] as const))(
    'schemas/%s matches the zod schema (run `npm run schemas`)',
    (file, doc) => {
      const onDisk = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', file), 'utf8'));
      expect(onDisk).toEqual(JSON.parse(JSON.stringify(doc.schema)));
    },
  );

  it('describes amounts as decimal strings or numbers and rejects unknown fields', () => {
    const network = jsonSchemas()[0]!.schema as any;
    const asset = network.properties.assets.items;
    expect(asset.additionalProperties).toBe(false);
    const price = asset.properties.priceUsd;
    expect(JSON.stringify(price)).toMatch(/"type":"string"/);
    expect(JSON.stringify(price)).toMatch(/"type":"number"/);
  });
});

describe('docs/formats.md', () => {
  it('holds the current generated field reference (run `npm run schemas`)', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'formats.md'), 'utf8');
    expect(doc).toContain(formatReference());
  });
});
