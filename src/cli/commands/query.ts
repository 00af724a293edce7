// `contagion query NAME --param k=v`: runs a named query of queries/read/ read-only and prints a table or JSON.
import { Command } from 'commander';
import { UsageError } from '../../model/errors';
import type { CliIo } from '../io';
import { parsePositiveInt } from '../option-parsers';
import { CONNECTION_HELP } from './db';

interface QueryOptions {
  param: string[];
  json?: boolean;
  list?: boolean;
  queries?: string;
  timeout: number;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function queryCommand(io: CliIo): Command {
  return new Command('query')
    .description('run a named Cypher query of queries/read/ read-only (the same files Neo4j Browser uses)')
    .argument('[name]', 'query name (see --list)')
    .option(
      '--param <name=value>',
      'a query parameter (repeatable); defaults come from the file',
      collect,
      [],
    )
    .option('--json', 'print {query, params, columns, rows} as JSON')
    .option('--list', 'list the queries with what each answers and its parameters')
    .option('--queries <dir>', 'folder of .cypher files to use instead of queries/read/')
    .option(
      '--timeout <seconds>',
      'seconds the server may spend on the query before stopping it',
      parsePositiveInt,
      60,
    )
    .addHelpText('after', CONNECTION_HELP)
    .action(async (name: string | undefined, opts: QueryOptions) => {
      const s = await import('../../store');
      const dir = opts.queries ?? s.readQueriesDir();
      if (opts.list) {
        const all = s.listNamedQueries(dir);
        if (opts.json) {
          const list = all.map((q) => ({
            name: q.name,
            description: q.description,
            params: q.params.map((p) => ({ name: p.name, type: p.type, default: p.value })),
          }));
          io.out(JSON.stringify(list, null, 2) + '\n');
        } else
          for (const q of all) {
            const params = q.params.map((p) => `${p.name}=${p.literal}`).join(' ');
            io.out(`${q.name}${params ? `  [${params}]` : ''}\n    ${q.description}\n`);
          }
        return;
      }
      if (!name) throw new UsageError('name a query (contagion query --list shows them)');
      const q = s.namedQuery(name, dir);
      const params = s.bindParams(q, opts.param);
      const result = await s.runNamedQuery(await s.sharedStore(), q, params, opts.timeout);
      if (opts.json) {
        const plain = {
          query: result.query,
          params: s.toPlain(result.params),
          columns: result.columns,
          rows: result.rows.map((r) =>
            Object.fromEntries(result.columns.map((c, i) => [c, s.toPlain(r[i])])),
          ),
        };
        io.out(JSON.stringify(plain, null, 2) + '\n');
      } else if (result.rows.length === 0) io.out(`${q.name}: no rows\n`);
      else {
        const numeric = result.columns.map((_, i) =>
          result.rows.every((r) => r[i] === null || typeof r[i] === 'number'),
        );
        const { table } = await import('../../report/table');
        const text = table(
          result.columns,
          result.rows.map((r) => r.map((v) => s.toText(v))),
          numeric.map((n) => (n ? 'right' : 'left')),
        );
        io.out(`${text}\n${result.rows.length} row${result.rows.length === 1 ? '' : 's'}\n`);
      }
    });
}
