// The binary's contract: help everywhere, exit codes for usage errors, version.
import { runBin } from '../helpers/cli';

describe('contagion (binary)', () => {
  it.each([[['--help']], [['validate', '--help']], [['inspect', '--help']]])(
    '%j prints help and exits 0',
    (args) => {
      const r = runBin(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: contagion/);
    },
  );

  it('documents the exit codes in its help', () => {
    expect(runBin(['--help']).stdout).toMatch(/0 ok, 2 bad input .* 1 internal error/);
  });

  it('exits 2 on an unknown command or option, or a bad option value', () => {
    expect(runBin(['explode']).code).toBe(2);
    expect(runBin(['inspect', '--bogus']).code).toBe(2);
    const r = runBin(['inspect', '--top', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a positive whole number, got "many"/);
  });

  it('prints its version', () => {
    const r = runBin(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
