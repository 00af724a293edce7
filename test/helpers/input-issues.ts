// The issues of an input error, for tests of validation messages: as "path: reason" lines, or as the issues
// themselves of an input that must be rejected.
import { InputError, type InputIssue } from '../../src/model/errors';

/** The issues `f` throws as an InputError (none if it returns); any other error is thrown on. */
export function inputIssues(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.issues.map((i) => `${i.path}: ${i.reason}`);
    throw e;
  }
  return [];
}

/** The issues `f` throws as an InputError; it is an error for `f` to return or to throw anything else. */
export function rejectionIssues(f: () => unknown): InputIssue[] {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return [...e.issues];
    throw e;
  }
  throw new Error('expected the input to be rejected');
}
