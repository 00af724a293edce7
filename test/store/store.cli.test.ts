// The Neo4j commands through the built binary where no server is needed: Neo4j down, bad input caught before
// any connection, query names and parameters, help.
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';
import { tinyRaw } from '../helpers/fixtures';

/** A port nothing listens on: every command that needs Neo4j must fail fast and clearly. */
const DOWN = { NEO4J_URI: 'bolt://127.0.0.1:9' };

describe('contagion db and query without a server', () => {
  it.each([
    [['db', 'status']],
    [['db', 'load']],
    [['db', 'pull']],
    [['query', 'runs']],
    [['shock', '--neo4j']],
  ])('%j with Neo4j down: exit 2 and how to start it', (args) => {
    const r = runBin(args, DOWN);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: Neo4j at bolt://127.0.0.1:9 is not reachable (ECONNREFUSED): start it with `npm run neo4j:start` ' +
        '(or `docker compose up -d`), or point NEO4J_URI at a running Neo4j 5\n',
    );
  });

  it('db write-run checks the run file before connecting: another format is reported, nothing is attempted', () => {
    const file = join(tempFiles({ 'run.json': tinyRaw() }), 'run.json');
    const r = runBin(['db', 'write-run', file], DOWN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/run\.json/);
    expect(r.stderr).toMatch(/contagion\/run@1/);
    expect(r.stderr).not.toMatch(/not reachable/);
  });

  it('validates a network before connecting: an invalid file is reported, nothing is attempted', () => {
    const raw = tinyRaw();
    raw.assets[0].priceUsd = '-1';
    const file = join(tempFiles({ 'bad.json': raw }), 'bad.json');
    const r = runBin(['db', 'load', file], DOWN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: \$\.assets\[0\]\.priceUsd: must be positive/);
    expect(r.stderr).not.toMatch(/not reachable/);
  });

  it('query --list prints every query with what it answers and its parameters', () => {
    const r = runBin(['query', '--list'], DOWN);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^exposure-paths {2}\[asset='ETH'\]\n {4}Exposure paths: /m);
    const json = JSON.parse(runBin(['query', '--list', '--json'], DOWN).stdout);
    expect(json.find((q: any) => q.name === 'largest-exposures').params).toEqual([
      { name: 'limit', type: 'integer', default: 15 },
    ]);
  });

  it('an unknown query name exits 2 with the list of queries', () => {
    const r = runBin(['query', 'biggest-risks'], DOWN);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^error: unknown query "biggest-risks"; the queries are: bridge-exposure, claim-cycles, compare-runs, /,
    );
  });

  it('a bad parameter exits 2 before connecting', () => {
    expect(runBin(['query', 'largest-exposures', '--param', 'limit=lots'], DOWN).stderr).toMatch(
      /--param limit expects a whole number, got "lots"/,
    );
    expect(runBin(['query', 'largest-exposures', '--param', 'top=3'], DOWN).code).toBe(2);
  });

  it('documents the connection settings and exit codes', () => {
    for (const args of [
      ['db', '--help'],
      ['db', 'load', '--help'],
      ['query', '--help'],
    ]) {
      const r = runBin(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/NEO4J_URI \(default bolt:\/\/127\.0\.0\.1:7687\)/);
    }
    expect(runBin(['db', 'load', '--bogus']).code).toBe(2);
  });
});
