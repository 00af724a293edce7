// Cohorts and claims kept as the file wrote them: the same network as the schema parses, the schema's own
// messages for a bad row, amounts read as the same doubles and zeros as decimal.js gives, and no decimal.js
// cohort or claim built by a run.
import fc from 'fast-check';
import { cohortAmounts } from '../../src/model/cohort-rows';
import {
  amountIsZero,
  amountToNumber,
  exactAsDouble,
  isNonNegAmount,
  nonNegAmountToNumber,
} from '../../src/model/raw-amount';
import { toDec } from '../../src/model/decimal';
import { generateNetwork } from '../../src/model/generate';
import { parseNetwork } from '../../src/model/parse-network';
import { NetworkFile } from '../../src/model/schema/network';
import { buildState } from '../../src/engine/state';
import { tinyRaw } from '../helpers/fixtures';
import { inputIssues } from '../helpers/input-issues';

const issuesOf = (raw: unknown): string[] => inputIssues(() => parseNetwork(raw, 'x.json'));

describe('cohort rows', () => {
  it('parses to the same network as the schema does, cohorts in decimal.js included', () => {
    for (const raw of [tinyRaw(), generateNetwork({ protocols: 20, cohorts: 300, claims: 40, seed: 3 })]) {
      const parsed = parseNetwork(raw, 'x.json');
      expect(JSON.parse(JSON.stringify(parsed))).toEqual(JSON.parse(JSON.stringify(NetworkFile.parse(raw))));
    }
  });

  it('keeps the schema order of every field, the lazy ones included', () => {
    const raw = generateNetwork({ protocols: 12, cohorts: 200, claims: 60, seed: 4 });
    const parsed = parseNetwork(raw, 'x.json');
    const market = parsed.protocols[0]!.markets[0]!;
    // The rows are still unread: cohorts and claims are the lazy fields, in their places.
    expect(Object.getOwnPropertyDescriptor(market, 'cohorts')!.get).toBeDefined();
    expect(Object.getOwnPropertyDescriptor(parsed.protocols[0]!, 'claims')!.get).toBeDefined();
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(NetworkFile.parse(raw)));
  });

  it('reads numbers, exponents, labels and a market without cohorts as the schema does', () => {
    const raw = tinyRaw();
    const cohorts = raw.protocols[3].markets[0].cohorts;
    cohorts[0].collateralAmount = 3;
    cohorts[1].debtAmount = '76e-2';
    delete cohorts[1].label;
    delete raw.protocols[3].markets[1].cohorts;
    const net = parseNetwork(raw, 'x.json');
    const [a, b] = net.protocols[3]!.markets[0]!.cohorts;
    expect(a!.collateralAmount.toFixed()).toBe('3');
    expect(b!.debtAmount.toFixed()).toBe('0.76');
    expect(b).not.toHaveProperty('label');
    expect(net.protocols[3]!.markets[1]!.cohorts).toEqual([]);
  });

  it('reports a bad cohort with the schema message, file and JSON path', () => {
    const raw = tinyRaw();
    raw.protocols[3].markets[1].cohorts[1].debtAmount = '-5';
    raw.protocols[3].markets[1].cohorts[0].extra = 1;
    raw.protocols[2].markets[0].cohorts[0].collateralAmount = '1,5';
    expect(issuesOf(raw)).toEqual([
      '$.protocols[2].markets[0].cohorts[0].collateralAmount: must be a decimal number such as "1250000.5"',
      '$.protocols[3].markets[1].cohorts[0].extra: unknown field',
      '$.protocols[3].markets[1].cohorts[1].debtAmount: must not be negative',
    ]);
  });

  it('reports debt without collateral, written as any form of zero', () => {
    const raw = tinyRaw();
    raw.protocols[3].markets[1].cohorts[1].collateralAmount = '0.000e3';
    raw.protocols[3].markets[1].cohorts[0].collateralAmount = 0;
    raw.protocols[3].markets[0].cohorts[0].collateralAmount = '1e-400';
    expect(issuesOf(raw)).toEqual([
      '$.protocols[3].markets[1].cohorts[0]: a cohort with debt must have collateral',
      '$.protocols[3].markets[1].cohorts[1]: a cohort with debt must have collateral',
    ]);
  });

  it('reads an amount as the same double and the same zero as decimal.js', () => {
    const amount = fc.oneof(
      fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      fc
        .tuple(
          fc.stringMatching(/^\d{1,45}$/),
          fc.option(fc.stringMatching(/^\d{1,20}$/), { nil: undefined }),
          fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined }),
        )
        .map(([i, f, e]) => `${i}${f === undefined ? '' : '.' + f}${e === undefined ? '' : 'e' + e}`),
    );
    fc.assert(
      fc.property(amount, (a) => {
        expect(amountToNumber(a)).toBe(toDec(a).toNumber());
        expect(amountIsZero(a)).toBe(toDec(a).isZero());
        expect(nonNegAmountToNumber(a)).toBe(toDec(a).toNumber());
      }),
    );
  });

  it('keeps only the double of an amount the double gives back exactly (same decimal, same sign)', () => {
    const amount = fc.oneof(
      fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      fc
        .tuple(
          fc.stringMatching(/^-?\d{1,17}$/),
          fc.option(fc.stringMatching(/^\d{1,16}$/), { nil: undefined }),
        )
        .map(([i, f]) => `${i}${f === undefined ? '' : '.' + f}`),
    );
    fc.assert(
      fc.property(amount, (a) => {
        if (!exactAsDouble(a)) return;
        const fromDouble = toDec(amountToNumber(a));
        expect(fromDouble.eq(toDec(a))).toBe(true);
        expect(fromDouble.isNeg()).toBe(toDec(a).isNeg());
      }),
    );
    // 16 digits do not always survive a double; a sign (-0) and an exponent are kept as written.
    expect(toDec(Number('9007199254740993')).eq(toDec('9007199254740993'))).toBe(false);
    expect(['9007199254740993', '-0', '-0.0', '1e3'].map(exactAsDouble)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['0.1', '123456789012.345', '000000000000001', 0.1].map(exactAsDouble)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('checks and reads an amount in one pass: NaN exactly where the schema would not accept it', () => {
    const anything = fc.oneof(
      fc.double(),
      fc.stringMatching(/^-?\d{0,3}(\.\d{0,3})?([eE][-+]?\d{0,3})?$/),
      fc.constantFrom('-0', '1e400', '-1e-400', ' 1', '1 ', '0x10', '', 'NaN', 'Infinity'),
      fc.constantFrom(null, undefined, true, [], {}),
    );
    fc.assert(
      fc.property(anything, (v) => {
        const read = nonNegAmountToNumber(v);
        if (isNonNegAmount(v)) expect(read).toBe(amountToNumber(v));
        else expect(read).toBeNaN();
      }),
    );
  });

  it('builds the engine state from the rows, without building cohorts in decimal.js', () => {
    const net = parseNetwork(generateNetwork({ protocols: 10, cohorts: 200, claims: 20, seed: 5 }), 'g');
    const s = buildState(net, { stepSeconds: 12 });
    const markets = net.protocols.flatMap((p) => p.markets);
    expect(s.cohorts.n).toBe(200);
    for (const m of markets) expect(Object.getOwnPropertyDescriptor(m, 'cohorts')!.get).toBeDefined();
    // Read afterwards, they are the rows' decimals, and the state holds their doubles.
    const total = markets.reduce((t, m) => t + cohortAmounts(m).count, 0);
    expect(total).toBe(200);
    const debt = markets.flatMap((m) => m.cohorts.map((c) => c.debtAmount.toNumber()));
    expect(debt.reduce((x, y) => x + y, 0)).toBeCloseTo(
      s.cohorts.debt.reduce((x, y) => x + y, 0),
      6,
    );
  });
});

describe('claim rows', () => {
  it('reads kinds, refs, notes and numbers as the schema does', () => {
    const raw = tinyRaw();
    const holder = raw.protocols.findIndex((p: { claims?: unknown[] }) => (p.claims ?? []).length > 0);
    const claim = raw.protocols[holder].claims[0];
    claim.amountUsd = 1250.5;
    claim.kind = 'loan';
    claim.note = 'a note';
    claim.ref = Object.keys(raw.sources ?? {}).slice(0, 1)[0];
    const parsed = parseNetwork(raw, 'x.json');
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(JSON.parse(JSON.stringify(NetworkFile.parse(raw))));
    const c = parsed.protocols[holder]!.claims[0]!;
    expect(c.amountUsd.toFixed()).toBe('1250.5');
    expect(c.kind).toBe('loan');
    expect(c.ref).toEqual(claim.ref === undefined ? [] : [claim.ref]);
  });

  it('reports a bad claim with the schema message, and a claim on an unknown protocol or on itself', () => {
    const raw = generateNetwork({ protocols: 5, cohorts: 10, claims: 12, seed: 2 });
    const protocols = raw.protocols as { id: string; claims: Record<string, unknown>[] }[];
    const [i, p] = [...protocols.entries()].find(([, x]) => x.claims.length > 0)!;
    p.claims[0]!.kind = 'bond';
    expect(issuesOf(raw)).toEqual([
      `$.protocols[${i}].claims[0].kind: must be one of "deposit", "vault-share", "loan", "other"`,
    ]);
    p.claims[0]!.kind = 'deposit';
    p.claims[0]!.on = 'nobody';
    p.claims.push({ on: p.id, amountUsd: '1' });
    const issues = issuesOf(raw);
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(new RegExp(`^\\$\\.protocols\\[${i}\\]\\.claims\\[0\\]\\.on: .*"nobody"`));
    expect(issues[1]).toBe(
      `$.protocols[${i}].claims[${p.claims.length - 1}].on: a protocol cannot hold a claim on itself`,
    );
  });

  it('reports a claim on itself among rows whose debtors are all known', () => {
    const raw = generateNetwork({ protocols: 5, cohorts: 10, claims: 12, seed: 2 });
    const protocols = raw.protocols as { id: string; claims: Record<string, unknown>[] }[];
    const last = protocols.length - 1;
    protocols[last]!.claims.push({ on: protocols[last]!.id, amountUsd: '2' });
    expect(issuesOf(raw)).toEqual([
      `$.protocols[${last}].claims[${protocols[last]!.claims.length - 1}].on: a protocol cannot hold a claim on itself`,
    ]);
  });

  it('gives each claim its debtor by id, in the network and in the engine state', () => {
    const raw = generateNetwork({ protocols: 30, cohorts: 20, claims: 200, seed: 9 });
    const net = parseNetwork(raw, 'g');
    const s = buildState(net, { stepSeconds: 12 });
    // Expected from the file: each holder's claims summed by debtor id, in the state's protocol order.
    const expected = new Map<string, number>();
    for (const p of raw.protocols as { id: string; claims: { on: string; amountUsd: string }[] }[])
      for (const c of p.claims) expected.set(`${p.id}>${c.on}`, (expected.get(`${p.id}>${c.on}`) ?? 0) + 1);
    const seen = new Map<string, number>();
    const names = s.names.protocols;
    for (let p = 0; p < s.protocols.n; p++)
      for (let k = s.protocols.claimStart[p]!; k < s.protocols.claimStart[p + 1]!; k++)
        seen.set(`${names[p]}>${names[s.protocols.claimDebtor[k]!]}`, 1);
    expect([...seen.keys()].sort()).toEqual([...expected.keys()].sort());
    // Read afterwards, the claims name the same debtors as the file.
    net.protocols.forEach((p, i) =>
      expect(p.claims.map((c) => c.on)).toEqual(raw.protocols![i]!.claims!.map((c) => c.on)),
    );
  });

  it('builds the engine state from the rows, without building claims in decimal.js', () => {
    const net = parseNetwork(generateNetwork({ protocols: 10, cohorts: 20, claims: 50, seed: 5 }), 'g');
    const s = buildState(net, { stepSeconds: 12 });
    for (const p of net.protocols) expect(Object.getOwnPropertyDescriptor(p, 'claims')!.get).toBeDefined();
    const total = net.protocols.flatMap((p) => p.claims).reduce((t, c) => t + c.amountUsd.toNumber(), 0);
    expect(s.protocols.claimAmount.reduce((x, y) => x + y, 0)).toBe(total);
  });
});
