// Reading a saved run (`contagion/run@1`, from `contagion shock --json`): its format tag first, saying what a
// document of another kind or version is, then every field through the run schema.
import { InputError } from './errors';
import { schemaIssues } from './schema-issues';
import { RUN_FORMAT, RunDocument } from './schema/run';

/** Throws the input error of one place in a file. */
export const failAt = (file: string, path: string, reason: string): never => {
  throw new InputError([{ file, path, reason }]);
};

/** Refuses a document of another kind or version before its shape is looked at, saying what it is. */
export function checkFormat(raw: unknown, file: string, expected: string, producedBy: string): void {
  const format =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? (raw as Record<string, unknown>).format
      : undefined;
  if (format === expected) return;
  const [kind] = expected.split('@');
  if (typeof format !== 'string')
    failAt(file, '$.format', `not a ${expected} document (no format field); make one with ${producedBy}`);
  else if (format.startsWith(`${kind}@`))
    failAt(file, '$.format', `${format} is not supported: this version of contagion reads ${expected}`);
  else failAt(file, '$.format', `is a ${format} document, expected ${expected} (made by ${producedBy})`);
}

/** A saved run, checked: format `contagion/run@1` and every field of it. */
export function parseRunDocument(raw: unknown, file: string): RunDocument {
  checkFormat(raw, file, RUN_FORMAT, 'contagion shock --json');
  const parsed = RunDocument.safeParse(raw);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  return parsed.data;
}
