// What an analyst's read-only query may reach through `contagion query`: files only under the server's import
// folder, no URL, none of the APOC procedures that read files or run Cypher outside the read-only session.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBin, tempFiles } from '../helpers/cli';
import { describeNeo4j, mode } from './neo4j';
import { TEST_SERVER } from './neo4j-server';

/** A folder with one custom query file `name.cypher` holding `text`. */
const queryDir = (name: string, text: string) =>
  tempFiles({ [`${name}.cypher`]: `// ${name}: a custom query of the confinement test\n${text}\n` });

const query = (name: string, text: string) => runBin(['query', name, '--queries', queryDir(name, text)]);

describeNeo4j('Neo4j confinement', () => {
  it('LOAD CSV of /etc/passwd fails with a message naming the URL and the query file', () => {
    const r = query('passwd', 'LOAD CSV FROM "file:///etc/passwd" AS row RETURN row LIMIT 3');
    expect(r.stdout).not.toContain('root:');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('passwd.cypher');
    expect(r.stderr).toContain('file:///etc/passwd');
    expect(r.stderr).toContain("reads only files in the server's import folder");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a relative path cannot climb out of the import folder', () => {
    const r = query(
      'climb',
      'LOAD CSV FROM "file:///../../../../../../etc/passwd" AS row RETURN row LIMIT 3',
    );
    expect(r.stdout).not.toContain('root:');
    expect(r.code).toBe(2);
  });

  it('no URL is fetched: LOAD CSV of the server own HTTP port returns nothing', () => {
    const port = mode === 'managed' ? TEST_SERVER.httpPort : 7474;
    const r = query('url', `LOAD CSV FROM "http://127.0.0.1:${port}/" AS row RETURN row LIMIT 3`);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('neo4j_version');
    expect(r.stderr).toContain('url.cypher');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['apoc.load.json', 'CALL apoc.load.json("file:///etc/hostname") YIELD value RETURN value'],
    [
      'apoc.periodic.iterate',
      'CALL apoc.periodic.iterate("RETURN 1", "RETURN 1", {}) YIELD batches RETURN batches',
    ],
    ['apoc.cypher.run', 'CALL apoc.cypher.run("RETURN 1 AS one", {}) YIELD value RETURN value'],
  ])('%s is not loaded', (name, text) => {
    const r = query('denied', text);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('does not offer to queries');
    expect(r.stderr).toContain(name);
  });

  it('the APOC functions the project uses are still there', () => {
    const r = query('version', 'RETURN apoc.version() AS version, apoc.coll.sum([1, 2]) AS three');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/5\.26\.\d+/);
  });

  (mode === 'managed' ? it : it.skip)('a file in the import folder under the server home loads', () => {
    writeFileSync(join(TEST_SERVER.home, 'import', 'confinement.csv'), 'holder,usd\naave,42\n');
    const r = query(
      'import',
      'LOAD CSV WITH HEADERS FROM "file:///confinement.csv" AS row RETURN row.usd AS usd',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('42');
  });
});
