// The saved documents a report reads: a run (`contagion/run@1`, from `contagion shock --json`) and a grid
// sweep (`contagion/sweep@1` with a phase table, from `contagion sweep --mode grid --json`), checked for
// format, version and shape.
import { z } from 'zod';
import { InputError } from '../model/errors';
import { schemaIssues } from '../model/schema-issues';
import { RUN_FORMAT, type RunResult } from '../engine/result';
import { SWEEP_FORMAT, type PhaseTable, type SweepResult } from '../analysis/sweep';

const Usd = z.string().regex(/^-?\d+\.\d\d$/, 'must be a USD amount with two decimals such as "-1234.56"');
const Channel = z.enum(['price', 'liquidation', 'counterparty', 'peg', 'exogenous']);
const Step = z.number().int().min(-1);
const Status = z.enum(['stressed', 'insolvent']);

const PathHop = z.object({
  step: Step,
  from: z.string(),
  to: z.string(),
  channel: Channel,
  amountUsd: z.number(),
  priceChange: z.number(),
});

const RunDocument = z.object({
  format: z.literal(RUN_FORMAT),
  network: z.object({ name: z.string(), asOf: z.string() }),
  scenario: z.object({
    name: z.string(),
    stepSeconds: z.number().positive(),
    horizonSteps: z.number().int().nonnegative(),
    stepsRun: z.number().int().nonnegative(),
    seed: z.number(),
  }),
  breakers: z.array(z.string()),
  summary: z.object({
    badDebtUsd: Usd,
    liquidatedUsd: Usd,
    lossUsd: Usd,
    insolventProtocols: z.array(z.string()),
    stressedProtocols: z.array(z.string()),
    worstPrices: z.array(z.object({ asset: z.string(), minPriceUsd: z.number(), maxDrawdown: z.number() })),
    liquidityFrozenUsdSteps: Usd,
    unprofitableLiquidationsUsd: Usd,
    throttledLiquidationsUsd: Usd,
  }),
  protocols: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['healthy', 'stressed', 'insolvent']),
      firstStressedStep: Step.nullable(),
      firstInsolventStep: Step.nullable(),
      equityStartUsd: Usd,
      equityEndUsd: Usd,
      lossUsd: Usd,
      lossByChannel: z.object({
        price: Usd,
        liquidation: Usd,
        counterparty: Usd,
        peg: Usd,
        exogenous: Usd,
      }),
      badDebtUsd: Usd,
      liquidatedUsd: Usd,
      recovery: z.number(),
      insuranceFundUsedUsd: Usd,
    }),
  ),
  assets: z.array(
    z.object({
      id: z.string(),
      initialPriceUsd: z.number(),
      finalPriceUsd: z.number(),
      minPriceUsd: z.number(),
      maxDrawdown: z.number(),
      seizedUsd: Usd,
    }),
  ),
  markets: z.array(z.object({ id: z.string(), protocol: z.string(), liquidatedUsd: Usd, badDebtUsd: Usd })),
  breakerActivations: z.array(
    z.object({ breaker: z.string(), startStep: Step, endStep: Step, liquidityFrozenUsdSteps: Usd }),
  ),
  failures: z.array(z.object({ protocol: z.string(), status: Status, step: Step, path: z.array(PathHop) })),
  series: z.object({
    step: z.array(z.number().int()),
    priceUsd: z.record(z.string(), z.array(z.number())),
    equityUsd: z.record(z.string(), z.array(z.number())),
  }),
  ledger: z.array(
    z.object({ step: Step, from: z.string(), to: z.string(), channel: Channel, amountUsd: Usd }),
  ),
});

const SweepDocument = z.object({
  format: z.literal(SWEEP_FORMAT),
  network: z.string(),
  scenario: z.string(),
  mode: z.enum(['grid', 'zip']),
  parameters: z.array(z.object({ path: z.string(), values: z.array(z.number()) })),
  variants: z.array(
    z.object({
      index: z.number().int(),
      params: z.record(z.string(), z.number()),
      badDebtUsd: Usd,
      liquidatedUsd: Usd,
      insolventProtocols: z.array(z.string()),
      stressedProtocols: z.array(z.string()),
      worstDrawdown: z.number(),
      insolventCount: z.number().int(),
    }),
  ),
  phase: z
    .object({
      rowParam: z.string(),
      colParam: z.string(),
      rows: z.array(z.number()),
      cols: z.array(z.number()),
      badDebtUsd: z.array(z.array(Usd)),
    })
    .optional(),
});

/** A grid sweep over two parameters: the only kind a heatmap is drawn from. */
export type PhaseSweep = SweepResult & { phase: PhaseTable };

const fail = (file: string, path: string, reason: string): never => {
  throw new InputError([{ file, path, reason }]);
};

/** Refuses a document of another kind or version before its shape is looked at, saying what it is. */
function checkFormat(raw: unknown, file: string, expected: string, producedBy: string): void {
  const format =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as Record<string, unknown>).format
      : undefined;
  if (format === expected) return;
  const [kind] = expected.split('@');
  if (typeof format !== 'string')
    fail(file, '$.format', `not a ${expected} document (no format field); make one with ${producedBy}`);
  else if (format.startsWith(`${kind}@`))
    fail(file, '$.format', `${format} is not supported: this version of contagion reads ${expected}`);
  else fail(file, '$.format', `is a ${format} document, expected ${expected} (made by ${producedBy})`);
}

/** A saved run, checked: format `contagion/run@1` and every field the report reads. */
export function parseRunDocument(raw: unknown, file: string): RunResult {
  checkFormat(raw, file, RUN_FORMAT, 'contagion shock --json');
  const parsed = RunDocument.safeParse(raw);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  return parsed.data;
}

/** A saved sweep with a phase table: `contagion/sweep@1` of a grid over exactly two parameters. */
export function parseSweepDocument(raw: unknown, file: string): PhaseSweep {
  checkFormat(raw, file, SWEEP_FORMAT, 'contagion sweep --mode grid --set A=... --set B=... --json');
  const parsed = SweepDocument.safeParse(raw);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  const sweep = parsed.data;
  const phase = sweep.phase;
  if (!phase)
    return fail(
      file,
      '$.phase',
      `a heatmap needs a grid sweep over two parameters; this is a ${sweep.mode} sweep over ` +
        `${sweep.parameters.length} (${sweep.parameters.map((p) => p.path).join(', ') || 'none'})`,
    );
  if (
    phase.badDebtUsd.length !== phase.rows.length ||
    phase.badDebtUsd.some((row) => row.length !== phase.cols.length)
  )
    fail(file, '$.phase.badDebtUsd', `must have ${phase.rows.length} rows of ${phase.cols.length} values`);
  return { ...sweep, phase };
}
