// Error types of the whole project. Library code throws these; only the CLI's main maps them to exit codes.

/** One problem found in an input, located by file and JSON path. */
export interface InputIssue {
  /** File (or other origin, e.g. `neo4j`) the problem was found in. */
  file: string;
  /** JSONPath of the offending value, e.g. `$.protocols[2].markets[0].liquidationThreshold`. */
  path: string;
  /** What is wrong, in words a user can act on. */
  reason: string;
}

/** Base class: every error the project raises on purpose. */
export class ContagionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input: one or more located issues (schema, references, ranges). Exit code 2. */
export class InputError extends ContagionError {
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(formatIssues(issues));
    this.issues = issues;
  }
}

/** A command-line usage problem that is not tied to a file (bad option value, unknown name). Exit code 2. */
export class UsageError extends ContagionError {}

/** Something referred to by id does not exist. Exit code 2. */
export class NotFoundError extends ContagionError {}

/** An invariant of the model broke at run time (e.g. a ledger that does not reconcile). Exit code 1. */
export class InternalError extends ContagionError {}

export function formatIssue(issue: InputIssue): string {
  return `${issue.file}: ${issue.path}: ${issue.reason}`;
}

export function formatIssues(issues: readonly InputIssue[]): string {
  if (issues.length === 0) return 'invalid input';
  const head = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return `${head}:\n` + issues.map((i) => `  ${formatIssue(i)}`).join('\n');
}

/** Renders a path of keys and indices as JSONPath: ['a', 0, 'b'] -> `$.a[0].b`. */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (typeof s === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(String(s))}]`;
  }
  return out;
}

/** A value no case of a switch handled: a compile error while a case is missing. */
export function unhandled(x: never): never {
  throw new InternalError(`unhandled case ${JSON.stringify(x)}`);
}
