// Named query files: their headers (what they answer, `:param` defaults) and the binding of --param values.
import { isInt } from 'neo4j-driver';
import { UsageError } from '../../src/model/errors';
import { StoreError } from '../../src/store/errors';
import { bindParams, listNamedQueries, namedQuery, parseQueryFile } from '../../src/store/named-queries';

const FILE = '/q/sample.cypher';
const text = [
  '// Which things? A description',
  '// over two lines.',
  '// :param limit => 10',
  "// :param asset => 'ETH'",
  '// :param share => 0.5',
  '// :param deep => false',
  'MATCH (n) RETURN n LIMIT $limit',
].join('\n');

describe('named queries', () => {
  it('reads what a query answers and its parameters with their defaults', () => {
    const q = parseQueryFile(text, FILE);
    expect(q.name).toBe('sample');
    expect(q.description).toBe('Which things? A description over two lines.');
    expect(q.params.map((p) => [p.name, p.type, p.value])).toEqual([
      ['limit', 'integer', 10],
      ['asset', 'string', 'ETH'],
      ['share', 'float', 0.5],
      ['deep', 'boolean', false],
    ]);
  });

  it('binds defaults and --param values by the type of the default (integers as Cypher integers)', () => {
    const q = parseQueryFile(text, FILE);
    const p = bindParams(q, ['limit=3', 'asset=it\'s "quoted" MATCH (n) DELETE n', 'share=1e-3']);
    expect(isInt(p.limit)).toBe(true);
    expect(String(p.limit)).toBe('3');
    expect(p.asset).toBe('it\'s "quoted" MATCH (n) DELETE n');
    expect(p.share).toBe(0.001);
    expect(p.deep).toBe(false);
    expect(bindParams(q, ['asset=a=b']).asset).toBe('a=b');
  });

  it('rejects unknown parameters and values of the wrong type', () => {
    const q = parseQueryFile(text, FILE);
    expect(() => bindParams(q, ['nope=1'])).toThrow(
      new UsageError('query "sample" has no parameter "nope" (its parameters: limit, asset, share, deep)'),
    );
    expect(() => bindParams(q, ['limit=ten'])).toThrow(/--param limit expects a whole number, got "ten"/);
    expect(() => bindParams(q, ['deep=yes'])).toThrow(/expects true or false/);
    expect(() => bindParams(q, ['limit'])).toThrow(/--param expects name=value/);
  });

  it('reports a header it cannot read, naming the file', () => {
    expect(() => parseQueryFile('MATCH (n) RETURN n', FILE)).toThrow(StoreError);
    expect(() => parseQueryFile('// What?\n// :param x => foo()\nRETURN 1', FILE)).toThrow(
      /\/q\/sample\.cypher: the default of :param x is not/,
    );
  });

  it('every shipped query says what it answers and has readable parameters', () => {
    const all = listNamedQueries();
    expect(all.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        'largest-exposures',
        'leverage-loops',
        'claim-cycles',
        'exposure-paths',
        'oracle-dependents',
        'run-impact',
        'run-paths',
        'compare-runs',
      ]),
    );
    for (const q of all) {
      expect(q.description.length).toBeGreaterThan(30);
      for (const p of q.params) expect(q.text).toContain(`$${p.name}`);
    }
  });

  it('an unknown name is a usage error listing the queries', () => {
    expect(() => namedQuery('nope')).toThrow(/unknown query "nope"; the queries are: .*largest-exposures/);
    expect(() => namedQuery('../write/assets')).toThrow(UsageError);
  });
});
