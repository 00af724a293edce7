// Fuzzing the shipped files: seeded mutations of the sample network, its scenarios and breakers and the test
// fixture, each through validation and, when valid, a run. What validation accepts must run: a mutation ends
// either in an InputError (exit 2) or in a reconciled run (exit 0), never in any other error (exit 1).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../../src/engine/run';
import { InputError } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { parseBreakers, parseScenario } from '../../src/model/parse-scenario';
import { readJsonFile } from '../../src/model/read-file';
import { BIN, ROOT, tempFiles } from '../helpers/cli';
import { TINY_FILE } from '../helpers/fixtures';
import { type Json, mutate } from '../helpers/mutate';

const DATA = join(__dirname, '..', '..', 'data');
const SAMPLE_FILE = join(DATA, 'networks', 'ethereum-2025-10.json');
const SCENARIOS = join(DATA, 'scenarios');
const sample = readJsonFile(SAMPLE_FILE) as Json;
const tiny = readJsonFile(TINY_FILE) as Json;
const scenarioFiles = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(SCENARIOS, f));
// Scenarios of the sample network (one naming its own network, such as the multichain one, runs on that).
const scenarios = scenarioFiles
  .map((f) => readJsonFile(f) as Json)
  .filter((d) => {
    const doc = d as { format: string; network?: string };
    return doc.format === 'contagion/scenario@1' && doc.network === undefined;
  });
const breakersFile = scenarioFiles
  .map((f) => readJsonFile(f) as Json)
  .find((d) => (d as { format: string }).format === 'contagion/breakers@1')!;

/** A short scenario on the tiny network: ETH falls 40% over 20 steps. */
const tinyScenario: Json = {
  format: 'contagion/scenario@1',
  name: 'tiny-crash',
  stepSeconds: 12,
  horizonSteps: 120,
  quietSteps: 20,
  events: [
    { type: 'price', asset: 'ETH', atStep: 0, path: { shape: 'linear', change: -0.4, overSteps: 20 } },
  ],
};

interface Case {
  network: Json;
  scenario: Json;
  breakers?: Json;
}

/** The documents of one fuzz case: one of them mutated, chosen by the seed. */
function fuzzCase(seed: number): { docs: Case; what: string } {
  const kind = seed % 6;
  const scenario = scenarios[Math.floor(seed / 6) % scenarios.length]!;
  if (kind === 0) {
    const m = mutate(sample, seed);
    return { docs: { network: m.doc, scenario }, what: `sample network: ${m.what}` };
  }
  if (kind === 1) {
    const m = mutate(scenario, seed);
    return {
      docs: { network: sample, scenario: m.doc },
      what: `scenario ${(scenario as any).name}: ${m.what}`,
    };
  }
  if (kind === 2) {
    const m = mutate(breakersFile, seed);
    return { docs: { network: sample, scenario, breakers: m.doc }, what: `breakers: ${m.what}` };
  }
  if (kind === 3 || kind === 4) {
    const m = mutate(tiny, seed);
    return { docs: { network: m.doc, scenario: tinyScenario }, what: `tiny network: ${m.what}` };
  }
  const m = mutate(tinyScenario, seed);
  return { docs: { network: tiny, scenario: m.doc }, what: `tiny scenario: ${m.what}` };
}

/** 'valid' when the inputs validate and run; 'invalid' when validation refuses them. Throws on anything else. */
function validateThenRun(docs: Case): 'valid' | 'invalid' {
  let inputs;
  try {
    const network = parseNetwork(docs.network, 'network.json');
    const scenario = parseScenario(docs.scenario, 'scenario.json', network);
    const extra = docs.breakers
      ? parseBreakers(docs.breakers, 'breakers.json', network, scenario.horizonSteps).breakers
      : [];
    inputs = { network, scenario, extra };
  } catch (e) {
    if (e instanceof InputError) return 'invalid';
    throw e;
  }
  runScenario(inputs.network, inputs.scenario, { extraBreakers: inputs.extra });
  return 'valid';
}

const SEEDS = Array.from({ length: 240 }, (_, i) => i + 1);

describe('fuzzing the shipped files through validation and a run', () => {
  const outcomes = { valid: 0, invalid: 0 };

  it.each(SEEDS)('seed %i: refused by validation, or runs to a reconciled end', (seed) => {
    const { docs, what } = fuzzCase(seed);
    let outcome: 'valid' | 'invalid';
    try {
      outcome = validateThenRun(docs);
    } catch (e) {
      throw new Error(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
    outcomes[outcome]++;
  });

  it('exercises both outcomes: some mutations are refused and some run', () => {
    expect(outcomes.valid).toBeGreaterThan(20);
    expect(outcomes.invalid).toBeGreaterThan(20);
  });
});

/** Runs the built binary with a deadline; the exit code, or the signal that ended it. */
function bin(args: string[]): { code: number | null; signal: string | null; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

describe('fuzzing through the built binary: validate and shock exit 0 or 2, and agree', () => {
  // Seeds whose mutation is refused and seeds whose mutation runs, among the cases above.
  it.each([3, 4, 9, 10, 11, 16, 17, 23])('seed %i', (seed) => {
    const { docs, what } = fuzzCase(seed);
    const dir = tempFiles({ 'network.json': docs.network, 'scenario.json': docs.scenario });
    const network = join(dir, 'network.json');
    const scenario = join(dir, 'scenario.json');
    const validate = bin(['validate', '--network', network, network, scenario]);
    const shock = bin(['shock', '--network', network, '--scenario', scenario]);
    for (const r of [validate, shock]) {
      expect({ what, signal: r.signal, code: [0, 2].includes(r.code!) }).toEqual({
        what,
        signal: null,
        code: true,
      });
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    expect({ what, shock: shock.code }).toEqual({ what, shock: validate.code });
  });
});
