// An error thrown in a worker thread, carried back to the main thread as data and raised there as the same kind
// of error: an input error keeps its located issues (file, JSON path, why), so a bad input gives the same
// message and exit code on any number of workers.
import {
  InputError,
  type InputIssue,
  InternalError,
  NotFoundError,
  unhandled,
  UsageError,
} from '../model/errors';

/** What a worker posts for an error: its kind, and the issues of an input error. */
export type ThreadError =
  { kind: 'input'; issues: InputIssue[] } | { kind: 'usage' | 'not-found' | 'internal'; message: string };

export function threadError(e: unknown): ThreadError {
  if (e instanceof InputError) return { kind: 'input', issues: e.issues.map((i) => ({ ...i })) };
  if (e instanceof UsageError) return { kind: 'usage', message: e.message };
  if (e instanceof NotFoundError) return { kind: 'not-found', message: e.message };
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** The error to raise for a worker's report; `where` prefixes an internal error's message (which item failed). */
export function raisedError(e: ThreadError, where: string): Error {
  switch (e.kind) {
    case 'input':
      return new InputError(e.issues);
    case 'usage':
      return new UsageError(e.message);
    case 'not-found':
      return new NotFoundError(e.message);
    case 'internal':
      return new InternalError(`${where}: ${e.message}`);
    default:
      return unhandled(e);
  }
}
