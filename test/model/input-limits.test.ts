// Limits on the numbers and files a run reads: what validation accepts, the engine can run; each limit named.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';
import { MAX_INPUT_BYTES, readJsonFile, readTextFile } from '../../src/model/read-file';
import { tinyNetwork, tinyRaw } from '../helpers/fixtures';
import { rejectionIssues } from '../helpers/input-issues';

type Raw = Record<string, any>;

const issuesOf = rejectionIssues;

const networkIssues = (edit: (r: Raw) => void) => {
  const raw = tinyRaw();
  edit(raw);
  return issuesOf(() => parseNetwork(raw, 'net.json'));
};

describe('amounts are bounded to what floats and the cents ledger carry exactly', () => {
  const cases: [string, (r: Raw) => void, string, RegExp][] = [
    ['a price of 1e308', (r) => (r.assets[0].priceUsd = 1e308), '$.assets[0].priceUsd', /at most 1e15/],
    ['a price of "1e400"', (r) => (r.assets[0].priceUsd = '1e400'), '$.assets[0].priceUsd', /at most 1e15/],
    ['a price of 5e-324', (r) => (r.assets[0].priceUsd = 5e-324), '$.assets[0].priceUsd', /at least 1e-18/],
    [
      'a 30-digit integer amount',
      (r) => (r.protocols[1].holdings[0].amount = '123456789012345678901234567890'),
      '$.protocols[1].holdings[0].amount',
      /at most 1e15/,
    ],
    [
      'an amount with 20 significant digits',
      (r) => (r.protocols[1].holdings[0].amount = '1.2345678901234567891'),
      '$.protocols[1].holdings[0].amount',
      /has 20 significant digits, more than a float carries \(it would become 1.2345678901234567;/,
    ],
    ['a peg rate of 1e300', (r) => (r.assets[4].peg.rate = 1e300), '$.assets[4].peg.rate', /at most 1e9/],
    [
      'a balance sheet above a trillion USD',
      (r) => (r.protocols[0].otherAssetsUsd = '2000000000000'),
      '$.protocols[0]',
      /assets of 2000000000000 USD at initial prices: at most 1e12 USD/,
    ],
  ];
  it.each(cases)('%s is rejected', (_name, edit, path, reason) => {
    const issues = networkIssues(edit);
    expect(issues).toContainEqual({ file: 'net.json', path, reason: expect.stringMatching(reason) });
  });

  it('amounts at the limits pass: 15 significant digits, 1e-18', () => {
    const raw = tinyRaw();
    raw.protocols[1].holdings[0].amount = '100.000000000001';
    raw.assets[0].priceUsd = '2000.00000000000';
    raw.protocols[0].otherAssetsUsd = '0.000000000000000001';
    expect(() => parseNetwork(raw, 'net.json')).not.toThrow();
  });
});

describe('scenario counts are bounded', () => {
  const base = {
    format: 'contagion/scenario@1',
    name: 's',
    stepSeconds: 12,
    horizonSteps: 100,
    events: [{ type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'gap', change: -0.3 } }],
  };
  const net = tinyNetwork();
  const scenarioIssues = (edit: (s: Raw) => void) => {
    const s: Raw = structuredClone(base);
    edit(s);
    return issuesOf(() => parseScenario(s, 's.json', net));
  };
  const cases: [string, (s: Raw) => void, string, RegExp][] = [
    ['horizonSteps 1e9', (s) => (s.horizonSteps = 1e9), '$.horizonSteps', /at most 250000 steps/],
    [
      'a price rising 1e308-fold',
      (s) => (s.events[0].path.change = 1e308),
      '$.events[0].path.change',
      /tenfold/,
    ],
    [
      '10001 events',
      (s) => (s.events = Array.from({ length: 10_001 }, () => base.events[0])),
      '$.events',
      /at most 10000 events/,
    ],
    ['a step of 5e-324 seconds', (s) => (s.stepSeconds = 5e-324), '$.stepSeconds', /at least 0.001/],
    ['an event at step 1e300', (s) => (s.events[0].atStep = 1e300), '$.events[0].atStep', /at most 1e9/],
  ];
  it.each(cases)('%s is rejected', (_name, edit, path, reason) => {
    expect(scenarioIssues(edit)).toContainEqual({
      file: 's.json',
      path,
      reason: expect.stringMatching(reason),
    });
  });
});

describe('only regular files of a bounded size are read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contagion-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses /dev/zero instead of reading forever', () => {
    expect(issuesOf(() => readTextFile('/dev/zero'))).toEqual([
      { file: '/dev/zero', path: '$', reason: 'is not a regular file (a device, FIFO or socket)' },
    ]);
  });

  it('refuses a FIFO with no writer instead of waiting for one', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(issuesOf(() => readJsonFile(fifo))[0]!.reason).toBe(
      'is not a regular file (a device, FIFO or socket)',
    );
  });

  it('refuses a file above the size limit before reading it', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: no disk is used
    expect(issuesOf(() => readTextFile(big))[0]!.reason).toBe(
      `is ${MAX_INPUT_BYTES + 1} bytes: at most ${MAX_INPUT_BYTES} bytes (256 MiB) are read`,
    );
  });

  it('refuses a folder', () => {
    expect(issuesOf(() => readTextFile(dir))[0]!.reason).toBe('is a directory');
  });
});
