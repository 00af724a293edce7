// The client-side deadline on work sent to Neo4j: a server that stops answering ends in a clear StoreError.
import { StoreError } from '../../src/store/errors';
import { withDeadline } from '../../src/store/deadline';

describe('withDeadline', () => {
  it('gives up on work that never settles with a message naming the work and the limit', async () => {
    const never = new Promise<number>(() => undefined);
    const outcome = withDeadline(never, 0.05, 'queries/read/x.cypher: running query x');
    await expect(outcome).rejects.toBeInstanceOf(StoreError);
    await expect(withDeadline(never, 0.05, 'q')).rejects.toThrow(
      'q: no answer from the server within 0.05 s',
    );
  });

  it('returns what the work returns, and passes its own error on unchanged', async () => {
    await expect(withDeadline(Promise.resolve(42), 5, 'q')).resolves.toBe(42);
    const own = new Error('Neo.ClientError.Statement.SyntaxError');
    await expect(withDeadline(Promise.reject(own), 5, 'q')).rejects.toBe(own);
  });
});
