// `contagion validate [files...]`: checks networks, scenarios and breaker files; every problem at once.
import { Command } from 'commander';
import { InputError, type InputIssue } from '../../model/errors';
import type { CliIo } from '../io';
import { sampleDataFiles } from '../package-files';
import { ExitCode } from '../exit-codes';

interface FileResult {
  file: string;
  ok: boolean;
  kind?: string;
  summary?: string;
  issues: InputIssue[];
}

export function validateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('validate')
    .description('check network, scenario and breaker files (all files under data/ when none is given)')
    .argument('[files...]', 'JSON files; the kind is read from each file\'s "format" field')
    .option(
      '--network <file>',
      'network that scenarios and breakers are checked against (default: their own, or the sample)',
    )
    .option('--json', 'print one JSON result per file')
    .addHelpText('after', '\nExit codes: 0 all files valid, 2 some file invalid, 1 internal error.')
    .action(async (files: string[], opts: { network?: string; json?: boolean }) => {
      const [{ readJsonFile }, { validateDocument }, { networkResolver }] = await Promise.all([
        import('../../model/read-file'),
        import('../../model/validate-document'),
        import('../load'),
      ]);
      const list = files.length > 0 ? files : sampleDataFiles();
      const networks = networkResolver(opts.network);
      const results: FileResult[] = list.map((file) => {
        try {
          const doc = validateDocument(readJsonFile(file), file, networks);
          return { file, ok: true, kind: doc.kind, summary: doc.summary, issues: [] };
        } catch (e) {
          if (e instanceof InputError) return { file, ok: false, issues: [...e.issues] };
          throw e;
        }
      });
      if (opts.json) io.out(JSON.stringify(results, null, 2) + '\n');
      else {
        for (const r of results) {
          if (r.ok) io.out(`ok    ${r.file}: ${r.summary}\n`);
          else {
            io.err(`FAIL  ${r.file}: ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}\n`);
            for (const i of r.issues) io.err(`  ${i.file}: ${i.path}: ${i.reason}\n`);
          }
        }
      }
      if (results.some((r) => !r.ok)) setExit(ExitCode.BadInput);
    });
}
