import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, laneCount, openApp, pathOf } from './app';
import { hasChromium, launch, serveStatic, watchErrors } from './harness';

/**
 * Issue 14: a million patients in the browser. The trial is simulated in the worker, its curves
 * drawn without NaN, it plays, and the cohort view shows a sample of dots with a note saying how
 * many patients each stands for. Timeouts are generous (the machine is shared); nothing is timed.
 */
const QUERY = '?study=followup2018&n=1000000&r=2';

describe.skipIf(!hasChromium)('a million patients', () => {
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

  it('simulates, draws the curves without NaN, plays, and says each dot stands for many patients', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(180_000);
    const seen = watchErrors(page);
    await openApp(page, server.url, QUERY);
    await page.waitForFunction(
      () =>
        /^1,000,000 patients, 2 trials/.test(
          document.querySelector('.sim-status')?.textContent ?? '',
        ),
      undefined,
      { timeout: 300_000, polling: 500 },
    );
    const status = (await page.locator('.sim-status').textContent()) ?? '';
    expect(status).not.toMatch(/failed/i);

    for (const id of ['os-km', 'inrem-sim']) {
      const d = await pathOf(page, id);
      expect(d.length, id).toBeGreaterThan(20);
      expect(d, id).not.toMatch(/NaN|Infinity/);
    }
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/NaN/);

    const note = page.getByTestId('cohort-note');
    await expect
      .poll(() => note.textContent())
      .toMatch(/^Showing a sample of 4,000 of 1,000,000 patients: each dot ≈ 250 patients\./);
    // The lane counts are the whole cohort's: everyone starts in Active.
    expect(await laneCount(page, 'active')).toBe(1_000_000);

    await page.getByRole('button', { name: 'Play' }).click();
    await expect
      .poll(() => laneCount(page, 'active'), { timeout: 120_000 })
      .toBeLessThan(1_000_000);
    const lanes = await Promise.all(
      ['active', 'remission', 'relapse', 'dead'].map((l) => laneCount(page, l)),
    );
    expect(lanes.every((c) => Number.isInteger(c) && c >= 0)).toBe(true);
    expect(seen.errors).toEqual([]);
    await page.close();
  }, 600_000);
});
