// A network file extended to more chains (docs/model.md §23): the objects of an extension (chains, bridges,
// sources, and assets, venues, oracles and protocols that live on the new chains) added to a network file
// whose objects all stay as they are. Pure: JSON values in, a JSON value out.

type Json = Record<string, unknown>;

const LISTS = ['assets', 'venues', 'oracles', 'protocols', 'chains', 'bridges'] as const;

/** The network `base` with the extension's objects appended and its sources added (an id used twice throws). */
export function multichainNetwork(base: unknown, extension: unknown): Json {
  const b = base as Json;
  const x = extension as Json;
  const sources = { ...(b.sources as Json) };
  for (const [id, source] of Object.entries((x.sources ?? {}) as Json)) {
    if (id in sources) throw new Error(`source "${id}" is in both the network and the extension`);
    sources[id] = source;
  }
  const out: Json = {
    ...b,
    name: `${String(b.name)}-multichain`,
    description: `${String(b.description)} ${String(x.description ?? '')}`.trim(),
    sources,
  };
  for (const key of LISTS) {
    const added = (x[key] ?? []) as unknown[];
    if (added.length > 0) out[key] = [...((b[key] ?? []) as unknown[]), ...added];
  }
  return out;
}
