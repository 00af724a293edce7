// Terminal rendering of a run: failures in time order with their paths, bad debt by protocol, worst prices,
// breaker activations.
import type { ProtocolResult, RunResult } from '../engine/result';
import type { PathHop } from '../engine/realised-paths';
import { pct, usd } from './format';
import { legendLines, STATUS_LEGEND } from './status-legend';
import { table } from './table';

const money = (s: string) => usd(Number(s));

/** Columns of the table of losses by protocol and channel (the terminal and the report share them). */
export const LOSS_HEAD = [
  'protocol',
  'status',
  'equity lost',
  'bad debt',
  'liquidated',
  'price',
  'liquidation',
  'counterparty',
  'peg',
  'exogenous',
  'recovery',
];
export const LOSS_ALIGN: ('left' | 'right')[] = ['left', 'left', ...Array<'right'>(9).fill('right')];

/** One protocol's row of the losses table. */
export const lossCells = (p: ProtocolResult): string[] => [
  p.id,
  p.status,
  money(p.lossUsd),
  money(p.badDebtUsd),
  money(p.liquidatedUsd),
  money(p.lossByChannel.price),
  money(p.lossByChannel.liquidation),
  money(p.lossByChannel.counterparty),
  money(p.lossByChannel.peg),
  money(p.lossByChannel.exogenous),
  pct(p.recovery, 2),
];

export function renderPathHop(h: PathHop): string {
  const what = h.amountUsd !== 0 ? money(String(h.amountUsd)) : h.priceChange !== 0 ? pct(h.priceChange) : '';
  return `${h.from} =[${h.channel}${what ? ' ' + what : ''}${h.step >= 0 ? ' @' + h.step : ''}]=> ${h.to}`;
}

export function renderRun(r: RunResult, options: { maxFailures?: number } = {}): string {
  const max = options.maxFailures ?? 20;
  const minutes = (r.scenario.stepsRun * r.scenario.stepSeconds) / 60;
  const out: string[] = [];
  out.push(`Scenario "${r.scenario.name}" on "${r.network.name}" (as of ${r.network.asOf})`);
  out.push(
    `${r.scenario.stepsRun} of ${r.scenario.horizonSteps} steps of ${r.scenario.stepSeconds}s (${minutes.toFixed(1)} min), seed ${r.scenario.seed}` +
      (r.breakers.length ? `, breakers: ${r.breakers.join(', ')}` : ', no breakers'),
  );
  out.push('');
  const s = r.summary;
  out.push(
    table(
      ['bad debt', 'liquidated', 'equity lost', 'insolvent', 'stressed', 'liquidity frozen, worst step'],
      [
        [
          money(s.badDebtUsd),
          money(s.liquidatedUsd),
          money(s.lossUsd),
          s.insolventProtocols.length,
          s.stressedProtocols.length,
          money(s.liquidityFrozenPeakUsd),
        ],
      ],
      ['right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push(...legendLines('Statuses (the worst each protocol reached):', STATUS_LEGEND));
  out.push(...defenceLines(s));
  out.push('');
  out.push(`Failures in time order (${r.failures.length})`);
  if (r.failures.length === 0) out.push('  none');
  for (const f of r.failures.slice(0, max)) {
    out.push(`  step ${f.step}  ${f.protocol} ${f.status}`);
    for (const h of f.path) out.push(`      <- ${renderPathHop(h)}`);
  }
  if (r.failures.length > max) out.push(`  ... ${r.failures.length - max} more (--json for all)`);
  out.push('');
  const hit = r.protocols.filter((p) => Number(p.lossUsd) > 0 || Number(p.badDebtUsd) > 0);
  hit.sort((a, b) => Number(b.lossUsd) - Number(a.lossUsd) || (a.id < b.id ? -1 : 1));
  out.push('Losses by protocol');
  out.push(hit.length === 0 ? '  none' : table(LOSS_HEAD, hit.slice(0, 25).map(lossCells), LOSS_ALIGN));
  out.push('');
  out.push('Worst prices');
  out.push(
    s.worstPrices.length === 0
      ? '  none'
      : table(
          ['asset', 'initial', 'lowest', 'drawdown', 'final'],
          s.worstPrices.map((w) => {
            const a = r.assets.find((x) => x.id === w.asset)!;
            return [
              w.asset,
              a.initialPriceUsd.toPrecision(6),
              w.minPriceUsd.toPrecision(6),
              pct(w.maxDrawdown, 2),
              a.finalPriceUsd.toPrecision(6),
            ];
          }),
          ['left', 'right', 'right', 'right', 'right'],
        ),
  );
  out.push('');
  out.push(`Breaker activations (${r.breakerActivations.length})`);
  out.push(
    r.breakerActivations.length === 0
      ? '  none'
      : table(
          ['breaker', 'from step', 'to step', 'liquidity frozen, worst step'],
          r.breakerActivations.map((b) => [
            b.breaker,
            b.startStep,
            b.endStep,
            money(b.liquidityFrozenPeakUsd),
          ]),
          ['left', 'right', 'right', 'right'],
        ),
  );
  return out.join('\n') + '\n';
}

/** The dynamic margins and controllers of the run (docs/model.md §20), when it has any. */
function defenceLines(s: RunResult['summary']): string[] {
  if (!s.defences || s.defences.length === 0) return [];
  return [
    '',
    `Defences: ${money(s.forcedLiquidatedUsd ?? '0.00')} of liquidations forced by their tightening`,
    table(
      ['defence', 'kind', 'forced liquidations', 'updates', 'lowest threshold'],
      s.defences.map((d) => [
        d.cause,
        d.kind,
        money(d.forcedLiquidatedUsd),
        d.updates,
        d.lowestLiquidationThreshold === null ? '-' : pct(d.lowestLiquidationThreshold, 2),
      ]),
      ['left', 'left', 'right', 'right', 'right'],
    ),
  ];
}
