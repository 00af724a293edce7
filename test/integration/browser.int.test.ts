// Neo4j Browser, as an analyst uses it: the tiny network loaded, Browser (served by Neo4j) opened in a headless
// Chromium, connected with user and password, a `:param` line and a named query run in its editor, and the
// answers shown in the result frames; then the walkthrough's `:style` step, and nodes drawn in its colours.
// Needs /usr/bin/chromium: without it the file skips with one line, except under CI=true, where a missing
// Chromium fails. A screenshot goes to test-artifacts/browser.png.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadNetwork } from '../../src/store/load';
import { bindParams, namedQuery } from '../../src/store/named-queries';
import { runNamedQuery } from '../../src/store/run-query';
import { toPlain } from '../../src/store/values';
import { CHROMIUM, CHROMIUM_ARGS, chromiumFor } from '../helpers/chromium';
import { tinyNetwork } from '../helpers/fixtures';
import { labelColours, walkthroughStyleCommand } from '../helpers/graph-style';
import { describeNeo4j, emptyProjectData, mode, useStore } from './neo4j';
import { ROOT, TEST_SERVER } from './neo4j-server';

const SCREENSHOT = join(ROOT, 'test-artifacts', 'browser.png');

const hasChromium = mode === 'skip' ? existsSync(CHROMIUM) : chromiumFor('Neo4j Browser test');
const describeBrowser = hasChromium ? describeNeo4j : describe.skip;

/** Bolt and HTTP addresses of the test Neo4j (HTTP: the test port, or NEO4J_HTTP_URL beside an external NEO4J_URI). */
function addresses(): { bolt: string; http: string } {
  const bolt = new URL(process.env.NEO4J_URI ?? `bolt://127.0.0.1:${TEST_SERVER.boltPort}`);
  const http =
    mode === 'external'
      ? (process.env.NEO4J_HTTP_URL ?? `http://${bolt.hostname}:7474`)
      : `http://127.0.0.1:${TEST_SERVER.httpPort}`;
  return { bolt: `bolt://${bolt.host}`, http: http.replace(/\/$/, '') };
}

/** A query file's Cypher without its comment lines, on one line (typed into the editor as is). */
const oneLine = (text: string) =>
  text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

describeBrowser('Neo4j Browser', () => {
  const store = useStore();
  const { bolt, http } = addresses();
  const boltPort = new URL(bolt).port || '7687';
  let context: BrowserContext;
  let page: Page;
  let userDir: string;
  const problems: string[] = [];
  const failedRequests: string[] = [];

  /** Failed loads that do not matter: anything off this machine (fonts, offline), and Browser's HTTP probe of
   * the Bolt address (it looks for single sign-on providers there). */
  const harmless = (url: string) => {
    const u = new URL(url);
    const local =
      u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === new URL(http).hostname;
    return !local || u.port === boltPort;
  };

  beforeAll(async () => {
    await emptyProjectData(store());
    await loadNetwork(store(), tinyNetwork());
    userDir = mkdtempSync(join(tmpdir(), 'contagion-chromium-'));
    context = await chromium.launchPersistentContext(userDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1000 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('requestfailed', (r) => {
      if (!harmless(r.url())) failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // A failed load is logged as a console error too; those are judged by their request (above).
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
  });

  afterAll(async () => {
    // The screenshot is taken whatever the outcome: it shows what the analyst would have seen.
    if (page) {
      mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true }).catch(() => undefined);
    }
    await context?.close();
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });

  /** Types a command into the main editor and runs it (ctrl+enter); returns the new result frame. */
  async function run(command: string) {
    const frames = page.locator('[data-testid="frame"]');
    const before = await frames.count();
    const editor = page.locator('#monaco-main-editor, [data-testid="activeEditor"]').first();
    await editor.click();
    await page.keyboard.insertText(command);
    await page.keyboard.press('Control+Enter');
    // One frame more than before (the newest frame is the first).
    await frames.nth(before).waitFor({ state: 'attached', timeout: 30_000 });
    return frames.first();
  }

  it('connects with user and password, runs a named query and shows its answers', async () => {
    const url = `${http}/browser/?dbms=${encodeURIComponent(bolt)}&preselectAuthMethod=NATIVE`;
    await page.goto(url, { waitUntil: 'load' });

    // The connect form: address from `dbms=`, user `neo4j` prefilled; the password is typed in.
    const password = page.locator('[data-testid="password"]');
    await password.waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="username"]').fill(process.env.NEO4J_USER ?? 'neo4j');
    await password.fill(process.env.NEO4J_PASSWORD ?? TEST_SERVER.password);
    await page.locator('[data-testid="connect"]').click();
    await page.getByText(/You are connected as user/).waitFor({ timeout: 30_000 });

    const simple = await run('MATCH (p:Protocol) RETURN p.id AS protocol ORDER BY protocol');
    // The table view shows strings quoted.
    await simple.getByText('"vault"', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await simple.innerText()).toContain('"lender"');

    // largest-exposures as an analyst runs it: its :param line, then its Cypher.
    const q = namedQuery('largest-exposures');
    const expected = await runNamedQuery(store(), q, bindParams(q, ['limit=3']));
    const holderAt = expected.columns.indexOf('holder');
    const holders = [...new Set(expected.rows.map((r) => String(toPlain(r[holderAt]))))];
    expect(holders.length).toBeGreaterThan(0);
    await run(':param limit => 3');
    const frame = await run(oneLine(q.text));
    // Wait for the result rows themselves (the column name also appears in the echoed query text).
    for (const h of holders)
      await frame.getByText(`"${h}"`, { exact: true }).first().waitFor({ timeout: 30_000 });
    const text = await frame.innerText();
    for (const h of holders) expect(text).toContain(`"${h}"`);

    expect(failedRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
  it("applies the walkthrough's graph style: the :style step, then nodes drawn in its colours", async () => {
    const colours = labelColours();
    const protocolColour = colours.get('Protocol')!;
    await run(walkthroughStyleCommand());
    // `:style` alone shows the style in use: the walkthrough's, not Browser's default.
    const shown = await run(':style');
    await shown
      .getByText(/node\.Protocol/)
      .first()
      .waitFor({ timeout: 30_000 });
    const text = (await shown.innerText()).toLowerCase();
    for (const colour of colours.values()) expect(text).toContain(colour.toLowerCase());
    // A graph result draws a protocol in the style's colour.
    const graph = await run('MATCH (p:Protocol {id: "lender"}) RETURN p');
    const circle = graph.locator('svg circle.b-outline').first();
    await circle.waitFor({ timeout: 30_000 });
    expect((await circle.getAttribute('fill'))?.toLowerCase()).toBe(protocolColour.toLowerCase());
    expect(failedRequests).toEqual([]);
    expect(problems).toEqual([]);
  });
});
