// What a run says about a measured quantity: the run@1 field each quantity of contagion/expected@1 reads.
import type { RunResult } from '../../engine/result';
import type { QuantityParsed } from '../../model/schema/expected';

export type ModelValue = number | string[] | boolean;

/** The run@1 field a quantity reads, as a path (for the scorecard and docs/formats.md). */
export function readsField(q: QuantityParsed): string {
  switch (q.kind) {
    case 'bad-debt':
      return q.protocol ? `protocols[${q.protocol}].badDebtUsd` : 'summary.badDebtUsd';
    case 'liquidated':
      return q.protocol ? `protocols[${q.protocol}].liquidatedUsd` : 'summary.liquidatedUsd';
    case 'loss':
      return `protocols[${q.protocol}].lossUsd`;
    case 'min-price':
      return `assets[${q.asset}].minPriceUsd`;
    case 'max-price':
      return `series.priceUsd.${q.asset} (highest)`;
    case 'seized':
      return `assets[${q.asset}].seizedUsd`;
    case 'failed':
      return `protocols[*].status`;
    case 'order':
      return q.status === 'insolvent'
        ? 'protocols[*].firstInsolventStep, firstInsolventRound'
        : 'protocols[*].firstStressedStep, firstStressedRound';
    case 'adl-volume':
      return `perps[protocol = ${q.protocol}].adlVolumeUsd (summed)`;
    case 'pnl-collateral':
      return `perps[protocol = ${q.protocol}].loans.pnlCountedUsd (summed)`;
  }
}

function protocolOf(run: RunResult, id: string) {
  const p = run.protocols.find((x) => x.id === id);
  if (!p) throw new Error(`protocol ${id} is not in the run`);
  return p;
}

/** When a protocol first reached a status: its step and, within it, the clearing round; null if never. */
function failTime(run: RunResult, id: string, status: 'stressed' | 'insolvent'): [number, number] | null {
  const p = protocolOf(run, id);
  const step = status === 'insolvent' ? p.firstInsolventStep : p.firstStressedStep;
  const round = status === 'insolvent' ? p.firstInsolventRound : p.firstStressedRound;
  return step === null ? null : [step, round ?? 0];
}

function failed(run: RunResult, id: string, status: 'stressed' | 'insolvent'): boolean {
  const s = protocolOf(run, id).status;
  // A paper loss is no failure (docs/model.md §16): `stressed` counts stressed and insolvent only.
  return status === 'insolvent' ? s === 'insolvent' : s === 'stressed' || s === 'insolvent';
}

/** The model's value of a quantity in a finished run. */
export function readModelValue(q: QuantityParsed, run: RunResult): ModelValue {
  switch (q.kind) {
    case 'bad-debt':
      return Number(q.protocol ? protocolOf(run, q.protocol).badDebtUsd : run.summary.badDebtUsd);
    case 'liquidated':
      return Number(q.protocol ? protocolOf(run, q.protocol).liquidatedUsd : run.summary.liquidatedUsd);
    case 'loss':
      return Number(protocolOf(run, q.protocol).lossUsd);
    case 'min-price':
    case 'max-price': {
      const asset = run.assets.find((a) => a.id === q.asset);
      if (!asset) throw new Error(`asset ${q.asset} is not in the run`);
      if (q.kind === 'min-price') return asset.minPriceUsd;
      return Math.max(asset.initialPriceUsd, ...(run.series.priceUsd[q.asset] ?? []));
    }
    case 'seized': {
      const asset = run.assets.find((a) => a.id === q.asset);
      if (!asset) throw new Error(`asset ${q.asset} is not in the run`);
      return Number(asset.seizedUsd);
    }
    case 'failed':
      return q.protocols.filter((id) => failed(run, id, q.status)).sort();
    case 'order': {
      const a = failTime(run, q.first, q.status);
      const b = failTime(run, q.second, q.status);
      return a !== null && (b === null || a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]));
    }
    case 'adl-volume':
      protocolOf(run, q.protocol);
      return (run.perps ?? [])
        .filter((b) => b.protocol === q.protocol)
        .reduce((sum, b) => sum + Number(b.adlVolumeUsd), 0);
    case 'pnl-collateral':
      protocolOf(run, q.protocol);
      return (run.perps ?? [])
        .filter((b) => b.protocol === q.protocol)
        .reduce((sum, b) => sum + Number(b.loans?.pnlCountedUsd ?? 0), 0);
  }
}
