// Parsers of option values; a bad value is a commander InvalidArgumentError (exit code 2).
import { InvalidArgumentError } from 'commander';

export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return Number(value);
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return Number(value);
}

export function parseSeed(value: string): number {
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`expected an integer seed, got "${value}"`);
  }
  return Number(value);
}
