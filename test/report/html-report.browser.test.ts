// The HTML report in headless Chromium: the sample crash with the breaker comparison and a small grid sweep,
// made by the built binary, opened from file:// with every other request blocked. The charts and the
// contagion graph render with no console or page error and no network request, the heatmap has a cell per
// pair of values, the backtest scorecard has a row per outcome, the graph highlights each distinct hop of the failure paths, and hovering a node lights its
// links. Needs /usr/bin/chromium: without it the file skips with one line, except under CI=true, where a
// missing Chromium fails. A screenshot goes to test-artifacts/report.png.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunResult } from '../../src/engine/result';
import { distinctPathHops } from '../../src/report/contagion-graph';
import { CHROMIUM, CHROMIUM_ARGS, chromiumFor } from '../helpers/chromium';
import { ROOT, runBin, tempFiles } from '../helpers/cli';

const SCREENSHOT = join(ROOT, 'test-artifacts', 'report.png');
const PAUSE = join(ROOT, 'data', 'scenarios', 'breakers-pause-on-deviation.json');

const hasChromium = chromiumFor('HTML report browser test');
const describeBrowser = hasChromium ? describe : describe.skip;

describeBrowser('HTML report in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let userDir: string;
  let run: RunResult;
  let sweep: { phase: { rows: number[]; cols: number[] } };
  const problems: string[] = [];
  const offline: string[] = [];

  beforeAll(async () => {
    const shock = runBin(['shock', '--json']);
    expect(shock.code).toBe(0);
    run = JSON.parse(shock.stdout);
    const grid = runBin([
      'sweep',
      '--mode',
      'grid',
      '--set',
      'scenario.events[0].path.change=-0.1,-0.2,-0.3',
      '--set',
      'scenario.events[0].path.overSteps=60,300',
      '--workers',
      '1',
      '--json',
    ]);
    expect(grid.code).toBe(0);
    sweep = JSON.parse(grid.stdout);
    const dir = tempFiles({ 'run.json': shock.stdout, 'sweep.json': grid.stdout });
    const html = join(dir, 'report.html');
    const made = runBin([
      'report',
      '--run',
      join(dir, 'run.json'),
      '--breakers',
      PAUSE,
      '--sweep',
      join(dir, 'sweep.json'),
      '--html',
      html,
      '--backtest',
      'a01-black-thursday-2020',
      'a12-stream-xusd-2025',
    ]);
    expect(made.code).toBe(0);

    userDir = mkdtempSync(join(tmpdir(), 'contagion-chromium-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file://')) return route.continue();
      offline.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    if (page) {
      mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true }).catch(() => undefined);
    }
    await browser?.close();
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });

  /** Number of elements matching `selector` inside the figure of chart `name`. */
  const count = (name: string, selector: string) =>
    page.locator(`figure[data-chart="${name}"] ${selector}`).count();

  /** Rendered width and height of the first SVG of a figure. */
  const size = (name: string) =>
    page
      .locator(`figure[data-chart="${name}"] svg`)
      .first()
      .evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { width: r.width, height: r.height };
      });

  it('opens with no console or page error and no request off the file', async () => {
    await expect(page.title()).resolves.toBe(`Contagion report: ${run.scenario.name} on ${run.network.name}`);
    expect(problems).toEqual([]);
    expect(offline).toEqual([]);
  });

  it('renders the price and loss charts with a line per series', async () => {
    const moved = Object.keys(run.series.priceUsd).length;
    expect(await count('prices', 'g.mark-line.role-mark path')).toBe(Math.min(8, moved));
    expect(await count('losses', 'g.mark-line.role-mark path')).toBeGreaterThan(0);
    for (const name of ['prices', 'losses']) {
      const s = await size(name);
      expect(s.width).toBeGreaterThan(300);
      expect(s.height).toBeGreaterThan(150);
    }
  });

  it('renders a bar per breaker run and the heatmap with rows x columns cells', async () => {
    expect(await count('breakers', 'g.mark-rect.role-mark path')).toBe(4);
    const { rows, cols } = sweep.phase;
    expect(await count('heatmap', 'g.mark-rect.role-mark path')).toBe(rows.length * cols.length);
    await expect(page.locator('#breaker-table strong.worse').count()).resolves.toBeGreaterThan(0);
  });

  it('draws the contagion graph with each distinct hop of the failure paths highlighted', async () => {
    const hops = distinctPathHops(run);
    expect(hops.length).toBeGreaterThan(0);
    const graph = page.locator('svg.contagion-graph');
    const nodes = await graph.locator('g.node').count();
    expect(nodes).toBeGreaterThan(0);
    const onPath = await graph
      .locator('path.edge.on-path')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-from')}->${e.getAttribute('data-to')}`));
    expect(onPath.sort()).toEqual(hops);
    const s = await size('graph');
    expect(s.width).toBeGreaterThan(300);
    // Every failed protocol is a node with a label.
    for (const f of run.failures) {
      await expect(graph.locator(`g.node[data-id="protocol:${f.protocol}"] circle`).count()).resolves.toBe(1);
      await expect(
        graph.locator(`g.labels text[data-for="protocol:${f.protocol}"]`).textContent(),
      ).resolves.toBe(f.protocol);
    }
  });

  it('draws no two labels of the contagion graph over each other (boxes measured by Chromium)', async () => {
    const boxes = await page.locator('svg.contagion-graph g.labels text').evaluateAll((els) =>
      els.map((e) => {
        const b = (
          e as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }
        ).getBBox();
        return {
          text: e.textContent ?? '',
          left: b.x,
          top: b.y,
          right: b.x + b.width,
          bottom: b.y + b.height,
        };
      }),
    );
    expect(boxes.length).toBeGreaterThan(10);
    const overlapping: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
          overlapping.push(`${a.text} / ${b.text}`);
      }),
    );
    expect(overlapping).toEqual([]);
  });

  it('shows a backtest table per event, a row per outcome, the event not passing yet stressed', async () => {
    const rows = (event: string) => page.locator(`section#backtest table#backtest-${event} tbody tr`);
    expect(await rows('a01-black-thursday-2020').count()).toBe(4);
    expect(await rows('a12-stream-xusd-2025').count()).toBe(4);
    const badDebt = rows('a01-black-thursday-2020').filter({ hasText: 'bad debt of maker' });
    const cells = await badDebt.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['bad-debt', 'bad debt of maker', '5.670M']);
    expect(cells[4]).toMatch(/^\d\.\d{3}$/);
    expect(cells[6]).toBe('yes');
    const outside = rows('a12-stream-xusd-2025').filter({ hasText: 'deusd-low' });
    expect(await outside.locator('td strong.worse').textContent()).toBe('NO');
    await expect(page.locator('section#backtest p strong.worse').first().textContent()).resolves.toBe(
      '3/4 inside: does not pass (listed as not passing yet)',
    );
  });

  it('lights the links of a hovered node', async () => {
    const graph = page.locator('svg.contagion-graph');
    await graph.locator('g.node[data-id="event:0"] circle').hover();
    await expect(graph.getAttribute('class')).resolves.toContain('focus');
    expect(await graph.locator('path.edge.lit').count()).toBeGreaterThan(0);
    await page.mouse.move(1, 1);
    await expect(graph.getAttribute('class')).resolves.not.toContain('focus');
    expect(problems).toEqual([]);
  });
});
