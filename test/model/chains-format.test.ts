// The chains and bridges of a network (docs/model.md §23): a valid two-chain variant of the tiny network
// parses, and each broken reference is one input error at its JSON path.
import type { InputIssue } from '../../src/model/errors';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenarioShape } from '../../src/model/parse-scenario';
import { checkScenario } from '../../src/model/check-scenario';
import { tinyRaw } from '../helpers/fixtures';
import { rejectionIssues } from '../helpers/input-issues';

type Raw = Record<string, any>;

/** The tiny network on two chains: an escrow on l1 holds 100 USDC and issues 100 USDC.l2 on l2. */
export function twoChainRaw(): Raw {
  const r = tinyRaw();
  r.chains = [
    { id: 'l1', blockTimeSec: 12, finalitySec: 900 },
    { id: 'l2', blockTimeSec: 2, finalitySec: 604800 },
  ];
  r.assets.push({ id: 'USDC.l2', priceUsd: '1', chain: 'l2', peg: { target: 'USDC', issuer: 'bridge' } });
  r.protocols.push({
    id: 'bridge',
    kind: 'bridge',
    holdings: [{ asset: 'USDC', amount: '100' }],
    issues: [{ asset: 'USDC.l2', supply: '100' }],
  });
  r.bridges = [
    {
      id: 'l2-usdc',
      from: 'l1',
      to: 'l2',
      canonical: 'USDC',
      copy: 'USDC.l2',
      escrow: 'bridge',
      delaySec: 604800,
    },
  ];
  return r;
}

function issuesOf(raw: Raw): InputIssue[] {
  return rejectionIssues(() => parseNetwork(raw, 'broken.json'));
}

describe('chains and bridges in a network', () => {
  it('a two-chain network with a bridge parses; absent chains are the first chain', () => {
    const net = parseNetwork(twoChainRaw(), 'two.json');
    expect(net.chains?.map((c) => c.id)).toEqual(['l1', 'l2']);
    expect(net.bridges?.[0]?.escrow).toBe('bridge');
    expect(net.assets.find((a) => a.id === 'USDC')?.chain).toBeUndefined();
  });

  const cases: [string, (r: Raw) => void, string, RegExp][] = [
    [
      'unknown chain of an asset',
      (r) => (r.assets[0].chain = 'l9'),
      '$.assets[0].chain',
      /unknown chain "l9"/,
    ],
    [
      'unknown chain of a protocol',
      (r) => (r.protocols[3].chain = 'solana'),
      '$.protocols[3].chain',
      /unknown chain "solana"/,
    ],
    ['unknown chain of a bridge', (r) => (r.bridges[0].to = 'l3'), '$.bridges[0].to', /unknown chain "l3"/],
    [
      'a copy on the wrong chain',
      (r) => (r.assets[5].chain = 'l1'),
      '$.bridges[0].copy',
      /copy "USDC.l2" lives on chain "l1", not on "l2"/,
    ],
    [
      'a canonical on the wrong chain',
      (r) => (r.assets[1].chain = 'l2'),
      '$.bridges[0].canonical',
      /canonical "USDC" lives on chain "l2", not on "l1"/,
    ],
    [
      'a copy not pegged to the canonical',
      (r) => (r.assets[5].peg.target = 'USD'),
      '$.bridges[0].copy',
      /must be pegged to the canonical "USDC"/,
    ],
    [
      'an escrow that is not a bridge',
      (r) => (r.protocols[5].kind = 'vault'),
      '$.bridges[0].escrow',
      /must be a protocol of kind "bridge"/,
    ],
    [
      'a bridge id that is also a link id',
      (r) => (r.convertibility[0].id = 'l2-usdc'),
      '$.bridges[0].id',
      /bridge id "l2-usdc" is also a convertibility link id/,
    ],
    [
      'an escrow on the destination chain',
      (r) => (r.protocols[5].chain = 'l2'),
      '$.bridges[0].escrow',
      /escrow "bridge" lives on chain "l2", not on "l1"/,
    ],
    [
      'an unknown escrow',
      (r) => (r.bridges[0].escrow = 'nobody'),
      '$.bridges[0].escrow',
      /unknown protocol "nobody"/,
    ],
  ];
  it.each(cases)('%s', (_name, breakIt, path, reason) => {
    const r = twoChainRaw();
    breakIt(r);
    const issues = issuesOf(r);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'broken.json', path });
    expect(issues[0]!.reason).toMatch(reason);
  });

  it('a chain named in a network without chains is an error', () => {
    const r = tinyRaw();
    r.assets[0].chain = 'ethereum';
    const issues = issuesOf(r);
    expect(issues).toEqual([
      expect.objectContaining({ path: '$.assets[0].chain', reason: expect.stringMatching(/no `chains`/) }),
    ]);
  });
});

describe('chain and bridge scenario events', () => {
  const net = parseNetwork(twoChainRaw(), 'two.json');
  const scenario = (events: unknown[]) =>
    parseScenarioShape(
      { format: 'contagion/scenario@1', name: 's', stepSeconds: 12, horizonSteps: 10, events },
      's.json',
    );
  it('an unknown bridge and an unknown chain are named at their paths', () => {
    const s = scenario([
      { type: 'bridge-exploit', bridge: 'nope', atStep: 1, share: 0.5 },
      {
        type: 'chain',
        chain: 'l7',
        atStep: 1,
        blockTimeSec: 12,
        inclusionDelaySecPerLevel: 0,
        congestion: { levels: [2] },
      },
    ]);
    const issues = checkScenario(s, net, 's.json');
    expect(issues.map((i) => [i.path, i.reason])).toEqual([
      ['$.events[0].bridge', 'unknown bridge "nope" (not in the network)'],
      ['$.events[1].chain', 'unknown chain "l7" (not in the network)'],
    ]);
  });
  it('a bridge exploit needs exactly one of share or amount', () => {
    const s = scenario([{ type: 'bridge-exploit', bridge: 'l2-usdc', atStep: 1, share: 0.5, amount: '3' }]);
    expect(checkScenario(s, net, 's.json').map((i) => i.reason)).toEqual([
      'a bridge exploit needs exactly one of share or amount',
    ]);
  });
});
