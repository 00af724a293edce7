// Errors of the Neo4j store, and the translation of driver errors into messages a user can act on.
import { Neo4jError } from 'neo4j-driver';
import { ContagionError } from '../model/errors';
import type { StoreConfig } from './config';

/** Neo4j cannot be used as configured (down, wrong password, no APOC, bad query file...). Exit code 2. */
export class StoreError extends ContagionError {}

export const START_HINT =
  'start it with `npm run neo4j:start` (or `docker compose up -d`), or point NEO4J_URI at a running Neo4j 5';

const LOST_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Driver error code, if the value is a Neo4j error. */
export function neo4jCode(e: unknown): string | undefined {
  return e instanceof Neo4jError ? e.code : undefined;
}

/** True when the error means the connection to the server went away. */
export function isConnectionLost(e: unknown): boolean {
  return LOST_CODES.has(neo4jCode(e) ?? '');
}

/**
 * The StoreError for a driver error a user can fix (server down, credentials, database), or undefined when
 * the error is not one of those. `during` names the work under way when the connection was lost.
 */
export function storeErrorOf(e: unknown, config: StoreConfig, during?: string): StoreError | undefined {
  const code = neo4jCode(e);
  if (code === undefined) return undefined;
  const at = `Neo4j at ${config.uri}`;
  if (LOST_CODES.has(code)) {
    const cause = /connect (E[A-Z]+)/.exec((e as Error).message)?.[1];
    return during
      ? new StoreError(`lost the connection to ${at} while ${during}`)
      : new StoreError(`${at} is not reachable${cause ? ` (${cause})` : ''}: ${START_HINT}`);
  }
  switch (code) {
    case 'Neo.ClientError.Security.Unauthorized':
      return new StoreError(
        `${at} rejected user "${config.user}" and its password: check NEO4J_USER and NEO4J_PASSWORD ` +
          '(the local server started by `npm run neo4j:start` uses user neo4j and NEO4J_PASSWORD, default contagion-dev)',
      );
    case 'Neo.ClientError.Security.AuthenticationRateLimit':
      return new StoreError(
        `${at} refuses logins for a while after too many failed attempts: wait, then check NEO4J_PASSWORD`,
      );
    case 'Neo.ClientError.Security.CredentialsExpired':
      return new StoreError(
        `the password of user "${config.user}" on ${at} has expired (a fresh server still on its initial password): ` +
          'set one with NEO4J_AUTH=neo4j/<password> in docker-compose.yml or `ALTER CURRENT USER SET PASSWORD FROM ... TO ...` ' +
          'in cypher-shell, then set NEO4J_PASSWORD to it',
      );
    case 'Neo.ClientError.Database.DatabaseNotFound':
      return new StoreError(
        `${at} has no database "${config.database}": set NEO4J_DATABASE to an existing one ` +
          '(Neo4j Community has a single database, "neo4j")',
      );
    default:
      return undefined;
  }
}

/** The first line of a driver message, without the driver's long tail (stack of causes, pool status). */
function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/\s*Pool status:.*$/, '')
    .trim();
}

/**
 * The StoreError for any other driver error, so no driver error reaches the user as a stack trace: a server
 * that accepted the connection but never answered, work that lost a race with another client (transient
 * errors and constraint conflicts: the loser of two concurrent loads), a procedure that failed (an APOC call
 * of a custom query), and every other code with its first line. Undefined for values that are not driver
 * errors.
 */
export function driverErrorOf(e: unknown, config: StoreConfig, during: string): StoreError | undefined {
  if (!(e instanceof Neo4jError)) return undefined;
  const at = `Neo4j at ${config.uri}`;
  const code = e.code ?? '';
  const line = firstLine(e.message);
  if (/Connection acquisition timed out/.test(e.message))
    return new StoreError(
      `${at} accepted the connection but did not answer while ${during} (${line}): is it a Neo4j 5 Bolt port? ${START_HINT}`,
    );
  if (code.startsWith('Neo.TransientError.') || code === 'Neo.ClientError.Schema.ConstraintValidationFailed')
    return new StoreError(
      `${at} could not finish ${during}: another client changed the same data at the same time ` +
        `(${code}: ${line}); try again once it is done`,
    );
  if (code === 'Neo.ClientError.Procedure.ProcedureCallFailed')
    return new StoreError(`a procedure failed on ${at} while ${during}: ${line}`);
  return new StoreError(`${at} refused ${during}: ${code ? `${code}: ` : ''}${line}`);
}
