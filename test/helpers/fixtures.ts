// Test fixtures: the tiny hand-made network as raw JSON (fresh copy per call) and parsed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Network } from '../../src/model/network';
import { parseNetwork } from '../../src/model/parse-network';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const TINY_FILE = join(FIXTURES, 'tiny-network.json');

/** A fresh, mutable copy of the tiny network's JSON. */
export function tinyRaw(): Record<string, any> {
  return JSON.parse(readFileSync(TINY_FILE, 'utf8'));
}

export function tinyNetwork(): Network {
  return parseNetwork(tinyRaw(), TINY_FILE);
}
