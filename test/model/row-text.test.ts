// A network file's cohorts and claims read straight from its text (model/row-text.ts): the same network as
// parsing the whole text gives, or the same messages; the plain files take the text path (a million rows
// never become objects) and everything else falls back to the whole parse.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import { generateNetwork } from '../../src/model/generate';
import { parseJsonText } from '../../src/model/parse-json';
import {
  parseNetwork,
  parseNetworkBytes,
  parseNetworkText,
  parseNetworkWindows,
} from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { readNetworkFile } from '../../src/model/read-file';
import { FILE_WINDOWS, scanRowTables, type Windows } from '../../src/model/row-text';
import { TINY_FILE } from '../helpers/fixtures';
import { inputIssues } from '../helpers/input-issues';
import { type Json, mutate } from '../helpers/mutate';

const DATA = join(__dirname, '..', '..', 'data');

/** A text read in small windows, as a large file is (every few rows, the window moves on). */
const windowsOf = (text: string, windowBytes = 230, tokenBytes = 100): Windows => {
  const bytes = Buffer.from(text, 'utf8');
  let read = 0;
  return {
    windowBytes,
    tokenBytes,
    readMore: (into, at) => {
      const n = bytes.copy(into, at, read, Math.min(bytes.length, read + into.length - at));
      read += n;
      return n;
    },
  };
};

/**
 * Both ways of parsing a text: the network as JSON (lazy fields read), or the messages. The text path is
 * taken from the bytes whole and from windows; where those two differ, `fromText` says so.
 */
function bothWays(text: string): { whole: string; fromText: string } {
  const outcome = (f: () => unknown) => {
    const issues = inputIssues(() => {
      const net = f();
      outcome.net = JSON.stringify(net);
    });
    return issues.length > 0 ? `issues ${JSON.stringify(issues)}` : outcome.net;
  };
  outcome.net = '';
  const fromBytes = outcome(() => parseNetworkText(text, 'x.json'));
  const fromWindows = outcome(() =>
    parseNetworkWindows(windowsOf(text), () => Buffer.from(text, 'utf8'), 'x.json'),
  );
  return {
    whole: outcome(() => parseNetwork(parseJsonText(text, 'x.json'), 'x.json')),
    fromText: fromBytes === fromWindows ? fromBytes : `windows differ: ${fromWindows}`,
  };
}

const generated = (seed: number) => generateNetwork({ protocols: 15, cohorts: 240, claims: 60, seed });

