// Debian's Chromium for the browser tests: where it is, how it is started, and the skip rule (a missing
// Chromium skips a browser test with one line on a developer machine and fails it under CI=true).
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether Chromium is there; when it is not, says so once for `what` (and throws under CI=true). */
export function chromiumFor(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${what} cannot run in CI: ${CHROMIUM} is missing`);
  process.stdout.write(`\n${what} SKIPPED: no ${CHROMIUM} (apt-get install chromium).\n`);
  return false;
}
