import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, openApp, pathOf, settled } from './app';
import { hasChromium, launch, serveStatic, watchErrors } from './harness';

const QUERY = '?study=followup2018&seed=lecture&r=20';

describe.skipIf(!hasChromium)('a panel that fails', () => {
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

  it('shows a message in its place and leaves the rest of the app working', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const seen = watchErrors(page);
    // The "How this works" tab's script never arrives: the tab throws while it is drawn (a real
    // error in the real app, caught by its PanelBoundary), as any bug in a panel would.
    await page.route('**/HowItWorks-*.js', (route) => route.abort());
    await openApp(page, server.url, QUERY);
    await settled(page);

    await page.getByRole('tab', { name: 'How this works' }).click();
    const alert = page.getByRole('tabpanel').getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/could not be drawn/);
    expect(await alert.textContent()).toMatch(/The rest of\s+the page still works/);

    // The rest works: playback moves the playhead, a new seed re-simulates, other tabs draw.
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(Number(await page.getByLabel('Time since transplant').inputValue())).toBeGreaterThan(0);
    const before = await pathOf(page, 'os-km');
    await page.locator('#seed-input').fill('after-panel-error');
    await page.locator('#seed-input').press('Enter');
    await expect.poll(() => pathOf(page, 'os-km'), { timeout: 20_000 }).not.toBe(before);
    await settled(page);
    await page.getByRole('tab', { name: 'Fit table' }).click();
    await page.locator('.fit-table').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    // Caught, not thrown at the page: no uncaught error.
    expect(seen.errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await page.close();
  });
});
