// Parsers of option values; a bad value is a commander InvalidArgumentError (exit code 2).
import { InvalidArgumentError } from 'commander';

export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return Number(value);
}
