// JSON written in pieces: the same text as JSON.stringify(value, null, indent), handed to `write` in chunks
// of about a megabyte, so an output of any size (a run@1 of a large network) is never one string. A
// `StreamedArray` is written as the array of its items, each made only when it is written, so a table of
// millions of rows never exists as objects.

const CHUNK_CHARS = 1 << 20;

/** An array written item by item: `item(i)` makes item i when it is written, and nothing keeps it. */
export class StreamedArray<T> {
  constructor(
    readonly length: number,
    readonly item: (i: number) => T,
  ) {}
}

/** Writes `value` as JSON.stringify(value, null, indent) would, in chunks, and a final newline when asked. */
export function writeJson(
  value: unknown,
  write: (chunk: string) => void,
  options: { indent?: number; newline?: boolean } = {},
): void {
  // Indented output only (indent 1 or more), the form every JSON output of the CLI takes.
  const step = ' '.repeat(Math.max(1, options.indent ?? 2));
  let buffer = '';
  const put = (s: string) => {
    buffer += s;
    if (buffer.length >= CHUNK_CHARS) {
      write(buffer);
      buffer = '';
    }
  };
  /** A value as JSON sees it: through its toJSON when it has one. */
  const seen = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function'
      ? (v as { toJSON: () => unknown }).toJSON()
      : v;
  const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  const emit = (v: unknown, pad: string): void => {
    if (v === null || typeof v !== 'object') {
      put(JSON.stringify(v));
      return;
    }
    const inner = pad + step;
    const streamed = v instanceof StreamedArray;
    if (streamed || Array.isArray(v)) {
      const items = v as StreamedArray<unknown> | unknown[];
      const at = streamed ? (v as StreamedArray<unknown>).item : (i: number) => (v as unknown[])[i];
      if (items.length === 0) return put('[]');
      for (let i = 0; i < items.length; i++) {
        put(i === 0 ? '[\n' + inner : ',\n' + inner);
        const x = seen(at(i));
        if (omitted(x)) put('null');
        else emit(x, inner);
      }
      return put('\n' + pad + ']');
    }
    let first = true;
    for (const key of Object.keys(v)) {
      const x = seen((v as Record<string, unknown>)[key]);
      if (omitted(x)) continue;
      put((first ? '{\n' : ',\n') + inner + JSON.stringify(key) + ': ');
      first = false;
      emit(x, inner);
    }
    put(first ? '{}' : '\n' + pad + '}');
  };
  const top = seen(value);
  if (omitted(top)) throw new TypeError('nothing to write: the value has no JSON');
  emit(top, '');
  if (options.newline) put('\n');
  if (buffer.length > 0) write(buffer);
}
