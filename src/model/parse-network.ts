// A network file's JSON value to a validated Network: shape first, then references and ranges.
import { InputError } from './errors';
import type { Network } from './network';
import { checkMagnitudes } from './check-magnitudes';
import { checkNetwork } from './check-network';
import { schemaIssues } from './schema-issues';
import { NetworkFile } from './schema/network';

/**
 * Validates `value` as contagion/network@1 and returns the typed network.
 * Throws InputError with every problem found: all shape problems, or (if the shape is right)
 * all reference and range problems, or (if those are right) balance sheets too large for the ledger.
 */
export function parseNetwork(value: unknown, file: string): Network {
  const parsed = NetworkFile.safeParse(value);
  if (!parsed.success) throw new InputError(schemaIssues(parsed.error, file));
  const issues = checkNetwork(parsed.data, file);
  if (issues.length > 0) throw new InputError(issues);
  const tooLarge = checkMagnitudes(parsed.data, file);
  if (tooLarge.length > 0) throw new InputError(tooLarge);
  return parsed.data;
}
