import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, countWorkerMessages, openApp, pathOf, settled, workerMessages } from './app';
import { hasChromium, launch, serveStatic, watchErrors } from './harness';

const QUERY = '?study=followup2018&seed=lecture&r=20';

/** Simulation requests, and "what the figures allow" requests (issue 16), posted to the worker. */
const posts = (page: Page) => workerMessages(page, 'sent', 'simulate');
const uncertaintyPosts = (page: Page) => workerMessages(page, 'sent', 'uncertainty');

describe.skipIf(!hasChromium)('the worker gets the trial, never the view', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let seen: ReturnType<typeof watchErrors>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    seen = watchErrors(page);
    await countWorkerMessages(page);
    await openApp(page, server.url, QUERY);
    await settled(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('pausing, scrubbing, stepping, the speed, the tab and the relapse view post no simulation', async () => {
    expect(await posts(page)).toBe(1);
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(400);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByLabel('Time since transplant').fill('36');
    await page.locator('body').press('ArrowRight');
    await page.locator('body').press('ArrowLeft');
    await page.getByLabel('Speed').selectOption('2');
    await page.getByRole('tab', { name: 'Transition matrix & diagram' }).click();
    await page.getByLabel('Cycle length').selectOption('12');
    await page.getByRole('tab', { name: 'Fit table' }).click();
    const menu = page.getByTestId('chart-menu-relapse');
    await menu.locator('summary').click();
    await menu.getByRole('radio', { name: '1 − Kaplan–Meier' }).check();
    // Longer than the client's debounce and the URL's, so a post would have happened by now.
    await page.waitForTimeout(800);
    expect(await posts(page)).toBe(1);
    // What the figures allow was asked for once, after the first simulation, and never again.
    expect(await uncertaintyPosts(page)).toBe(1);
    // The view did change (and reached the link), so the steps above did something: the link
    // reads the playhead (36, scrubbed, one step on and one back) and the speed from the clock.
    expect(page.url()).toMatch(/[?&]at=36(&|$)/);
    expect(page.url()).toMatch(/[?&]sp=2(&|$)/);
    expect(page.url()).toMatch(/[?&]rv=km(&|$)/);
    expect(seen.errors).toEqual([]);
  });

  it('a change of the trial posts one simulation', async () => {
    const before = await posts(page);
    await page.locator('#seed-input').fill('another');
    await page.locator('#seed-input').press('Enter');
    await expect.poll(() => posts(page), { timeout: 10_000 }).toBe(before + 1);
    await settled(page);
    // A new seed draws new rate sets: asked for once more.
    await expect.poll(() => uncertaintyPosts(page), { timeout: 10_000 }).toBe(2);
  });

  it('after a slider drag the final curves equal a fresh load of the final link', async () => {
    const slider = page.locator('#rate-A-relapse-0');
    await slider.focus();
    for (let i = 0; i < 8; i++) await slider.press('ArrowRight');
    await page.waitForTimeout(600);
    await settled(page);
    // A slider is not an input of the fit: nothing new to work out.
    expect(await uncertaintyPosts(page)).toBe(2);
    // Both pages with their bands of what the figures allow (a band may widen the axes).
    const ready = '.rate-status[data-status="ready"]';
    await page.locator(ready).waitFor({ timeout: 60_000 });
    const link = page.url();
    const ids = ['os-km', 'inrem-sim', 'rel-km'];
    const after = await Promise.all(ids.map((id) => pathOf(page, id)));
    const fresh = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await fresh.goto(link);
      await fresh.locator('[data-testid="curve-series"][data-series-id="os-km"]').waitFor();
      await settled(fresh);
      await fresh.locator(ready).waitFor({ timeout: 60_000 });
      expect(await Promise.all(ids.map((id) => pathOf(fresh, id)))).toEqual(after);
      expect(after.every((d) => d.length > 0)).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});

describe.skipIf(!hasChromium)('a crashed worker', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('leaves the app working: the simulation carries on without it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const seen = watchErrors(page);
    // Every worker the page starts crashes as soon as it is sent work.
    await page.addInitScript(() => {
      Worker.prototype.postMessage = function (this: Worker) {
        setTimeout(() => this.dispatchEvent(new ErrorEvent('error', { message: 'crashed' })), 0);
      } as Worker['postMessage'];
    });
    await openApp(page, server.url, QUERY);
    await settled(page);
    const before = await pathOf(page, 'os-km');
    expect(before.length).toBeGreaterThan(0);
    await page.locator('#seed-input').fill('after-crash');
    await page.locator('#seed-input').press('Enter');
    await expect.poll(() => pathOf(page, 'os-km'), { timeout: 20_000 }).not.toBe(before);
    await settled(page);
    expect(await page.locator('.sim-status').textContent()).not.toMatch(/failed/);
    expect(seen.errors).toEqual([]);
    await page.close();
  });
});
