// A server that stops answering in the middle of work: the named query ends in a clear StoreError at the
// client's deadline instead of waiting forever. The test server's JVM is paused (SIGSTOP) after the store
// has connected, and resumed (SIGCONT) whatever happens.
import { StoreError } from '../../src/store/errors';
import { bindParams, namedQuery } from '../../src/store/named-queries';
import { runNamedQuery } from '../../src/store/run-query';
import { describeNeo4j, mode, useStore } from './neo4j';
import { testServerPid } from './neo4j-server';

// Pausing needs the server's process: only the server the tests started themselves.
const itManaged = mode === 'managed' ? it : it.skip;

describeNeo4j('a Neo4j that stops answering', () => {
  const store = useStore();

  itManaged(
    'ends a named query with a StoreError naming the query once the client deadline passes',
    async () => {
      const pid = testServerPid();
      expect(pid).toBeDefined();
      const q = namedQuery('runs');
      process.kill(pid!, 'SIGSTOP');
      let outcome: unknown;
      try {
        outcome = await runNamedQuery(store(), q, bindParams(q, []), 1).catch((e: unknown) => e);
      } finally {
        process.kill(pid!, 'SIGCONT');
      }
      expect(outcome).toBeInstanceOf(StoreError);
      expect((outcome as Error).message).toMatch(/runs|no answer|within/);
    },
    60_000,
  );

  it('answers again once the server is back', async () => {
    const result = await runNamedQuery(store(), namedQuery('runs'), bindParams(namedQuery('runs'), []), 30);
    expect(result.columns.length).toBeGreaterThan(0);
  }, 60_000);
});
