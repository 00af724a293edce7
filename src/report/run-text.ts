// Terminal rendering of a run: failures in time order with their paths, bad debt by protocol, perp books (and
// their venues' loans against them),
// worst prices, breaker activations, depositor runs, liquidation auctions.
import type { AuctionsResult, PerpResult, ProtocolResult, RunResult } from '../engine/result';
import type { PathHop } from '../engine/realised-paths';
import { pct, usd } from './format';
import { LOSS_LEGEND, legendLines, STATUS_LEGEND } from './status-legend';
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

/** Columns of the table of loss measures (docs/model.md §16), by protocol and in total. */
export const MEASURE_HEAD = [
  'protocol',
  'status',
  'bad debt',
  'latent, oracle',
  'latent, market',
  'paper loss',
  'socialized',
  'insurance fund used',
];
export const MEASURE_ALIGN: ('left' | 'right')[] = ['left', 'left', ...Array<'right'>(6).fill('right')];

/** One protocol's row of the loss measures. */
export const measureCells = (p: ProtocolResult): string[] => [
  p.id,
  p.status,
  money(p.badDebtUsd),
  money(p.latentBadDebtOracleUsd),
  money(p.latentBadDebtMarketUsd),
  money(p.paperLossUsd),
  money(p.socializedLossUsd),
  money(p.insuranceFundUsedUsd),
];

/** Whether a protocol has any loss measure to show. */
export const hasMeasure = (p: ProtocolResult): boolean =>
  [
    p.badDebtUsd,
    p.latentBadDebtOracleUsd,
    p.latentBadDebtMarketUsd,
    p.paperLossUsd,
    p.socializedLossUsd,
    p.insuranceFundUsedUsd,
  ].some((x) => Number(x) !== 0);

/** The line saying a run ended while its prices still moved, or nothing. */
export const unsettledLine = (r: RunResult): string[] =>
  r.summary.pricesSettled
    ? []
    : [
        'Prices still moved in the last step: the run ended before they settled, so these figures are not final.',
      ];

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

/** Columns of the table of perp books (the terminal and the report share them). */
export const PERP_HEAD = [
  'perp book',
  'liquidated',
  'into book',
  'backstop took',
  'backstop PnL',
  'insurance used',
  'ADL volume',
  'socialized loss',
  'bad debt',
];
export const PERP_ALIGN: ('left' | 'right')[] = ['left', ...Array<'right'>(8).fill('right')];

/** One perp book's row (docs/model.md §15). */
export const perpCells = (b: PerpResult): string[] => [
  b.backstop ? `${b.id} (backstop ${b.backstop})` : b.id,
  money(b.liquidatedUsd),
  money(b.bookLiquidatedUsd),
  money(b.backstopTakeoverUsd),
  money(b.backstopPnlUsd),
  money(b.insuranceFundUsedUsd),
  money(b.adlVolumeUsd),
  money(b.socializedLossUsd),
  money(b.badDebtUsd),
];

const LOAN_HEAD = ['perp book', 'borrowed', 'PnL counted', 'repaid', 'bad debt', 'still owed'];
const LOAN_ALIGN: ('left' | 'right')[] = ['left', ...Array<'right'>(5).fill('right')];