describe('rows read from the text', () => {
  it('takes the text path for generated networks and the sample, and reads every row', () => {
    const text = JSON.stringify(generated(1));
    const scanned = scanRowTables(Buffer.from(text))!;
    expect(scanned).toBeDefined();
    expect(scanned.collateral).toHaveLength(240);
    expect(scanned.amountUsd.length).toBeGreaterThan(0);
    expect(scanned.rest).not.toMatch(/collateralAmount|amountUsd/);
    // Read in windows, the same tables and the same rest; in windows too small for a row, none.
    const windowed = scanRowTables(windowsOf(text))!;
    expect(windowed.rest).toBe(scanned.rest);
    for (const key of ['collateral', 'debt', 'debtor', 'amountUsd'] as const)
      expect(Array.from(windowed[key])).toEqual(Array.from(scanned[key]));
    expect([windowed.cohorts, windowed.claims, windowed.debtorIds]).toEqual([
      scanned.cohorts,
      scanned.claims,
      scanned.debtorIds,
    ]);
    expect(scanRowTables(windowsOf(text, 60, 30))).toBeUndefined();
    // The sample's rows carry labels and sources: not plain, so it is parsed whole, to the same network.
    const sample = readFileSync(join(DATA, 'networks', 'ethereum-2025-10.json'), 'utf8');
    expect(scanRowTables(Buffer.from(sample))).toBeUndefined();
    const { whole, fromText } = bothWays(sample);
    expect(fromText).toBe(whole);
  });

  it('gives the same network as the whole parse, compact or indented, for many generated networks', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const raw = generated(seed);
      for (const text of [
        JSON.stringify(raw),
        JSON.stringify(raw, null, seed % 4),
        JSON.stringify(raw, null, '\t'),
      ]) {
        const { whole, fromText } = bothWays(text);
        expect(fromText).toBe(whole);
        expect(whole.startsWith('issues')).toBe(false);
      }
    }
  });

  it('keeps text that is not ASCII around the tables as the whole parse reads it', () => {
    const raw = generated(6) as any;
    raw.description = 'Réseau synthétique — 10 € ✓ 🚀';
    raw.protocols[0].name = 'Protocole « zéro »';
    const text = JSON.stringify(raw, null, 1);
    expect(scanRowTables(Buffer.from(text))).toBeDefined();
    const { whole, fromText } = bothWays(text);
    expect(fromText).toBe(whole);
    expect(fromText).toContain('🚀');
  });

  it('reads the tables of a file with escapes outside them, and agrees on a table under an escaped key', () => {
    const raw = generated(7) as any;
    raw.description = 'a "quoted" note\nover two lines \\ with a backslash';
    const text = JSON.stringify(raw);
    expect(scanRowTables(Buffer.from(text))).toBeDefined();
    expect(bothWays(text).fromText).toBe(bothWays(text).whole);
    // "cohort\u0073" is "cohorts" to JSON.parse: a key with escapes sends the whole text to JSON.parse, which
    // keeps the last of a key given twice.
    const escaped = text.replace('"cohorts":', '"cohort\\u0073":');
    const twice = text.replace('"cohorts":[', '"cohort\\u0073":[],"cohorts":[');
    const twiceOtherWay = text.replace('"cohorts":[', '"cohorts":[],"cohort\\u0073":[');
    // Rows under the plain key, then an empty list under the escaped one: the empty list is what JSON.parse keeps.
    const rows = JSON.stringify(raw.protocols[0].markets[0].cohorts);
    const rowsThenEscapedEmpty = text.replace(`"cohorts":${rows}`, `"cohorts":${rows},"cohort\\u0073":[]`);
    for (const t of [escaped, twice, twiceOtherWay, rowsThenEscapedEmpty]) {
      expect(t).not.toBe(text);
      expect(scanRowTables(Buffer.from(t))).toBeUndefined();
      const { whole, fromText } = bothWays(t);
      expect(fromText).toBe(whole);
    }
  });

  it('releases a large buffer once its tables are read, and keeps one it falls back on', () => {
    const text = JSON.stringify(generateNetwork({ protocols: 200, cohorts: 20_000, claims: 2_000, seed: 8 }));
    expect(text.length).toBeGreaterThan(1 << 20);
    const bytes = Buffer.from(text);
    const net = parseNetworkBytes(bytes, 'x.json');
    expect(bytes.length).toBe(0); // handed over and freed
    expect(JSON.stringify(net)).toBe(JSON.stringify(parseNetwork(JSON.parse(text), 'x.json')));
    const labelled = Buffer.from(text.replace('"collateralAmount"', '"label":"x","collateralAmount"'));
    parseNetworkBytes(labelled, 'x.json');
    expect(labelled.length).toBeGreaterThan(1 << 20); // parsed whole: nothing released
  });

  it('runs the same on either parse', () => {
    const text = JSON.stringify(generated(5));
    const scenarioOf = (net: ReturnType<typeof parseNetwork>) =>
      parseScenario(
        {
          format: 'contagion/scenario@1',
          name: 'x',
          stepSeconds: 12,
          horizonSteps: 20,
          events: [{ type: 'price', asset: 'A0', atStep: 1, path: { shape: 'gap', change: -0.4 } }],
        },
        's.json',
        net,
      );
    const a = parseNetwork(JSON.parse(text), 'x.json');
    const b = parseNetworkText(text, 'x.json');
    expect(JSON.stringify(runScenario(b, scenarioOf(b)))).toBe(JSON.stringify(runScenario(a, scenarioOf(a))));
  });

  it('agrees with the whole parse on rows of every kind: the same network or the same messages', () => {
    const base = generated(2) as unknown as { protocols: Json[] };
    const p = base.protocols as any[];
    const cases: [string, (doc: any) => void][] = [
      ['a label', (d) => (d.protocols[0].markets[0].cohorts[0].label = 'x')],
      ['a negative amount', (d) => (d.protocols[0].markets[0].cohorts[1].debtAmount = '-1')],
      ['leading zeros', (d) => (d.protocols[0].markets[0].cohorts[1].debtAmount = '007.5')],
      ['an exponent', (d) => (d.protocols[0].markets[0].cohorts[1].debtAmount = '75e-1')],
      ['a number amount', (d) => (d.protocols[0].markets[0].cohorts[1].debtAmount = 12.5)],
      ['a long decimal', (d) => (d.protocols[0].markets[0].cohorts[1].debtAmount = '1.00000000000000000001')],
      ['an extra key', (d) => (d.protocols[0].markets[0].cohorts[2].extra = 1)],
      ['a missing amount', (d) => delete d.protocols[0].markets[0].cohorts[2].debtAmount],
      ['an unknown debtor', (d) => (d.protocols[1].claims[0].on = 'nobody')],
      ['a debtor that is not an id', (d) => (d.protocols[1].claims[0].on = 'no body')],
      ['a claim kind', (d) => (d.protocols[1].claims[0].kind = 'loan')],
      ['an escaped debtor', (d) => (d.protocols[1].claims[0].on = 'p"1')],
      ['a row that is not an object', (d) => (d.protocols[1].claims[0] = 5)],
      ['cohorts that are not a list', (d) => (d.protocols[0].markets[0].cohorts = {})],
      ['an empty table', (d) => (d.protocols[0].markets[0].cohorts = [])],
    ];
    expect(p.length).toBeGreaterThan(1);
    for (const [what, change] of cases) {
      const doc = structuredClone(base) as any;
      change(doc);
      const text = JSON.stringify(doc);
      const { whole, fromText } = bothWays(text);
      expect({ what, fromText }).toEqual({ what, fromText: whole });
      // Only plain rows are read from the text; a debtor the file does not name, or cohorts that are not a
      // list, are found after the scan (and the text is then parsed whole too).
      const readable = [
        'a number amount',
        'an empty table',
        'an unknown debtor',
        'a debtor that is not an id',
        'cohorts that are not a list',
      ];
      if (!readable.includes(what))
        expect({ what, scanned: scanRowTables(Buffer.from(text)) !== undefined }).toEqual({
          what,
          scanned: false,
        });
    }
  });

  it('falls back on text that is not plainly JSON, with the located message of the whole parse', () => {
    const text = JSON.stringify(generated(3));
    const at = text.indexOf('"debtAmount":"') + '"debtAmount":"'.length;
    for (const broken of [
      text.slice(0, at - 1) + '01' + text.slice(text.indexOf('"', at) + 1), // a number with a leading zero
      text.replace('"cohorts":[{', '"cohorts":[{,'),
      text.replace('"claims":[{', '"claims" [{'),
      text.slice(0, -1),
      text + 'x',
      '\uFEFF' + text,
      text.replace('"cohorts":[', '"cohorts":[],"cohorts":['), // a table given twice
    ]) {
      const { whole, fromText } = bothWays(broken);
      expect(fromText).toBe(whole);
    }
  });

  it('agrees with the whole parse when any byte of a compact row is dropped or replaced', () => {
    // The compact rows are matched in place: a row that differs anywhere from that form must be read field
    // by field, or make the scan give up, and never be read as if it had the form.
    const text = JSON.stringify(generated(5));
    for (const head of ['"cohorts":[', '"claims":[']) {
      const start = text.indexOf(head) + head.length;
      const end = text.indexOf('}', start) + 2; // the row, its `}` and what follows it
      for (let at = start; at < end; at++)
        for (const put of ['', ' ', ',', '}', ']', '"', 'x', '0', '.', '-', 'e', '\\'])
          if (put !== text[at]) {
            const { whole, fromText } = bothWays(text.slice(0, at) + put + text.slice(at + 1));
            expect({ at, put, fromText }).toEqual({ at, put, fromText: whole });
          }
    }
  });

  it('reads a file larger than its window in windows, to the network its bytes give', () => {
    const raw = generateNetwork({ protocols: 200, cohorts: 150_000, claims: 40_000, seed: 3 });
    const dir = mkdtempSync(join(tmpdir(), 'contagion-windows-'));
    try {
      const plain = join(dir, 'plain.json');
      writeFileSync(plain, JSON.stringify(raw));
      expect(statSync(plain).size).toBeGreaterThan(FILE_WINDOWS.windowBytes);
      const bytes = readFileSync(plain);
      expect(JSON.stringify(readNetworkFile(plain))).toBe(JSON.stringify(parseNetworkBytes(bytes, plain)));
      // A row that is not plain: the file is read again whole, to the same messages as its text gives.
      const labelled = join(dir, 'labelled.json');
      writeFileSync(labelled, bytes.toString().replace('"collateralAmount"', '"label":5,"collateralAmount"'));
      expect(inputIssues(() => readNetworkFile(labelled))).toEqual(
        inputIssues(() => parseNetwork(parseJsonText(readFileSync(labelled, 'utf8'), labelled), labelled)),
      );
      expect(inputIssues(() => readNetworkFile(labelled)).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('agrees with the whole parse on hundreds of random mutations of a file', () => {
    const base = JSON.parse(readFileSync(TINY_FILE, 'utf8')) as Json;
    const gen = generated(4) as unknown as Json;
    for (let seed = 1; seed <= 300; seed++) {
      const { doc, what } = mutate(seed % 2 ? base : gen, seed);
      const { whole, fromText } = bothWays(JSON.stringify(doc));
      expect({ what, fromText }).toEqual({ what, fromText: whole });
    }
  });
});
