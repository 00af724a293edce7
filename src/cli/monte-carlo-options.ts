// The Monte Carlo options that `sweep`, `signals` and `defences` share: how many seeded price paths, their
// seed, the asset they move and their calibration (docs/model.md §10).
import { type Command, Option } from 'commander';
import { SEVERITIES } from '../analysis/jump-diffusion';
import { parsePositiveInt, parseSeed } from './option-parsers';

/** Adds --monte-carlo (described as `runs`), --seed, --asset and --severity to a command. */
export function withMonteCarloOptions(cmd: Command, runs: string): Command {
  return cmd
    .option('--monte-carlo <n>', runs, parsePositiveInt)
    .option('--seed <k>', 'seed of the Monte Carlo paths (an integer)', parseSeed)
    .option('--asset <id>', 'asset whose price the Monte Carlo paths move', 'ETH')
    .addOption(
      new Option('--severity <level>', 'calibration of the paths (docs/model.md §10)')
        .choices(SEVERITIES)
        .default('severe'),
    );
}
