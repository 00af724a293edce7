// Cross-chain breakers (docs/model.md §24) on the hand-made two-chain network: an exploit drains 80% of the
// bridge escrow's 1000 ETH; without a breaker, holders of ETH.l2 redeem the remaining 200 ETH through the
// bridge's conversion link and the copy is worthless; a breaker that halts the bridge when its outflow is
// seen keeps the copy at 0.2 of ETH. Figures are hand-derived from the fixture's round numbers.
import { compareBreakers } from '../../src/analysis/breaker-test';
import { runScenario } from '../../src/engine/run';
import { InputError } from '../../src/model/errors';
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';
import { parseScenario, type Scenario } from '../../src/model/parse-scenario';
import type { BreakerParsed } from '../../src/model/schema/scenario';
import { renderBreakerComparison } from '../../src/report/breakers-text';
import { FIXTURES } from '../helpers/fixtures';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(FIXTURES, 'bridge-network.json');
const raw = () => JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, unknown>;
const net: Network = parseNetwork(raw(), FILE);
/** The same without the bridge's conversion link: nothing but the exploits moves the escrow. */
const noLink: Network = parseNetwork({ ...raw(), convertibility: [] }, FILE);

type Raw = Record<string, unknown>;

function scenario(breakers: Raw[], events?: Raw[], on = net): Scenario {
  return parseScenario(
    {
      format: 'contagion/scenario@1',
      name: 'portal exploit',
      stepSeconds: 12,
      horizonSteps: 40,
      events: events ?? [{ type: 'bridge-exploit', bridge: 'portal', atStep: 3, share: 0.8 }],
      breakers,
    },
    'portal.json',
    on,
  );
}

const portalHalt = {
  id: 'portal-halt',
  scope: { bridge: 'portal' },
  trigger: { kind: 'bridge-outflow', bridge: 'portal', thresholdShare: 0.25 },
  actions: [{ kind: 'pause-withdrawals' }],
  durationSteps: 100,
};
const l2Pause = {
  id: 'l2-pause',
  scope: { chain: 'l2' },
  trigger: { kind: 'depeg', asset: 'ETH', chain: 'l2', threshold: 0.05 },
  actions: [{ kind: 'pause-liquidations' }],
  durationSteps: 100,
};

/** The steps at which each breaker switched on, in a run with only the given breakers. */
function firings(breakers: Raw[], events?: Raw[], on = net): [string, number][] {
  const s = scenario(breakers, events, on);
  return runScenario(on, s).breakerActivations.map((a) => [a.breaker, a.startStep]);
}

describe('cross-chain breakers on a bridge exploit', () => {
  const s = scenario([portalHalt, l2Pause]);
  const c = compareBreakers(net, s, s.breakers as BreakerParsed[]);
  const run = (label: string) => c.runs.find((r) => r.label === label)!;

  it('the outflow breaker fires at the exploit step, the depeg breaker one step later', () => {
    // Step 3: the escrow holds 200 of its 1000 ETH, an outflow of 0.8 >= 0.25, seen by stage 4 of that step.
    expect(firings([portalHalt])).toEqual([['portal-halt', 3]]);
    // The copy's price falls in the pegs stage of step 3, after the breakers; stage 4 of step 4 sees it.
    expect(firings([l2Pause])).toEqual([['l2-pause', 4]]);
  });

  it('without a breaker the copy is drained to nothing: the lender keeps 900,000 USD of bad debt in its loans', () => {
    const none = run('none');
    expect(none.worstPrice).toEqual({ asset: 'ETH.l2', minPriceUsd: 0, maxDrawdown: 1 });
    // Debts 800,000 + 100,000 USDC against worthless collateral.
    expect(none.latentBadDebtUsd).toBe(900_000);
    expect(none.badDebtUsd).toBe(0);
    expect(none.stopped).toEqual([]);
  });

  it('halting the bridge and pausing l2 liquidations keeps the copy at 600 USD and the latent bad debt at 600,000', () => {
    const all = run('all');
    // 200 ETH left for 1000 ETH.l2: 0.2 x 3000 = 600 USD.
    expect(all.worstPrice).toEqual({ asset: 'ETH.l2', minPriceUsd: 600, maxDrawdown: 0.8 });
    // (800,000 - 400 x 600) + (100,000 - 100 x 600) = 560,000 + 40,000.
    expect(all.latentBadDebtUsd).toBe(600_000);
    expect(all.badDebtUsd).toBe(0);
    expect(all.liquidatedUsd).toBe(0);
    expect(all.stopped).toEqual(['bridge:portal', 'l2-lender', 'l2-vault', 'portal-escrow']);
  });

  it('the bridge halt alone lets liquidations run at the lower copy price: less bad debt than without a breaker', () => {
    const halt = run('portal-halt');
    expect(halt.stopped).toEqual(['bridge:portal', 'portal-escrow']);
    expect(halt.liquidatedUsd).toBeGreaterThan(0);
    expect(halt.worstPrice!.minPriceUsd).toBeGreaterThan(0);
    expect(halt.worstPrice!.minPriceUsd).toBeLessThan(600);
    expect(halt.badDebtUsd + halt.latentBadDebtUsd).toBeLessThan(900_000);
    // The depeg breaker alone pauses liquidations of collateral already worthless: nothing changes but who is stopped.
    const pause = run('l2-pause');
    expect(pause.stopped).toEqual(['l2-lender', 'l2-vault']);
    expect(pause.latentBadDebtUsd).toBe(900_000);
  });

  it('one table shows bad debt, latent bad debt and who was stopped', () => {
    const text = renderBreakerComparison(c);
    expect(text).toMatch(/latent bad debt/);
    expect(text).toMatch(/stopped/);
    expect(text).toMatch(/bridge:portal, l2-lender, l2-vault, portal-escrow/);
  });

  it('a chain scope halts the links run on it: the l1 chain halts the portal (its escrow runs there)', () => {
    const l1Halt = { ...portalHalt, id: 'l1-halt', scope: { chain: 'l1' } };
    const price = (b: Raw) => runScenario(net, scenario([b])).summary.worstPrices[0]!.minPriceUsd;
    expect(price(l1Halt)).toBe(price(portalHalt));
    expect(price(l1Halt)).toBeGreaterThan(0);
  });
});

