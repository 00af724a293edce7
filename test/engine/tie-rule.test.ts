// The tie rule (docs/model.md §3.7): resources exactly equal to liabilities are solvent. Decided in whole cents
// as the ledger books them, so decimal amounts that tie exactly are a tie whatever float rounding their sums get.
import prand from 'pure-rand';
import { runScenario } from '../../src/engine/run';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario } from '../../src/model/parse-scenario';

const dollars = (cents: number) => (cents / 100).toFixed(2);
const usdNetwork = (protocols: unknown[]) =>
  parseNetwork(
    {
      format: 'contagion/network@1',
      name: 'ties',
      asOf: '2025-01-01',
      assets: [{ id: 'USD', priceUsd: '1' }],
      protocols,
    },
    'ties.json',
  );
const scenarioOf = (net: ReturnType<typeof usdNetwork>, events: unknown[]) =>
  parseScenario(
    { format: 'contagion/scenario@1', name: 'ties', stepSeconds: 12, horizonSteps: 1, events },
    'ties-scenario.json',
    net,
  );

describe('exact tie rule', () => {
  it('keeps twenty banks with equity exactly 0.04 that lose exactly 0.04 solvent', () => {
    // Bank i owes 0.10 x (i + 1) and holds 0.04 more; an exploit takes exactly 0.04 from each.
    const banks = Array.from({ length: 20 }, (_, i) => ({
      id: `b${String(i).padStart(2, '0')}`,
      kind: 'bank',
      otherAssetsUsd: dollars(10 * (i + 1) + 4),
      externalLiabilitiesUsd: dollars(10 * (i + 1)),
    }));
    const net = usdNetwork(banks);
    const run = runScenario(
      net,
      scenarioOf(
        net,
        banks.map((b) => ({ type: 'exploit', protocol: b.id, atStep: 0, lossUsd: '0.04' })),
      ),
    );
    expect(run.summary.insolventProtocols).toEqual([]);
    expect(run.protocols.map((p) => p.equityEndUsd)).toEqual(banks.map(() => '0.00'));
    expect(run.protocols.every((p) => p.recovery === 1)).toBe(true);
  });

  /**
   * Gai–Kapadia in natural units: assets 1 (0.80 outside, 0.20 interbank split into whole cents over a bank's
   * claims), a 0.04 buffer, zero recovery. A bank with five claims that loses one loses exactly its buffer.
   * The engine's defaults must be the exact cascade of these decimal amounts in every trial, ties solvent.
   */
  it('follows the exact ties-solvent cascade of Gai–Kapadia in natural units', () => {
    const N = 60;
    const rng = prand.xoroshiro128plus(2010);
    const u = () => prand.unsafeUniformIntDistribution(0, 1e9, rng) / 1e9;
    const id = (i: number) => `b${String(i).padStart(2, '0')}`;
    let ties = 0;
    for (let trial = 0; trial < 12; trial++) {
      const z = 5;
      const claims: { on: number; cents: number }[][] = Array.from({ length: N }, () => []);
      for (let i = 0; i < N; i++) {
        const on: number[] = [];
        for (let j = 0; j < N; j++) if (i !== j && u() < z / (N - 1)) on.push(j);
        on.forEach((j, k) =>
          claims[i]!.push({ on: j, cents: Math.floor(20 / on.length) + (k < 20 % on.length ? 1 : 0) }),
        );
      }
      const claimsOnCents = new Array<number>(N).fill(0);
      claims.forEach((list) => list.forEach((c) => (claimsOnCents[c.on]! += c.cents)));
      const otherCents: number[] = claims.map((list) => (list.length > 0 ? 80 : 100));
      const externalCents = claimsOnCents.map((c) => Math.max(0, 96 - c));
      const net = usdNetwork(
        claims.map((list, i) => ({
          id: id(i),
          kind: 'bank',
          otherAssetsUsd: dollars(otherCents[i]!),
          claims: list.map((c) => ({ on: id(c.on), amountUsd: dollars(c.cents) })),
          externalLiabilitiesUsd: dollars(externalCents[i]!),
          onDefault: { mode: 'loss-given-default', lossGivenDefault: 1 },
        })),
      );
      const victim = Math.floor(u() * N);
      const run = runScenario(
        net,
        scenarioOf(net, [{ type: 'exploit', protocol: id(victim), atStep: 0, lossUsd: '1' }]),
      );

      // The exact cascade, in integer cents: default while resources are strictly below liabilities.
      const defaulted = new Set<number>([victim]);
      otherCents[victim] = 0;
      for (let grew = true; grew;) {
        grew = false;
        for (let i = 0; i < N; i++) {
          if (defaulted.has(i)) continue;
          const resources =
            otherCents[i]! + claims[i]!.reduce((t, c) => t + (defaulted.has(c.on) ? 0 : c.cents), 0);
          const owed = externalCents[i]! + claimsOnCents[i]!;
          if (resources < owed) {
            defaulted.add(i);
            grew = true;
          } else if (resources === owed && claims[i]!.some((c) => defaulted.has(c.on))) ties++;
        }
      }
      expect(run.summary.insolventProtocols).toEqual([...defaulted].sort((a, b) => a - b).map(id));
    }
    // The trials do exercise the rule: some banks end exactly at zero equity after a loss.
    expect(ties).toBeGreaterThan(0);
  });
});
