// Turns zod's issues into located, readable InputIssues (file, JSONPath, reason).
import type { z } from 'zod';
import { type InputIssue, jsonPath } from './errors';

type ZodIssue = z.core.$ZodIssue;

/** Every zod issue of a failed parse, in document order, as InputIssues of `file`. */
export function schemaIssues(error: z.ZodError, file: string): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ file, path: jsonPath([...issue.path, key]), reason: 'unknown field' });
      }
      continue;
    }
    out.push({ file, path: jsonPath(issue.path), reason: reasonOf(issue) });
  }
  return out;
}

function reasonOf(issue: ZodIssue): string {
  const plain = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message))
    return 'required field is missing';
  if (issue.code === 'invalid_type') return plain.replace('received', 'got');
  if (issue.code === 'invalid_union') {
    if ('discriminator' in issue && issue.discriminator) {
      const options = (issue as { options?: unknown[] }).options ?? [];
      return `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
    }
    const expected = new Set<string>();
    let got = '';
    for (const branch of issue.errors) {
      for (const sub of branch) {
        if (sub.code === 'invalid_type') {
          expected.add(sub.expected);
          got = sub.message.replace(/^.*received /, '');
        }
      }
    }
    if (expected.size > 0) return `expected ${[...expected].join(' or ')}, got ${got}`;
    return 'does not match any allowed form';
  }
  if (issue.code === 'invalid_value')
    return plain.replace(/^Invalid option: expected /, 'must be ').replace(/\|/g, ', ');
  return plain;
}
