import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builds, fitCell, openApp, settled } from './app';
import { hasChromium, launch, serveStatic, watchErrors } from './harness';

describe.skipIf(!hasChromium)('typing in published figures and fitting them', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  let page: Page;
  let seen: ReturnType<typeof watchErrors>;
  beforeAll(async () => {
    server = await serveStatic(builds().dist);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    seen = watchErrors(page);
    await openApp(page, server.url, '?study=followup2018');
    await settled(page);
    await page.getByRole('tab', { name: 'Targets' }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const add = async (quantity: string, month: string, k: string, n: string) => {
    const form = page.locator('.target-form');
    await form.getByLabel('Quantity').selectOption({ label: quantity });
    await form.getByLabel('Month').fill(month);
    await form.getByLabel('k', { exact: true }).fill(k);
    await form.getByLabel('n', { exact: true }).fill(n);
    await form.getByRole('button', { name: 'Add' }).click();
  };

  it('refuses a figure with k > n and names the field', async () => {
    await add('Overall survival', '24', '60', '50');
    await expect
      .poll(() => page.locator('.notice').last().textContent())
      .toMatch(/k.*not a whole number from 0 to n = 50/);
    expect(await page.locator('table.targets tbody tr').count()).toBe(7);
  });

  it('names the figures that contradict each other instead of silently missing them', async () => {
    // 60% alive at 2 years cannot sit with 84% alive at 5 years: survival never rises.
    await add('Overall survival', '24', '30', '50');
    expect(await page.locator('table.targets tbody tr').count()).toBe(8);
    await expect.poll(() => page.evaluate(() => window.location.search)).toContain('t=');
    await page.getByRole('button', { name: 'Fit to these figures' }).click();
    await expect
      .poll(() => page.locator('.notice').last().textContent(), { timeout: 60_000 })
      .toContain('In conflict');
    const text = (await page.locator('.notice').last().textContent()) ?? '';
    expect(text).toContain('F1');
    expect(text).toContain('T1');
  });

  it('fits a consistent typed-in set and moves the model onto it', async () => {
    await page.getByRole('button', { name: 'Remove T1' }).click();
    await add('Overall survival', '24', '47', '50');
    await page.getByRole('button', { name: 'Fit to these figures' }).click();
    await expect
      .poll(() => page.locator('.notice').last().textContent(), { timeout: 60_000 })
      .toMatch(/Fitted: 6 of 6 .*Not fitted .*F2, F3/);
    await page.getByRole('tab', { name: 'Fit table' }).click();
    await expect.poll(() => fitCell(page, 'T1', 8)).toContain('yes');
    expect(seen.errors).toEqual([]);
  });
});