/** One lending perp book's loans (docs/model.md §15.8). */
const loanCells = (b: PerpResult): string[] => {
  const l = b.loans!;
  return [
    b.id,
    money(l.borrowedUsd),
    money(l.pnlCountedUsd),
    money(l.recoveredUsd),
    money(l.badDebtUsd),
    money(l.outstandingUsd),
  ];
};

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
      [
        'bad debt',
        'liquidated',
        'equity lost',
        'insolvent',
        'stressed',
        'paper loss',
        'liquidity frozen, worst step',
      ],
      [
        [
          money(s.badDebtUsd),
          money(s.liquidatedUsd),
          money(s.lossUsd),
          s.insolventProtocols.length,
          s.stressedProtocols.length,
          s.paperLossProtocols.length,
          money(s.liquidityFrozenPeakUsd),
        ],
      ],
      ['right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  out.push(...legendLines('Statuses (the worst each protocol reached):', STATUS_LEGEND));
  out.push(...defenceLines(s));
  out.push('');
  out.push('Loss measures as the run ends');
  const measured = r.protocols.filter(hasMeasure);
  const total = [
    'all',
    '',
    money(s.badDebtUsd),
    money(s.latentBadDebtOracleUsd),
    money(s.latentBadDebtMarketUsd),
    money(s.paperLossUsd),
    money(s.socializedLossUsd),
    money(s.insuranceFundUsedUsd),
  ];
  out.push(table(MEASURE_HEAD, [...measured.slice(0, 25).map(measureCells), total], MEASURE_ALIGN));
  out.push(...unsettledLine(r));
  out.push(...legendLines('Loss measures:', LOSS_LEGEND));
  out.push('');
  out.push(`Failures in time order (${r.failures.length})`);
  if (r.failures.length === 0) out.push('  none');
  for (const f of r.failures.slice(0, max)) {
    // A path across chains names them, from the failure back (docs/model.md §23).
    const across = f.chains && f.chains.length > 1 ? `  (across chains: ${f.chains.join(' <- ')})` : '';
    out.push(`  step ${f.step}  ${f.protocol} ${f.status}${across}`);
    for (const h of f.path) out.push(`      <- ${renderPathHop(h)}`);
  }
  if (r.failures.length > max) out.push(`  ... ${r.failures.length - max} more (--json for all)`);
  out.push('');
  const hit = r.protocols.filter((p) => Number(p.lossUsd) > 0 || Number(p.badDebtUsd) > 0);
  hit.sort((a, b) => Number(b.lossUsd) - Number(a.lossUsd) || (a.id < b.id ? -1 : 1));
  out.push('Losses by protocol');
  out.push(hit.length === 0 ? '  none' : table(LOSS_HEAD, hit.slice(0, 25).map(lossCells), LOSS_ALIGN));
  out.push('');
  if (r.perps && r.perps.length > 0) {
    out.push('Perp books');
    out.push(table(PERP_HEAD, r.perps.map(perpCells), PERP_ALIGN));
    out.push('');
    const lending = r.perps.filter((b) => b.loans);
    if (lending.length > 0) {
      out.push('Loans against perp positions');
      out.push(table(LOAN_HEAD, lending.map(loanCells), LOAN_ALIGN));
      out.push('');
    }
  }
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
  if (r.auctions) out.push('', ...auctionLines(r.auctions));
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
  if (r.depositorRuns) {
    out.push('');
    out.push(`Depositor runs (${r.depositorRuns.length})`);
    out.push(table(DEPOSITOR_RUN_HEAD, r.depositorRuns.map(depositorRunCells), DEPOSITOR_RUN_ALIGN));
  }
  return out.join('\n') + '\n';
}

/** Columns of the depositor-runs table (docs/model.md §19; the terminal and the report share them). */
export const DEPOSITOR_RUN_HEAD = ['protocol', 'asked to withdraw', 'paid', 'stuck'];
export const DEPOSITOR_RUN_ALIGN: ('left' | 'right')[] = ['left', 'right', 'right', 'right'];

export const depositorRunCells = (d: NonNullable<RunResult['depositorRuns']>[number]): string[] => [
  d.protocol,
  money(d.requestedUsd),
  money(d.paidUsd),
  money(d.stuckUsd),
];

/** The liquidation auctions of a run (docs/model.md §17): one row per market that liquidates by auction. */
function auctionLines(x: AuctionsResult): string[] {
  const count = (n: number) => String(Math.round(n));
  return [
    `Liquidation auctions (${count(x.started)} started, ${count(x.zeroBid)} closed at a zero bid, ${count(x.open)} still open)`,
    table(
      ['market', 'kind', 'started', 'closed', 'zero bids', 'proceeds', 'shortfall', "keepers' profit"],
      x.markets.map((m) => [
        m.market,
        m.kind,
        count(m.started),
        count(m.closed),
        count(m.zeroBid),
        money(m.proceedsUsd),
        money(m.shortfallUsd),
        money(m.keeperProfitUsd),
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  ];
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