describe('the bridge-outflow trigger', () => {
  const usd = (thresholdUsd: string) => ({
    ...portalHalt,
    trigger: { kind: 'bridge-outflow', bridge: 'portal', thresholdUsd },
  });
  it('fires on the USD outflow of the step: 800 ETH x 3000 = 2,400,000', () => {
    expect(firings([usd('2400000')])).toEqual([['portal-halt', 3]]);
    expect(firings([usd('2400001')])).toEqual([]);
  });

  it('sums the outflow over its window: three drains of 10% are 27.1% over five steps, 10% in one', () => {
    const drains = [3, 4, 5].map((atStep) => ({
      type: 'bridge-exploit',
      bridge: 'portal',
      atStep,
      share: 0.1,
    }));
    const share = (windowSteps: number) => ({
      ...portalHalt,
      trigger: { kind: 'bridge-outflow', bridge: 'portal', thresholdShare: 0.25, windowSteps },
    });
    // Without the link no holder redeems: 1000 -> 900 -> 810 -> 729, over five steps 271 / 1000 at step 5
    // (190 / 1000 at step 4).
    expect(firings([share(5)], drains, noLink)).toEqual([['portal-halt', 5]]);
    expect(firings([share(1)], drains, noLink)).toEqual([]);
  });
});

describe('cross-chain breakers are checked against the network', () => {
  const issues = (b: Raw): string[] => {
    try {
      scenario([b]);
    } catch (e) {
      if (e instanceof InputError) return e.issues.map((i) => `${i.path}: ${i.reason}`);
      throw e;
    }
    return [];
  };
  it('names the unknown chain or bridge of a scope', () => {
    expect(issues({ ...portalHalt, scope: { chain: 'l3' } })).toEqual([
      '$.breakers[0].scope.chain: unknown chain "l3" (not in the network)',
    ]);
    expect(issues({ ...portalHalt, scope: { bridge: 'wormhole' } })).toEqual([
      '$.breakers[0].scope.bridge: unknown bridge "wormhole" (not in the network)',
    ]);
  });
  it('needs exactly one threshold of a bridge outflow', () => {
    expect(
      issues({
        ...portalHalt,
        trigger: { kind: 'bridge-outflow', bridge: 'portal', thresholdShare: 0.1, thresholdUsd: '5' },
      }),
    ).toEqual([
      '$.breakers[0].trigger: a bridge-outflow trigger needs exactly one of thresholdUsd or thresholdShare',
    ]);
  });
  it('a depeg on a chain needs a bridge issuing a copy there, and a peg', () => {
    expect(
      issues({ ...l2Pause, trigger: { kind: 'depeg', asset: 'USDC', chain: 'l2', threshold: 0.05 } }),
    ).toEqual(['$.breakers[0].trigger.asset: no bridge issues a copy of "USDC" on chain "l2"']);
    expect(issues({ ...l2Pause, trigger: { kind: 'depeg', asset: 'ETH', threshold: 0.05 } })).toEqual([
      '$.breakers[0].trigger.asset: "ETH" has no peg, so it cannot depeg',
    ]);
  });
});
