import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, countWorkerMessages, openApp, pathOf, workerMessages } from './app';
import { hasChromium, launch, serveStatic, watchErrors } from './harness';

// A heavy trial: one full simulation takes seconds, so quick steps overtake each other.
const QUERY = '?study=followup2018&n=10000&r=500&h=120';

/** Simulation requests posted to the worker, and full simulations it finished. */
const counts = async (page: Page) => ({
  posts: await workerMessages(page, 'sent', 'simulate'),
  completed: await workerMessages(page, 'received', 'simulated'),
});

/** Waits (generously: heavy work on a shared machine) until the status line has settled. */
async function settledSlowly(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const t = document.querySelector('.sim-status')?.textContent ?? '';
      return t !== '' && !/Updating|Simulating/.test(t);
    },
    undefined,
    { timeout: 180_000, polling: 250 },
  );
}

const IDS = ['os-km', 'inrem-sim'];

/** Path data of a replicate band (the 95% range of the trials). */
const bandOf = (page: Page, id: string) =>
  page.locator(`[data-testid="curve-band"][data-band-id="${id}"]`).first().getAttribute('d');

/** The final curves and the survival band of a page: what a drag must end on. */
const finalCurves = async (page: Page) => ({
  curves: await Promise.all(IDS.map((id) => pathOf(page, id))),
  band: await bandOf(page, 'os-band'),
});

describe.skipIf(!hasChromium)('the worker is latest-wins', () => {
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

  it('six quick slider steps finish far fewer than six simulations, ending on the last link', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const seen = watchErrors(page);
    await countWorkerMessages(page);
    await openApp(page, server.url, QUERY);
    await settledSlowly(page);
    const before = await counts(page);
    expect(before.completed).toBe(1);

    const slider = page.locator('#rate-A-relapse-0');
    await slider.focus();
    for (let i = 0; i < 6; i++) {
      await slider.press('ArrowRight');
      // Each step is its own request to the worker (none is merged with the next).
      await page.waitForTimeout(250);
    }
    await page.waitForTimeout(400);
    await settledSlowly(page);
    const after = await counts(page);
    // The steps did reach the worker as separate requests…
    expect(after.posts - before.posts).toBeGreaterThanOrEqual(3);
    // …and most were dropped unfinished: only the newest (and at most one more) completed.
    expect(after.completed - before.completed).toBeLessThanOrEqual(2);

    const link = page.url();
    const curves = await Promise.all(IDS.map((id) => pathOf(page, id)));
    const fresh = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await openApp(fresh, link, '');
      await settledSlowly(fresh);
      expect(await Promise.all(IDS.map((id) => pathOf(fresh, id)))).toEqual(curves);
      expect(curves.every((d) => d.length > 0)).toBe(true);
    } finally {
      await fresh.close();
    }
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 600_000);

  it('after a mouse drag of a slider, the curves and bands equal a fresh load of the final link', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const seen = watchErrors(page);
    await openApp(page, server.url, QUERY);
    await settledSlowly(page);
    const slider = page.locator('#rate-A-relapse-0');
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    const x0 = box.x + box.width * 0.5;
    const before = await slider.inputValue();
    // Back and forth for three seconds (a move every 16 ms), then let go off the middle.
    await page.mouse.move(x0, y);
    await page.mouse.down();
    for (let i = 0; i < 180; i++) {
      await page.mouse.move(x0 + box.width * 0.3 * Math.sin((i / 70) * 2 * Math.PI), y);
      await page.waitForTimeout(16);
    }
    await page.mouse.move(x0 + box.width * 0.2, y);
    await page.mouse.up();
    expect(await slider.inputValue()).not.toBe(before);
    await page.waitForTimeout(400);
    await settledSlowly(page);
    const link = page.url();
    const dragged = await finalCurves(page);
    expect(dragged.curves.every((d) => d.length > 0)).toBe(true);
    expect(dragged.band ?? '').not.toBe('');

    const fresh = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await openApp(fresh, link, '');
      await settledSlowly(fresh);
      expect(await finalCurves(fresh)).toEqual(dragged);
    } finally {
      await fresh.close();
    }
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 900_000);
});
