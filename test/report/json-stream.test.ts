// The chunked JSON writer gives exactly JSON.stringify(value, null, 2), in pieces no bigger than needed.
import fc from 'fast-check';
import { StreamedArray, writeJson } from '../../src/report/json-stream';

const written = (value: unknown, indent = 2): { text: string; chunks: string[] } => {
  const chunks: string[] = [];
  writeJson(value, (c) => chunks.push(c), { indent, newline: true });
  return { text: chunks.join(''), chunks };
};

describe('writeJson', () => {
  it('writes what JSON.stringify writes, for nested objects, arrays and the values JSON leaves out', () => {
    const value = {
      a: 1,
      b: [1, 'two', null, undefined, { c: [] }, {}, () => 1],
      d: { e: undefined, f: -0, g: NaN, h: Infinity, i: 'quote " and \\ and \n' },
      j: { toJSON: () => 'as json' },
      k: [[[]]],
      l: new Date(0),
    };
    expect(written(value).text).toBe(JSON.stringify(value, null, 2) + '\n');
    expect(written(value, 4).text).toBe(JSON.stringify(value, null, 4) + '\n');
    expect(written([]).text).toBe('[]\n');
    expect(written('x').text).toBe('"x"\n');
  });

  it('matches JSON.stringify on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(written(v).text).toBe(JSON.stringify(v, null, 2) + '\n');
      }),
    );
  });

  it('hands a large document over in chunks of about a megabyte', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ step: i, amountUsd: `${i}.00` }));
    const { text, chunks } = written({ rows });
    expect(text).toBe(JSON.stringify({ rows }, null, 2) + '\n');
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks.slice(0, -1)) {
      expect(c.length).toBeGreaterThanOrEqual(1 << 20);
      expect(c.length).toBeLessThan((1 << 20) + 100);
    }
  });

  it('writes a streamed array as the array of its items, making each item only when it is written', () => {
    const length = 200_000;
    const make = (i: number) => ({ step: i, from: `asset:A${i % 7}`, amountUsd: `-${i}.05` });
    let made = 0;
    const madeWhenWritten: number[] = [];
    const chunks: string[] = [];
    const rows = new StreamedArray(length, (i) => {
      made++;
      return make(i);
    });
    writeJson({ head: { n: 1 }, rows, empty: new StreamedArray(0, make) }, (c) => {
      chunks.push(c);
      madeWhenWritten.push(made);
    });
    const whole = { head: { n: 1 }, rows: Array.from({ length }, (_, i) => make(i)), empty: [] };
    expect(chunks.join('')).toBe(JSON.stringify(whole, null, 2));
    expect(made).toBe(length);
    // The first megabyte went out before most items were made: they are made as the text is written.
    expect(madeWhenWritten[0]).toBeLessThan(length / 2);
  });
});
