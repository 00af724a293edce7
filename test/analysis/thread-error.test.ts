// An error raised on a worker thread reaches the main thread as the same kind of error: an input error keeps its
// file, JSON path and reason (exit 2, as on one worker), and only an unexpected one becomes an internal error.
import { raisedError, threadError } from '../../src/analysis/thread-error';
import { InputError, InternalError, UsageError } from '../../src/model/errors';

const roundTrip = (e: unknown) => raisedError(structuredClone(threadError(e)), 'job 3');

describe('errors from worker threads', () => {
  it('an input error keeps its located issues', () => {
    const issue = {
      file: 'gap.json',
      path: '$.breakers[0].actions[0].asset',
      reason: 'unknown asset "NOPE"',
    };
    const e = roundTrip(new InputError([issue]));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).issues).toEqual([issue]);
    expect(e.message).toBe('1 problem:\n  gap.json: $.breakers[0].actions[0].asset: unknown asset "NOPE"');
  });

  it('a usage error stays a usage error; anything else is internal and names the job', () => {
    const usage = roundTrip(new UsageError('the run cannot be reconciled'));
    expect(usage).toBeInstanceOf(UsageError);
    expect(usage.message).toBe('the run cannot be reconciled');
    const internal = roundTrip(new TypeError('x is undefined'));
    expect(internal).toBeInstanceOf(InternalError);
    expect(internal.message).toBe('job 3: x is undefined');
  });
});
