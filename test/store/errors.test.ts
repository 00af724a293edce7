// Driver errors become messages a user can act on; anything else is left alone.
import { Neo4jError } from 'neo4j-driver';
import { DEFAULT_STORE_CONFIG, storeConfigFromEnv } from '../../src/store/config';
import { StoreError, storeErrorOf } from '../../src/store/errors';

const config = { ...DEFAULT_STORE_CONFIG, uri: 'bolt://db.example:7687', user: 'analyst', database: 'risk' };
const error = (code: string, message = 'x') => new Neo4jError(message, code, '50N42', 'error');

describe('store errors', () => {
  it.each([
    [
      'ServiceUnavailable',
      /^Neo4j at bolt:\/\/db\.example:7687 is not reachable: start it with `npm run neo4j:start` \(or `docker compose up -d`\)/,
    ],
    [
      'Neo.ClientError.Security.Unauthorized',
      /rejected user "analyst" and its password: check NEO4J_USER and NEO4J_PASSWORD/,
    ],
    ['Neo.ClientError.Security.CredentialsExpired', /the password of user "analyst" .* has expired/],
    ['Neo.ClientError.Security.AuthenticationRateLimit', /too many failed attempts/],
    ['Neo.ClientError.Database.DatabaseNotFound', /has no database "risk": set NEO4J_DATABASE/],
  ])('%s', (code, message) => {
    const e = storeErrorOf(error(code), config);
    expect(e).toBeInstanceOf(StoreError);
    expect(e!.message).toMatch(message);
  });

  it('names the refused connection, and the work under way when a connection is lost', () => {
    expect(
      storeErrorOf(error('ServiceUnavailable', 'Caused by: connect ECONNREFUSED 1.2.3.4:7687'), config)!
        .message,
    ).toMatch(/is not reachable \(ECONNREFUSED\)/);
    expect(storeErrorOf(error('SessionExpired'), config, 'loading network "n"')!.message).toBe(
      'lost the connection to Neo4j at bolt://db.example:7687 while loading network "n"',
    );
  });

  it('leaves other errors alone', () => {
    expect(storeErrorOf(error('Neo.ClientError.Statement.SyntaxError'), config)).toBeUndefined();
    expect(storeErrorOf(new Error('boom'), config)).toBeUndefined();
  });

  it('reads the connection from the environment with local defaults', () => {
    expect(storeConfigFromEnv({})).toEqual(DEFAULT_STORE_CONFIG);
    expect(
      storeConfigFromEnv({ NEO4J_URI: 'neo4j://h:1', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: '' }),
    ).toEqual({
      ...DEFAULT_STORE_CONFIG,
      uri: 'neo4j://h:1',
      password: 'pw',
    });
  });
});
