// Checks of a scenario (and breakers) against the network it runs on: known ids, events within the horizon,
// triggers that can be evaluated.
import { depegAsset, scopeProtocolIds } from './breaker-scope';
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
  chains: Set<string>;
  bridges: Set<string>;
}

function idsOf(net: Network): Ids {
  return {
    assets: new Set(net.assets.map((a) => a.id)),
    oracles: new Set(net.oracles.map((o) => o.id)),
    protocols: new Set(net.protocols.map((p) => p.id)),
    links: new Set(net.convertibility.flatMap((c) => (c.id === undefined ? [] : [c.id]))),
    chains: new Set((net.chains ?? []).map((c) => c.id)),
    bridges: new Set((net.bridges ?? []).map((b) => b.id)),
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
  const chain = known(report, ids.chains, 'chain');
  const bridge = known(report, ids.bridges, 'bridge');

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
      case 'buy':
        asset(e.asset, [...at, 'asset']);
        if (e.venue !== undefined && ids.assets.has(e.asset)) {
          const venue = e.venue;
          if (!net.assets.find((a) => a.id === e.asset)?.pricedPerVenue)
            report([...at, 'venue'], `a ${e.type} on a venue needs "${e.asset}" priced per venue`);
          else if (!net.venues.some((v) => v.id === venue && v.liquidity.some((l) => l.asset === e.asset)))
            report([...at, 'venue'], `venue "${venue}" does not list "${e.asset}"`);
        }
        break;
      case 'perp-borrow':
        checkBorrow(e, net, at, report, asset);
        break;
      case 'link':
        link(e.link, [...at, 'link']);
        if (e.open === undefined && e.capacityPerDay === undefined && e.delaySec === undefined)
          report(at, 'a link event needs at least one of open, capacityPerDay or delaySec');
        if (e.open !== false && e.discount !== undefined)
          report([...at, 'discount'], 'a discount applies only while the link is closed ("open": false)');
        break;
      case 'chain':
        if (e.chain !== undefined) chain(e.chain, [...at, 'chain']);
        break;
      case 'bridge-exploit':
        bridge(e.bridge, [...at, 'bridge']);
        if ((e.share === undefined) === (e.amount === undefined))
          report(at, 'a bridge exploit needs exactly one of share or amount');
        break;
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
  const chain = known(report, ids.chains, 'chain');
  const bridge = known(report, ids.bridges, 'bridge');
  const seen = new Set<string>();
  breakers.forEach((b, i) => {
    const bp: Path = [...at, i];
    if (seen.has(b.id)) report([...bp, 'id'], `duplicate breaker id "${b.id}"`);
    seen.add(b.id);
    const scope = scopeProtocolIds(net, b.scope);
    const sc = b.scope;
    if (sc === 'all') {
      // every protocol
    } else if ('protocols' in sc)
      sc.protocols.forEach((p, k) => protocol(p, [...bp, 'scope', 'protocols', k]));
    else if ('chain' in sc) chain(sc.chain, [...bp, 'scope', 'chain']);
    else if ('bridge' in sc) bridge(sc.bridge, [...bp, 'scope', 'bridge']);
    else unhandled(sc);
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
      case 'bridge-outflow':
        bridge(t.bridge, [...tp, 'bridge']);
        if ((t.thresholdUsd === undefined) === (t.thresholdShare === undefined))
          report(tp, 'a bridge-outflow trigger needs exactly one of thresholdUsd or thresholdShare');
        if (t.windowSteps > horizonSteps) {
          report(
            [...tp, 'windowSteps'],
            `a window of ${t.windowSteps} steps never fits in a horizon of ${horizonSteps}`,
          );
        }
        break;
      case 'depeg': {
        if (t.chain !== undefined) chain(t.chain, [...tp, 'chain']);
        const watched = depegAsset(net, t.asset, t.chain);
        if ('reason' in watched && (t.chain === undefined || ids.chains.has(t.chain)))
          report([...tp, 'asset'], watched.reason);
        if (t.threshold === 0) report([...tp, 'threshold'], 'a zero threshold fires on every step');
        break;
      }
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

/** A perp-borrow event (docs/model.md §15.8): a lending perp book, one cohort of that label, assets its venue holds. */
function checkBorrow(
  e: Extract<ScenarioFileParsed['events'][number], { type: 'perp-borrow' }>,
  net: Network,
  at: Path,
  report: Report,
  asset: (id: string, path: Path) => void,
): void {
  const found = net.protocols.flatMap((p) =>
    (p.perps ?? []).filter((b) => b.id === e.book).map((b) => ({ p, b })),
  );
  const hit = found[0];
  if (!hit) report([...at, 'book'], `unknown perp book "${e.book}" (not in the network)`);
  else if (!hit.b.lending)
    report([...at, 'book'], `perp book "${e.book}" does not lend (it has no "lending")`);
  else {
    const n = hit.b.cohorts.filter((c) => c.label === e.cohort).length;
    if (n !== 1)
      report(
        [...at, 'cohort'],
        n === 0
          ? `perp book "${e.book}" has no cohort labelled "${e.cohort}"`
          : `perp book "${e.book}" has ${n} cohorts labelled "${e.cohort}"`,
      );
  }
  e.assets.forEach((id, k) => {
    asset(id, [...at, 'assets', k]);
    if (hit && !hit.p.holdings.some((h) => h.asset === id))
      report([...at, 'assets', k], `"${hit.p.id}" holds no "${id}" to lend`);
  });
}
