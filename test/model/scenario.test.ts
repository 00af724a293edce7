// Scenario and breaker files: shape, defaults, and checks against the network they run on.
import { InputError, type InputIssue } from '../../src/model/errors';
import { parseBreakers, parseScenario } from '../../src/model/parse-scenario';
import { tinyNetwork } from '../helpers/fixtures';

type Raw = Record<string, any>;

const scenario = (): Raw => ({
  format: 'contagion/scenario@1',
  name: 'gap',
  stepSeconds: 12,
  horizonSteps: 100,
  events: [
    { type: 'price', asset: 'ETH', atStep: 1, path: { shape: 'gap', change: -0.3 } },
    { type: 'depth', asset: 'stETH', atStep: 0, multiplier: 0.2 },
    { type: 'oracle-stale', oracle: 'eth-usd', atStep: 0, extraLatencySec: 120 },
    { type: 'exploit', protocol: 'vault', atStep: 5, lossUsd: '50' },
  ],
  breakers: [
    {
      id: 'pause',
      trigger: { kind: 'oracle-deviation', threshold: 0.05 },
      actions: [{ kind: 'pause-liquidations' }],
      durationSteps: 25,
    },
  ],
});

function issuesOf(raw: Raw): InputIssue[] {
  try {
    parseScenario(raw, 's.json', tinyNetwork());
  } catch (e) {
    if (e instanceof InputError) return [...e.issues];
    throw e;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario files', () => {
  it('refuses a depth multiplier below 1e-9, where a flow would move a price without bound', () => {
    const raw = scenario();
    raw.events[1].multiplier = 1e-18;
    const issues = issuesOf(raw);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('$.events[1].multiplier');
    raw.events[1].multiplier = 1e-9;
    expect(() => parseScenario(raw, 's.json', tinyNetwork())).not.toThrow();
  });

  it('parses a valid scenario and fills defaults', () => {
    const s = parseScenario(scenario(), 's.json', tinyNetwork());
    expect(s.seed).toBe(0);
    expect(s.quietSteps).toBe(0);
    expect(s.breakers[0]!.scope).toBe('all');
    expect(s.breakers[0]!.cooldownSteps).toBe(0);
    const t = s.breakers[0]!.trigger;
    expect(t.kind === 'oracle-deviation' && t.oracle).toBe('any');
  });

  const cases: [string, (r: Raw) => void, string, RegExp][] = [
    ['unknown asset', (r) => (r.events[0].asset = 'BTC'), '$.events[0].asset', /unknown asset "BTC"/],
    ['unknown oracle', (r) => (r.events[2].oracle = 'x'), '$.events[2].oracle', /unknown oracle "x"/],
    ['unknown protocol', (r) => (r.events[3].protocol = 'x'), '$.events[3].protocol', /unknown protocol "x"/],
    [
      'unknown link',
      (r) => r.events.push({ type: 'link', link: 'circle-usdc', open: false, atStep: 0 }),
      '$.events[4].link',
      /unknown link "circle-usdc"/,
    ],
    [
      'discount on a link event that opens the link',
      (r) => r.events.push({ type: 'link', link: 'circle-usdc', open: true, atStep: 0, discount: 0.05 }),
      '$.events[4].discount',
      /only while the link is closed/,
    ],
    [
      'discount of a closed link of 1 or more',
      (r) => r.events.push({ type: 'link', link: 'circle-usdc', open: false, atStep: 0, discount: 1 }),
      '$.events[4].discount',
      /\[0, 1\)/,
    ],
    ['event after the horizon', (r) => (r.events[0].atStep = 100), '$.events[0].atStep', /after the horizon/],
    ['zero step length', (r) => (r.stepSeconds = 0), '$.stepSeconds', /must be positive/],
    ['negative step length', (r) => (r.stepSeconds = -12), '$.stepSeconds', /must be positive/],
    ['fractional horizon', (r) => (r.horizonSteps = 10.5), '$.horizonSteps', /whole number/],
    ['non-integer seed', (r) => (r.seed = 1.5), '$.seed', /integer/],
    [
      'price below zero',
      (r) => (r.events[0].path.change = -1.5),
      '$.events[0].path.change',
      /more than 100%/,
    ],
    ['unknown event type', (r) => (r.events[0].type = 'meteor'), '$.events[0].type', /must be one of/],
    ['exploit with two forms', (r) => (r.events[3].share = 0.5), '$.events[3]', /exactly one of/],
    [
      'breaker window longer than the horizon',
      (r) => (r.breakers[0].trigger = { kind: 'drawdown', asset: 'ETH', threshold: 0.05, windowSteps: 500 }),
      '$.breakers[0].trigger.windowSteps',
      /never fits/,
    ],
    [
      'breaker needing more failures than its scope has',
      (r) => {
        r.breakers[0].scope = { protocols: ['lender'] };
        r.breakers[0].trigger = { kind: 'failures', status: 'insolvent', count: 2 };
      },
      '$.breakers[0].trigger.count',
      /scope has 1/,
    ],
    [
      'breaker watching insurance funds nobody has',
      (r) => (r.breakers[0].trigger = { kind: 'insurance-depletion', protocol: 'vault', threshold: 0.5 }),
      '$.breakers[0].trigger',
      /never fire/,
    ],
    [
      'breaker freezing an unknown oracle',
      (r) => (r.breakers[0].actions = [{ kind: 'freeze-oracle', oracle: 'x' }]),
      '$.breakers[0].actions[0].oracle',
      /unknown oracle/,
    ],
    [
      'duplicate breaker id',
      (r) => r.breakers.push({ ...r.breakers[0] }),
      '$.breakers[1].id',
      /duplicate breaker id/,
    ],
  ];

  it.each(cases)('%s', (_name, breakIt, path, reason) => {
    const raw = scenario();
    breakIt(raw);
    const hit = issuesOf(raw).find((i) => i.path === path);
    expect(hit).toBeDefined();
    expect(hit!.reason).toMatch(reason);
  });

  it('validates a breakers file on its own', () => {
    const file = { format: 'contagion/breakers@1', breakers: scenario().breakers };
    expect(parseBreakers(file, 'b.json', tinyNetwork(), 100).breakers).toHaveLength(1);
    expect(() => parseBreakers({ ...file, breakers: [] }, 'b.json', tinyNetwork(), 100)).toThrow(InputError);
  });
});
