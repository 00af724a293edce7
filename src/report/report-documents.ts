// The saved sweep a report draws its heatmap from (`contagion/sweep@1` with a phase table, from
// `contagion sweep --mode grid --json`), checked for format, version and shape. Saved runs are read by
// model/parse-run.ts.
import { z } from 'zod';
import { InputError } from '../model/errors';
import { schemaIssues } from '../model/schema-issues';
import { checkFormat, failAt } from '../model/parse-run';
import { Usd } from '../model/schema/run';
import { SWEEP_FORMAT, type PhaseTable, type SweepResult } from '../analysis/sweep';

const SweepDocument = z.object({
  format: z.literal(SWEEP_FORMAT),
  network: z.string(),
  scenario: z.string(),
  stepSeconds: z.number().positive().optional(),
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
export type PhaseSweep = Omit<SweepResult, 'stepSeconds'> & { stepSeconds?: number; phase: PhaseTable };

/** A saved sweep with a phase table: `contagion/sweep@1` of a grid over exactly two parameters. */
export function parseSweepDocument(raw: unknown, file: string): PhaseSweep {
  checkFormat(raw, file, SWEEP_FORMAT, 'contagion sweep --mode grid --set A=... --set B=... --json');
  const parsed = SweepDocument.safeParse(raw);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  const sweep = parsed.data;
  const phase = sweep.phase;
  if (!phase)
    return failAt(
      file,
      '$.phase',
      `a heatmap needs a grid sweep over two parameters; this is a ${sweep.mode} sweep over ` +
        `${sweep.parameters.length} (${sweep.parameters.map((p) => p.path).join(', ') || 'none'})`,
    );
  if (
    phase.badDebtUsd.length !== phase.rows.length ||
    phase.badDebtUsd.some((row) => row.length !== phase.cols.length)
  )
    failAt(file, '$.phase.badDebtUsd', `must have ${phase.rows.length} rows of ${phase.cols.length} values`);
  return { ...sweep, phase };
}
