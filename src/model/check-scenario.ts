// Checks of a scenario (and breakers) against the network it runs on: known ids, events within the horizon,
// triggers that can be evaluated.
import { checkDefences } from './check-defences';
import type { InputIssue } from './errors';
import { jsonPath, unhandled } from './errors';
import type { Network } from './network';
import type { BreakerParsed, ScenarioFileParsed } from './schema/scenario';

type Path = (string | number)[];
type Report = (path: Path, reason: string) => void;

interface Ids {
  assets: Set<string>;
  oracles: Set<string>;
  protocols: Set<string>;
  links: Set<string>;
}

function idsOf(net: Network): Ids {
  return {
    assets: new Set(net.assets.map((a) => a.id)),
    oracles: new Set(net.oracles.map((o) => o.id)),
    protocols: new Set(net.protocols.map((p) => p.id)),
    links: new Set(net.convertibility.flatMap((c) => (c.id === undefined ? [] : [c.id]))),
  };
}

function known(report: Report, ids: Set<string>, kind: string) {
  return (id: string, path: Path) => {
    if (!ids.has(id)) report(path, `unknown ${kind} "${id}" (not in the network)`);
  };
}

/** Every problem of a shape-valid scenario run on `net`, in document order. */
export function checkScenario(s: ScenarioFileParsed, net: Network, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const report: Report = (path, reason) => issues.push({ file, path: jsonPath(path), reason });
  const ids = idsOf(net);
  const asset = known(report, ids.assets, 'asset');
  const oracle = known(report, ids.oracles, 'oracle');
  const protocol = known(report, ids.protocols, 'protocol');
  const link = known(report, ids.links, 'link');

  s.events.forEach((e, i) => {
    const at: Path = ['events', i];
    if (e.atStep >= s.horizonSteps) {
      report([...at, 'atStep'], `step ${e.atStep} is after the horizon (steps 0 to ${s.horizonSteps - 1})`);
    }
    switch (e.type) {
      case 'price':
        asset(e.asset, [...at, 'asset']);
        break;
      case 'depth':
        asset(e.asset, [...at, 'asset']);
        break;
      case 'oracle-freeze':
      case 'oracle-stale':
      case 'oracle-manipulate':
        oracle(e.oracle, [...at, 'oracle']);
        break;
      case 'exploit': {
        protocol(e.protocol, [...at, 'protocol']);
        const forms = [e.lossUsd, e.share, e.holdings].filter((x) => x !== undefined).length;
        if (forms !== 1) report(at, 'an exploit needs exactly one of lossUsd, share or holdings');
        e.holdings?.forEach((h, k) => asset(h.asset, [...at, 'holdings', k, 'asset']));
        break;
      }
      case 'run':
        protocol(e.protocol, [...at, 'protocol']);
        break;
      case 'sale':
        asset(e.asset, [...at, 'asset']);
        if (e.venue !== undefined && ids.assets.has(e.asset)) {
          const venue = e.venue;
          if (!net.assets.find((a) => a.id === e.asset)?.pricedPerVenue)
            report([...at, 'venue'], `a sale on a venue needs "${e.asset}" priced per venue`);
          else if (!net.venues.some((v) => v.id === venue && v.liquidity.some((l) => l.asset === e.asset)))
            report([...at, 'venue'], `venue "${venue}" does not list "${e.asset}"`);
        }
        break;
      case 'link':
        link(e.link, [...at, 'link']);
        if (e.open === undefined && e.capacityPerDay === undefined && e.delaySec === undefined)
          report(at, 'a link event needs at least one of open, capacityPerDay or delaySec');
        if (e.open !== false && e.discount !== undefined)
          report([...at, 'discount'], 'a discount applies only while the link is closed ("open": false)');
        break;
      case 'chain':
        break; // names nothing in the network
      case 'borrow':
        if (!net.protocols.some((p) => p.markets.some((m) => m.id === e.market)))
          report([...at, 'market'], `unknown market "${e.market}" (not in the network)`);
        break;
      default:
        unhandled(e);
    }
  });
  issues.push(...checkBreakers(s.breakers, net, file, ['breakers'], s.horizonSteps));
  issues.push(...checkDefences(s, net, file));
  return issues;
}

/** Every problem of a list of breakers run on `net` over `horizonSteps`. */
export function checkBreakers(
  breakers: readonly BreakerParsed[],
  net: Network,
  file: string,
  at: Path,
  horizonSteps: number,
): InputIssue[] {
  const issues: InputIssue[] = [];
  const report: Report = (path, reason) => issues.push({ file, path: jsonPath(path), reason });
  const ids = idsOf(net);
  const asset = known(report, ids.assets, 'asset');
  const oracle = known(report, ids.oracles, 'oracle');
  const protocol = known(report, ids.protocols, 'protocol');
  const seen = new Set<string>();
  breakers.forEach((b, i) => {
    const bp: Path = [...at, i];
    if (seen.has(b.id)) report([...bp, 'id'], `duplicate breaker id "${b.id}"`);
    seen.add(b.id);
    const scope = b.scope === 'all' ? [...ids.protocols] : b.scope.protocols;
    if (b.scope !== 'all') b.scope.protocols.forEach((p, k) => protocol(p, [...bp, 'scope', 'protocols', k]));
    const t = b.trigger;
    const tp: Path = [...bp, 'trigger'];
    switch (t.kind) {
      case 'drawdown':
        asset(t.asset, [...tp, 'asset']);
        if (t.windowSteps > horizonSteps) {
          report(
            [...tp, 'windowSteps'],
            `a window of ${t.windowSteps} steps never fits in a horizon of ${horizonSteps}`,
          );
        }
        if (t.threshold === 0) report([...tp, 'threshold'], 'a zero threshold fires on every step');
        break;
      case 'oracle-deviation':
        if (t.oracle !== 'any') oracle(t.oracle, [...tp, 'oracle']);
        break;
      case 'bad-debt':
      case 'loss-ratio':
      case 'insurance-depletion':
        if (t.protocol !== 'any') protocol(t.protocol, [...tp, 'protocol']);
        if (t.kind === 'insurance-depletion') {
          const holders = net.protocols.filter(
            (p) =>
              (t.protocol === 'any' ? scope.includes(p.id) : p.id === t.protocol) && p.insuranceFundUsd.gt(0),
          );
          if (holders.length === 0)
            report(tp, 'no protocol it watches has an insurance fund, so it can never fire');
        }
        break;
      case 'failures':
        if (t.count > scope.length) {
          report([...tp, 'count'], `needs ${t.count} failures but the scope has ${scope.length} protocols`);
        }
        break;
      case 'liquidation-volume':
        if (t.windowSteps > horizonSteps) {
          report(
            [...tp, 'windowSteps'],
            `a window of ${t.windowSteps} steps never fits in a horizon of ${horizonSteps}`,
          );
        }
        break;
      case 'signal':
        if (t.protocol !== 'any') protocol(t.protocol, [...tp, 'protocol']);
        break;
      default:
        unhandled(t);
    }
    b.actions.forEach((a, k) => {
      if (a.kind === 'pause-trading' && a.asset !== undefined) asset(a.asset, [...bp, 'actions', k, 'asset']);
      if (a.kind === 'freeze-oracle' && a.oracle !== 'all') oracle(a.oracle, [...bp, 'actions', k, 'oracle']);
    });
  });
  return issues;
}
