// Every driver error becomes one clear message (exit 2): lost races, failing procedures, silent servers.
import { createServer, type Server } from 'node:net';
import { Neo4jError } from 'neo4j-driver';
import { DEFAULT_STORE_CONFIG } from '../../src/store/config';
import { driverErrorOf, StoreError } from '../../src/store/errors';
import { runBin } from '../helpers/cli';

const config = { ...DEFAULT_STORE_CONFIG, uri: 'bolt://db.example:7687' };
const error = (code: string, message: string) => new Neo4jError(message, code, '50N42', 'error');

describe('driver errors mapped to messages', () => {
  it('the loser of two concurrent loads (a deadlock) is told to try again', () => {
    const e = driverErrorOf(
      error(
        'Neo.TransientError.Transaction.DeadlockDetected',
        "ForsetiClient[1] can't acquire ExclusiveLock\nmore",
      ),
      config,
      'loading network "n"',
    );
    expect(e).toBeInstanceOf(StoreError);
    expect(e!.message).toBe(
      'Neo4j at bolt://db.example:7687 could not finish loading network "n": another client changed the same data ' +
        "at the same time (Neo.TransientError.Transaction.DeadlockDetected: ForsetiClient[1] can't acquire ExclusiveLock); " +
        'try again once it is done',
    );
  });

  it('a constraint conflict with a load made meanwhile', () => {
    const e = driverErrorOf(
      error(
        'Neo.ClientError.Schema.ConstraintValidationFailed',
        'Node(12) already exists with label `Protocol`',
      ),
      config,
      'loading network "n"',
    );
    expect(e!.message).toMatch(/could not finish loading network "n": another client changed the same data/);
  });

  it('a failing APOC call in a custom query', () => {
    const e = driverErrorOf(
      error(
        'Neo.ClientError.Procedure.ProcedureCallFailed',
        'Failed to invoke procedure `apoc.path.expand`: Caused by: java.lang.IllegalArgumentException: bad label',
      ),
      config,
      'running query mine (queries/read/mine.cypher)',
    );
    expect(e!.message).toBe(
      'a procedure failed on Neo4j at bolt://db.example:7687 while running query mine (queries/read/mine.cypher): ' +
        'Failed to invoke procedure `apoc.path.expand`: Caused by: java.lang.IllegalArgumentException: bad label',
    );
  });

  it('any other code, with its first line; values that are not driver errors are left alone', () => {
    expect(
      driverErrorOf(
        error('Neo.DatabaseError.General.UnknownError', 'boom\nat x'),
        config,
        'reading the status',
      )!.message,
    ).toBe(
      'Neo4j at bolt://db.example:7687 refused reading the status: Neo.DatabaseError.General.UnknownError: boom',
    );
    expect(driverErrorOf(new Error('boom'), config, 'x')).toBeUndefined();
  });
});

describe('a Bolt port that accepts and never answers', () => {
  let server: Server;
  let port = 0;
  beforeAll(
    () =>
      new Promise<void>((resolve) => {
        server = createServer(() => undefined).listen(0, '127.0.0.1', () => {
          port = (server.address() as { port: number }).port;
          resolve();
        });
      }),
  );
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('db status prints the timeout and ends with exit 2', () => {
    const r = runBin(['db', 'status'], { NEO4J_URI: `bolt://127.0.0.1:${port}` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(
        `^error: Neo4j at bolt://127\\.0\\.0\\.1:${port} accepted the connection but did not answer while connecting \\(Connection acquisition timed out in 10000 ms\\.\\)`,
      ),
    );
  }, 60_000);
});
