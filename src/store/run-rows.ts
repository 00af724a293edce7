// A run document as rows for Neo4j: the (:Run) node, IMPACTED results, the events paths start from, CONTAGION hops.
import { createHash } from 'node:crypto';
import { int } from 'neo4j-driver';
import { InternalError } from '../model/errors';
import type { NodeLabel } from '../model/graph';
import type { Props } from './network-rows';
import type { RunDocument } from '../model/schema/run';

export interface TargetRow {
  id: string;
  props: Props;
}

export interface HopRow {
  fromLabel: string;
  fromId: string;
  toLabel: string;
  toId: string;
  props: Props;
}

export interface RunRows {
  id: string;
  run: Props;
  protocols: TargetRow[];
  markets: TargetRow[];
  assets: TargetRow[];
  events: Props[];
  hops: HopRow[];
}

/** A stable id for a run: the same document (same inputs and seed) always gets the same id. */
export function runIdOf(run: RunDocument): string {
  return 'run-' + createHash('sha256').update(JSON.stringify(run)).digest('hex').slice(0, 12);
}

/** A USD string with its float shadow. */
const usd = (name: string, value: string): Props => ({ [name]: value, [`${name}F`]: Number(value) });
const nonZero = (value: string) => Number(value) !== 0;
const stepOrNothing = (name: string, step: number | null): Props =>
  step === null ? {} : { [name]: int(step) };
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Labels of the nodes a path hop may name, by the prefix of its `kind:id` name (events are the run's own). */
export const HOP_LABELS: Record<string, NodeLabel | 'Event'> = {
  asset: 'Asset',
  protocol: 'Protocol',
  market: 'Market',
  oracle: 'Oracle',
  venue: 'Venue',
  event: 'Event',
};

export function runRows(doc: RunDocument, id: string = runIdOf(doc)): RunRows {
  const s = doc.summary;
  const run: Props = {
    id,
    format: doc.format,
    network: doc.network.name,
    networkAsOf: doc.network.asOf,
    scenario: doc.scenario.name,
    stepSeconds: doc.scenario.stepSeconds,
    horizonSteps: int(doc.scenario.horizonSteps),
    stepsRun: int(doc.scenario.stepsRun),
    seed: int(doc.scenario.seed),
    breakers: doc.breakers,
    ...usd('badDebtUsd', s.badDebtUsd),
    ...usd('liquidatedUsd', s.liquidatedUsd),
    ...usd('lossUsd', s.lossUsd),
    insolventProtocols: s.insolventProtocols,
    stressedProtocols: s.stressedProtocols,
    insolventCount: int(s.insolventProtocols.length),
    stressedCount: int(s.stressedProtocols.length),
    ...usd('liquidityFrozenPeakUsd', s.liquidityFrozenPeakUsd),
    ...usd('unprofitablePeakUsd', s.unprofitablePeakUsd),
    ...usd('throttledPeakUsd', s.throttledPeakUsd),
    worstPricesJson: JSON.stringify(s.worstPrices),
    breakerActivationsJson: JSON.stringify(doc.breakerActivations),
  };

  const protocols = doc.protocols
    .filter(
      (p) =>
        p.status !== 'healthy' || nonZero(p.lossUsd) || nonZero(p.badDebtUsd) || nonZero(p.liquidatedUsd),
    )
    .map((p) => ({
      id: p.id,
      props: {
        run: id,
        status: p.status,
        ...stepOrNothing('firstStressedStep', p.firstStressedStep),
        ...stepOrNothing('firstInsolventStep', p.firstInsolventStep),
        ...stepOrNothing('firstStressedRound', p.firstStressedRound),
        ...stepOrNothing('firstInsolventRound', p.firstInsolventRound),
        ...usd('equityStartUsd', p.equityStartUsd),
        ...usd('equityEndUsd', p.equityEndUsd),
        ...usd('lossUsd', p.lossUsd),
        ...usd('badDebtUsd', p.badDebtUsd),
        ...usd('liquidatedUsd', p.liquidatedUsd),
        recovery: p.recovery,
        ...usd('insuranceFundUsedUsd', p.insuranceFundUsedUsd),
        ...Object.assign(
          {},
          ...Object.entries(p.lossByChannel).map(([c, v]) => usd(`loss${capitalised(c)}Usd`, v)),
        ),
      },
    }));
  const markets = doc.markets
    .filter((m) => nonZero(m.liquidatedUsd) || nonZero(m.badDebtUsd))
    .map((m) => ({
      id: m.id,
      props: {
        run: id,
        protocol: m.protocol,
        ...usd('liquidatedUsd', m.liquidatedUsd),
        ...usd('badDebtUsd', m.badDebtUsd),
      },
    }));
  const assets = doc.assets
    .filter((a) => a.maxDrawdown > 0 || a.finalPriceUsd !== a.initialPriceUsd || nonZero(a.seizedUsd))
    .map((a) => ({
      id: a.id,
      props: {
        run: id,
        initialPriceUsd: a.initialPriceUsd,
        finalPriceUsd: a.finalPriceUsd,
        minPriceUsd: a.minPriceUsd,
        maxDrawdown: a.maxDrawdown,
        ...usd('seizedUsd', a.seizedUsd),
      },
    }));

  const events = new Map<string, Props>();
  const end = (name: string) => {
    const colon = name.indexOf(':');
    const label = HOP_LABELS[name.slice(0, colon)];
    if (colon < 0 || !label) throw new InternalError(`a contagion path names an unknown node "${name}"`);
    const key = name.slice(colon + 1);
    if (label !== 'Event') return { label, id: key };
    const eventId = `${id}/${name}`;
    events.set(eventId, { id: eventId, run: id, index: int(Number(key)) });
    return { label, id: eventId };
  };
  const hops: HopRow[] = doc.failures.flatMap((f) =>
    f.path.map((h, hop) => {
      const a = end(h.from);
      const b = end(h.to);
      return {
        fromLabel: a.label,
        fromId: a.id,
        toLabel: b.label,
        toId: b.id,
        props: {
          run: id,
          failure: f.protocol,
          failureStatus: f.status,
          failureStep: int(f.step),
          hop: int(hop),
          step: int(h.step),
          channel: h.channel,
          amountUsd: h.amountUsd.toFixed(2),
          amountUsdF: h.amountUsd,
          priceChange: h.priceChange,
        },
      };
    }),
  );
  return { id, run, protocols, markets, assets, events: [...events.values()], hops };
}
