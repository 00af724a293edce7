// The issues of an input error as "path: reason" lines, for tests of validation messages.
import { InputError } from '../../src/model/errors';

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
