// JSON text to a value, with a located message (line and column) when the text is not JSON.
import { InputError } from './errors';

/** Parses JSON; a syntax error becomes an InputError naming the file, the line and the column. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    let where = '$';
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset).split('\n');
      where = `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
    }
    throw new InputError([{ file, path: where, reason: `not valid JSON: ${message.replace(/ in JSON at .*$/, '')}` }]);
  }
}
