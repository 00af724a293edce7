// Deep comparison of parsed networks with every amount as its exact decimal string.
import { Dec } from '../../src/model/decimal';

/** The value with each decimal.js amount replaced by its exact string (`{ exact: "1250000.5" }`). */
export function exact(v: unknown): unknown {
  if (v instanceof Dec) return { exact: v.toFixed() };
  if (Array.isArray(v)) return v.map(exact);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, exact(x)]));
  return v;
}
