// Checks of a scenario's dynamic margins and controllers (docs/model.md §20) against the network they run on:
// known markets and oracles, one setter of each kind per market, bounds in order, failures that apply.
import { type InputIssue, jsonPath, unhandled } from './errors';
import type { Network } from './network';
import type { ScenarioFileParsed } from './schema/scenario';

type Path = (string | number)[];

/** Every problem of the scenario's dynamic margins and controllers, in document order. */
export function checkDefences(s: ScenarioFileParsed, net: Network, file: string): InputIssue[] {
  const issues: InputIssue[] = [];
  const report = (path: Path, reason: string) => issues.push({ file, path: jsonPath(path), reason });
  const markets = new Set(net.protocols.flatMap((p) => p.markets.map((m) => m.id)));
  const oracles = new Set(net.oracles.map((o) => o.id));
  const links = new Set(net.convertibility.flatMap((l) => (l.id === undefined ? [] : [l.id])));
  const market = (id: string, path: Path) => {
    if (!markets.has(id)) report(path, `unknown market "${id}" (not in the network)`);
  };
  const oracle = (id: string, path: Path) => {
    if (!oracles.has(id)) report(path, `unknown oracle "${id}" (not in the network)`);
  };
  const bounds = (floor: number, ceiling: number, at: Path) => {
    if (floor > ceiling) report([...at, 'floor'], `floor ${floor} is above ceiling ${ceiling}`);
  };
  const window = (atStep: number, path: Path) => {
    if (atStep >= s.horizonSteps)
      report(path, `step ${atStep} is after the horizon (steps 0 to ${s.horizonSteps - 1})`);
  };

  const marginIds = new Set<string>();
  const marginOf = new Map<string, number>();
  s.dynamicMargins.forEach((d, i) => {
    const at: Path = ['dynamicMargins', i];
    if (marginIds.has(d.id)) report([...at, 'id'], `duplicate dynamic margin id "${d.id}"`);
    marginIds.add(d.id);
    market(d.market, [...at, 'market']);
    const other = marginOf.get(d.market);
    if (other !== undefined)
      report(
        [...at, 'market'],
        `market "${d.market}" already has a dynamic margin (dynamicMargins[${other}])`,
      );
    else marginOf.set(d.market, i);
    bounds(d.floor, d.ceiling, at);
  });

  const controllerIds = new Set<string>();
  const controllerOf = new Map<string, string>();
  s.controllers.forEach((c, i) => {
    const at: Path = ['controllers', i];
    if (controllerIds.has(c.id)) report([...at, 'id'], `duplicate controller id "${c.id}"`);
    controllerIds.add(c.id);
    oracle(c.signal.oracle, [...at, 'signal', 'oracle']);
    if (c.signal.kind === 'drawdown' && c.signal.windowSteps > s.horizonSteps)
      report(
        [...at, 'signal', 'windowSteps'],
        `a window of ${c.signal.windowSteps} steps never fits in a horizon of ${s.horizonSteps}`,
      );
    c.markets.forEach((m, k) => {
      market(m, [...at, 'markets', k]);
      const other = controllerOf.get(m);
      if (other !== undefined)
        report([...at, 'markets', k], `market "${m}" is already set by controller "${other}"`);
      else controllerOf.set(m, c.id);
    });
    const levels = new Set<number>();
    c.rules.forEach((r, k) => {
      if (levels.has(r.above))
        report([...at, 'rules', k, 'above'], `two rules apply at the same level ${r.above}`);
      levels.add(r.above);
      r.actions.forEach((a, j) => {
        const ap: Path = [...at, 'rules', k, 'actions', j];
        switch (a.kind) {
          case 'pause-market':
            if (a.market !== undefined && !c.markets.includes(a.market))
              report([...ap, 'market'], `market "${a.market}" is not one of the controller's markets`);
            break;
          case 'suspend-link':
            if (!links.has(a.link)) report([...ap, 'link'], `unknown link "${a.link}" (not in the network)`);
            break;
          default:
            unhandled(a);
        }
      });
    });
    bounds(c.floor, c.ceiling, at);
    const kinds = new Set<string>();
    c.failures.forEach((f, k) => {
      const fp: Path = [...at, 'failures', k];
      if (kinds.has(f.kind)) report([...fp, 'kind'], `failure "${f.kind}" is given twice`);
      kinds.add(f.kind);
      if (f.kind === 'wrong-model' && c.signal.kind !== 'volatility')
        report([...fp, 'kind'], `a wrong volatility model needs a volatility signal, not "${c.signal.kind}"`);
      if (f.kind === 'stale' || f.kind === 'manipulated') window(f.atStep, [...fp, 'atStep']);
    });
  });
  return issues;
}
